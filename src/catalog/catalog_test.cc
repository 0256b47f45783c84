#include "catalog/catalog.h"

#include <gtest/gtest.h>

#include "catalog/catalog_checkpoint.h"
#include "catalog/catalog_op.h"
#include "catalog/names.h"
#include "objectstore/memory_object_store.h"
#include "testing/status_matchers.h"

namespace quiver {
namespace {

class CatalogTest : public ::testing::Test {
 protected:
  std::unique_ptr<Catalog> Open(CatalogOptions options = {}) {
    auto catalog = Catalog::Open(&store_, options, &clock_);
    EXPECT_TRUE(catalog.ok()) << catalog.status().ToString();
    return catalog.ok() ? std::move(*catalog) : nullptr;
  }

  // Schema-on-write for one line's worth of columns.
  Status WriteColumns(Catalog& catalog, std::string_view db, std::string_view table,
                      std::vector<std::pair<std::string, ColumnType>> columns) {
    return catalog
        .Commit([&](CatalogTransaction& tx) -> Status {
          ASSIGN_OR_RETURN(const DatabaseSchema* d, tx.DatabaseForWrite(db));
          DbId db_id = d->id();
          ASSIGN_OR_RETURN(const TableSchema* t, tx.TableForWrite(db_id, table));
          TableId table_id = t->id();
          for (const auto& [name, type] : columns) {
            RETURN_NOT_OK(tx.ColumnForWrite(db_id, table_id, name, type).status());
          }
          return Status::OK();
        })
        .status();
  }

  MemoryObjectStore store_;
  ManualClock clock_{1'700'000'000'000'000'000};
};

TEST_F(CatalogTest, SchemaOnWriteCreatesDatabaseTableAndColumns) {
  auto catalog = Open();
  ASSERT_OK(WriteColumns(*catalog, "plant", "boiler",
                         {{"site", ColumnType::Tag()}, {"temp", ColumnType::OfField(FieldType::kFloat)}}));
  auto snapshot = catalog->snapshot();
  const DatabaseSchema* db = snapshot->FindDatabase("plant");
  ASSERT_NE(db, nullptr);
  const TableSchema* table = db->FindTable("boiler");
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->columns().size(), 3u);
  EXPECT_EQ(table->num_tags(), 1);
  EXPECT_EQ(table->FindColumn("temp")->type, ColumnType::OfField(FieldType::kFloat));
  EXPECT_EQ(table->arrow_schema()->ToString(),
            "site: dictionary<values=string, indices=int32>\ntemp: double\ntime: timestamp[ns] not null\n");
  EXPECT_EQ(*table->arrow_schema()->field(1).metadata().Get("iox::column::type"),
            "iox::column_type::field::float");
}

TEST_F(CatalogTest, NoChangeMeansNoCommit) {
  auto catalog = Open();
  ASSERT_OK(WriteColumns(*catalog, "db", "t", {{"v", ColumnType::OfField(FieldType::kInteger)}}));
  uint64_t sequence = catalog->snapshot()->sequence();
  ASSERT_OK(WriteColumns(*catalog, "db", "t", {{"v", ColumnType::OfField(FieldType::kInteger)}}));
  EXPECT_EQ(catalog->snapshot()->sequence(), sequence);
}

TEST_F(CatalogTest, TypeConflictNamesBothTypes) {
  auto catalog = Open();
  ASSERT_OK(WriteColumns(*catalog, "db", "t", {{"v", ColumnType::OfField(FieldType::kFloat)}}));
  Status status = WriteColumns(*catalog, "db", "t", {{"v", ColumnType::OfField(FieldType::kString)}});
  ASSERT_RAISES(kInvalidArgument, status);
  EXPECT_EQ(status.message(),
            "invalid column type for column 'v', expected iox::column_type::field::float, got "
            "iox::column_type::field::string");
  status = WriteColumns(*catalog, "db", "t", {{"v", ColumnType::Tag()}});
  EXPECT_EQ(status.message(),
            "invalid column type for column 'v', expected iox::column_type::field::float, got "
            "iox::column_type::tag");
}

TEST_F(CatalogTest, ReservedAndInvalidNames) {
  auto catalog = Open();
  Status status = WriteColumns(*catalog, "db", "t", {{"time", ColumnType::OfField(FieldType::kFloat)}});
  EXPECT_EQ(status.message(), "'time' is a reserved column");
  EXPECT_OK(ValidateDatabaseName("my-db_1"));
  EXPECT_OK(ValidateDatabaseName("db/rp"));
  EXPECT_EQ(ValidateDatabaseName("").message(), "db name cannot be empty");
  for (const char* bad : {"_db", "a/b/c", "db/", "db name", "d\xc3\xa9"}) {
    ASSERT_RAISES(kInvalidArgument, ValidateDatabaseName(bad));
  }
}

TEST_F(CatalogTest, LimitsUseInfluxWording) {
  CatalogOptions options;
  options.limits.max_databases = 2;
  options.limits.max_tables_per_database = 1;
  options.limits.max_columns_per_table = 2;
  auto catalog = Open(options);
  ASSERT_OK(WriteColumns(*catalog, "a", "t", {{"x", ColumnType::Tag()}, {"y", ColumnType::Tag()}}));
  Status status = WriteColumns(*catalog, "a", "t", {{"z", ColumnType::Tag()}});
  ASSERT_RAISES(kResourceExhausted, status);
  EXPECT_EQ(status.message(), "Update to schema would exceed number of columns per table limit of 2 columns");
  status = WriteColumns(*catalog, "a", "t2", {});
  EXPECT_EQ(status.message(),
            "Update to schema would exceed number of tables limit: attempted to create table but "
            "already have 1 table(s) (limit: 1)");
  ASSERT_OK(WriteColumns(*catalog, "b", "t", {}));
  status = WriteColumns(*catalog, "c", "t", {});
  EXPECT_EQ(status.message(), "Adding a new database would exceed limit of 2 databases");
}

TEST_F(CatalogTest, PartialFailureKeepsEarlierChangesOfTheTransaction) {
  CatalogOptions options;
  options.limits.max_columns_per_table = 1;
  auto catalog = Open(options);
  ASSERT_OK(catalog
                ->Commit([](CatalogTransaction& tx) -> Status {
                  ASSIGN_OR_RETURN(auto* db, tx.DatabaseForWrite("db"));
                  DbId db_id = db->id();  // `db` is invalidated by the next change
                  ASSIGN_OR_RETURN(auto* t, tx.TableForWrite(db_id, "t"));
                  TableId table = t->id();
                  EXPECT_TRUE(tx.ColumnForWrite(db_id, table, "a", ColumnType::Tag()).ok());
                  // The second column exceeds the limit: this "line" fails, the rest stays.
                  EXPECT_FALSE(tx.ColumnForWrite(db_id, table, "b", ColumnType::Tag()).ok());
                  return Status::OK();
                })
                .status());
  const TableSchema* t = catalog->snapshot()->FindDatabase("db")->FindTable("t");
  EXPECT_NE(t->FindColumn("a"), nullptr);
  EXPECT_EQ(t->FindColumn("b"), nullptr);
}

TEST_F(CatalogTest, ReloadsFromLogAndCheckpoint) {
  CatalogOptions options;
  options.checkpoint_interval = 3;
  std::string catalog_id;
  {
    auto catalog = Open(options);
    catalog_id = catalog->snapshot()->catalog_id();
    for (int i = 0; i < 7; ++i) {
      ASSERT_OK(WriteColumns(*catalog, "db", "t" + std::to_string(i % 3),
                             {{"tag" + std::to_string(i), ColumnType::Tag()},
                              {"f" + std::to_string(i), ColumnType::OfField(FieldType::kUInteger)}}));
    }
    ASSERT_OK(catalog->Commit([](CatalogTransaction& tx) { return tx.DeleteTable("db", "t1", 0); })
                  .status());
    ASSERT_OK(catalog->Commit([](CatalogTransaction& tx) {
                        return tx.CreateDatabase("other", int64_t{86'400'000'000'000});
                      }).status());
  }
  auto before_keys = store_.List("quiver/catalog/v1/logs/");
  ASSERT_OK(before_keys);
  EXPECT_LT(before_keys->size(), 9u);  // Checkpoints pruned covered logs.
  auto reopened = Open(options);
  auto snapshot = reopened->snapshot();
  EXPECT_EQ(snapshot->catalog_id(), catalog_id);
  EXPECT_EQ(snapshot->sequence(), 9u);
  const DatabaseSchema* db = snapshot->FindDatabase("db");
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->num_live_tables(), 2);
  EXPECT_EQ(db->FindTable("t1"), nullptr);
  const TableSchema* t0 = db->FindTable("t0");
  ASSERT_NE(t0, nullptr);
  // t0 received columns from writes 0, 3 and 6, tags in first-seen order.
  std::vector<std::string> tags;
  for (ColumnId id : t0->series_key()) tags.push_back(t0->ColumnById(id)->name);
  EXPECT_EQ(tags, (std::vector<std::string>{"tag0", "tag3", "tag6"}));
  EXPECT_EQ(*snapshot->FindDatabase("other")->retention_period(), 86'400'000'000'000);
}

TEST_F(CatalogTest, CheckpointRoundTripPreservesDeletedObjects) {
  auto catalog = Open();
  ASSERT_OK(WriteColumns(*catalog, "db", "cpu", {{"host", ColumnType::Tag()}}));
  ASSERT_OK(catalog->Commit([](CatalogTransaction& tx) { return tx.DeleteTable("db", "cpu", 0); }).status());
  ASSERT_OK(WriteColumns(*catalog, "db", "cpu", {{"v", ColumnType::OfField(FieldType::kBoolean)}}));
  ASSERT_OK(catalog->Commit([](CatalogTransaction& tx) { return tx.DeleteDatabase("db", 5); }).status());
  auto snapshot = catalog->snapshot();
  std::string encoded = EncodeCatalogCheckpoint(*snapshot);
  ASSERT_OK_AND_ASSIGN(CatalogSnapshotPtr decoded, DecodeCatalogCheckpoint(encoded, "test"));
  EXPECT_EQ(EncodeCatalogCheckpoint(*decoded), encoded);
  EXPECT_EQ(decoded->num_live_databases(), 0);
  const DatabaseSchema* deleted = decoded->DatabaseById(0);
  ASSERT_NE(deleted, nullptr);
  EXPECT_TRUE(deleted->deleted());
  EXPECT_EQ(deleted->name(), "db-20231114T221320");
  EXPECT_EQ(deleted->tables_by_id().size(), 2u);
}

TEST_F(CatalogTest, DeletedDatabaseFreesNameAndLimit) {
  CatalogOptions options;
  options.limits.max_databases = 1;
  auto catalog = Open(options);
  ASSERT_OK(WriteColumns(*catalog, "db", "t", {}));
  ASSERT_OK(catalog->Commit([](CatalogTransaction& tx) { return tx.DeleteDatabase("db", 0); }).status());
  ASSERT_OK(WriteColumns(*catalog, "db", "t", {}));
  EXPECT_EQ(catalog->snapshot()->FindDatabase("db")->id(), 1u);
}

TEST_F(CatalogTest, ExplicitCreateReportsConflicts) {
  auto catalog = Open();
  auto create = [&](std::string table) {
    return catalog
        ->Commit([&](CatalogTransaction& tx) {
          return tx.CreateTable("plant", table, {"site", "unit"}, {{"temp", FieldType::kFloat}});
        })
        .status();
  };
  ASSERT_OK(create("boiler"));
  ASSERT_RAISES(kAlreadyExists, create("boiler"));
  const TableSchema* t = catalog->snapshot()->FindDatabase("plant")->FindTable("boiler");
  EXPECT_EQ(t->num_tags(), 2);
  ASSERT_RAISES(kAlreadyExists,
                catalog->Commit([](CatalogTransaction& tx) { return tx.CreateDatabase("plant", {}); })
                    .status());
  ASSERT_RAISES(kNotFound,
                catalog->Commit([](CatalogTransaction& tx) { return tx.DeleteDatabase("nope", 0); })
                    .status());
}

TEST_F(CatalogTest, CorruptLogRefusesToLoad) {
  {
    auto catalog = Open();
    ASSERT_OK(WriteColumns(*catalog, "db", "t", {}));
  }
  ASSERT_OK(store_.Put("quiver/catalog/v1/logs/00000000000000000001.json", "{not json"));
  auto reopened = Catalog::Open(&store_, {}, &clock_);
  ASSERT_RAISES(kCorruption, reopened);
  EXPECT_NE(reopened.status().message().find("00000000000000000001.json"), std::string::npos);
}

}  // namespace
}  // namespace quiver
