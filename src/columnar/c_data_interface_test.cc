#include <gtest/gtest.h>

#include <cstring>

#include "columnar/c_data_export.h"
#include "columnar/c_data_import.h"
#include "columnar/c_stream_interface.h"
#include "columnar/dictionary_normalize.h"
#include "columnar/interop/array_literals.h"
#include "columnar/interop/sample_batches.h"
#include "columnar/validate_array.h"
#include "testing/status_matchers.h"

namespace quiver {
namespace {

using literals::Opt;

class CDataTest : public ::testing::Test {
 protected:
  void SetUp() override { live_at_start_ = LiveCDataExportCount(); }
  // Every exported struct must have been released by the end of each test.
  void TearDown() override { EXPECT_EQ(LiveCDataExportCount(), live_at_start_); }

  int64_t live_at_start_ = 0;
};

RecordBatchPtr Normalized(const RecordBatch& batch) {
  std::vector<Array> columns;
  for (const Array& column : batch.columns()) {
    columns.emplace_back(NormalizeDictionaryIndices(column.data()).ValueOrDie());
  }
  return RecordBatch::MakeUnchecked(NormalizeDictionaryIndexTypes(batch.schema()), batch.num_rows(),
                                    std::move(columns));
}

Result<RecordBatchPtr> RoundTrip(const RecordBatch& batch) {
  ArrowArray c_array;
  ArrowSchema c_schema;
  RETURN_NOT_OK(ExportRecordBatch(batch, &c_array, &c_schema));
  ASSIGN_OR_RETURN(RecordBatchPtr imported, ImportRecordBatch(&c_array, &c_schema));
  EXPECT_EQ(c_array.release, nullptr);  // Consumed.
  EXPECT_EQ(c_schema.release, nullptr);
  return imported;
}

TEST_F(CDataTest, RecordBatchRoundTrips) {
  for (const std::string& name : samples::CanonicalStreamNames()) {
    SCOPED_TRACE(name);
    ASSERT_OK_AND_ASSIGN(samples::SampleStream stream, samples::MakeCanonicalStream(name));
    for (const RecordBatchPtr& batch : stream.batches) {
      ASSERT_OK_AND_ASSIGN(RecordBatchPtr imported, RoundTrip(*batch));
      EXPECT_OK(ValidateRecordBatch(*imported));
      RecordBatchPtr expected = Normalized(*batch);
      EXPECT_TRUE(expected->Equals(*imported)) << expected->ToString() << imported->ToString();
    }
  }
}

TEST_F(CDataTest, SlicedArraysKeepTheirOffsets) {
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr source, samples::SliceSourceBatch());
  for (int64_t offset = 0; offset < source->num_rows(); ++offset) {
    RecordBatchPtr slice = source->Slice(offset, source->num_rows() - offset);
    ASSERT_OK_AND_ASSIGN(RecordBatchPtr imported, RoundTrip(*slice));
    EXPECT_OK(ValidateRecordBatch(*imported));
    EXPECT_TRUE(slice->Equals(*imported)) << "offset " << offset;
    EXPECT_EQ(imported->column(0).offset(), offset);  // Zero-copy: the offset is kept.
  }
}

TEST_F(CDataTest, ImportIsZeroCopyAndKeepsTheProducerAlive) {
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, samples::PrimitivesBatch());
  const uint8_t* original = batch->GetColumnByName("i64").data()->buffers[1]->data();
  ArrowArray c_array;
  ArrowSchema c_schema;
  ASSERT_OK(ExportRecordBatch(*batch, &c_array, &c_schema));
  batch.reset();  // Only the export keeps the data alive now.
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr imported, ImportRecordBatch(&c_array, &c_schema));
  EXPECT_EQ(imported->GetColumnByName("i64").data()->buffers[1]->data(), original);
  EXPECT_GT(LiveCDataExportCount(), live_at_start_);  // Not released while imported data lives.
  Array column = imported->GetColumnByName("utf8");
  imported.reset();
  EXPECT_GT(LiveCDataExportCount(), live_at_start_);  // One column still references it.
  EXPECT_EQ(column.FormatValue(1), "\"h\xc3\xa9llo\"");
  column = Array();
  EXPECT_EQ(LiveCDataExportCount(), live_at_start_);  // Last reference gone: released.
}

TEST_F(CDataTest, FormatStringsFlagsAndMetadata) {
  struct Case {
    DataType type;
    const char* format;
  };
  const Case cases[] = {
      {DataType::Null(), "n"},
      {DataType::Boolean(), "b"},
      {DataType::Int8(), "c"},
      {DataType::UInt64(), "L"},
      {DataType::Float32(), "f"},
      {DataType::Utf8(), "u"},
      {DataType::Binary(), "z"},
      {DataType::Date32(), "tdD"},
      {DataType::Timestamp(TimeUnit::kNano), "tsn:"},
      {DataType::Timestamp(TimeUnit::kMilli, "Europe/Paris"), "tsm:Europe/Paris"},
      {DataType::Duration(TimeUnit::kMicro), "tDu"},
      {DataType::IntervalMonthDayNano(), "tin"},
      {DataType::List(Field("item", DataType::Int64())), "+l"},
      {DataType::Struct({Field("a", DataType::Int32())}), "+s"},
      {DataType::DenseUnion({Field("a", DataType::Int32()), Field("b", DataType::Utf8())}, {5, 7}),
       "+ud:5,7"},
      {DataType::Dictionary(DataType::Int16(), DataType::Utf8(), true), "s"},
  };
  for (const Case& c : cases) {
    ArrowSchema schema;
    ASSERT_OK(ExportType(c.type, &schema));
    EXPECT_STREQ(schema.format, c.format);
    if (c.type.id() == TypeId::kDictionary) {
      EXPECT_STREQ(schema.dictionary->format, "u");
      EXPECT_EQ(schema.flags & ARROW_FLAG_DICTIONARY_ORDERED, ARROW_FLAG_DICTIONARY_ORDERED);
    }
    ASSERT_OK_AND_ASSIGN(DataType imported, ImportType(&schema));
    EXPECT_EQ(imported, NormalizeDictionaryIndexType(c.type)) << imported.ToString();
  }

  KeyValueMetadata metadata;
  metadata.Set("key1", "value1");
  Field field("f",
              DataType::Map(Field("entries",
                                  DataType::Struct({Field("key", DataType::Utf8(), false),
                                                    Field("value", DataType::Int64())}),
                                  false),
                            true),
              false, metadata);
  ArrowSchema schema;
  ASSERT_OK(ExportField(field, &schema));
  EXPECT_STREQ(schema.format, "+m");
  EXPECT_STREQ(schema.name, "f");
  EXPECT_EQ(schema.flags, ARROW_FLAG_MAP_KEYS_SORTED);  // Not nullable, keys sorted.
  // The specification's own example encoding of [('key1', 'value1')].
  const char kEncoded[] = "\x01\x00\x00\x00\x04\x00\x00\x00key1\x06\x00\x00\x00value1";
  EXPECT_EQ(std::memcmp(schema.metadata, kEncoded, sizeof(kEncoded) - 1), 0);
  EXPECT_STREQ(schema.children[0]->name, "entries");
  EXPECT_EQ(schema.children[0]->flags, 0);
  ASSERT_OK_AND_ASSIGN(Field imported, ImportField(&schema));
  EXPECT_EQ(imported, field);
}

TEST_F(CDataTest, ConsumerMayMoveChildrenOut) {
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, samples::NestedBatch());
  ArrowArray parent;
  ArrowSchema parent_schema;
  ASSERT_OK(ExportRecordBatch(*batch, &parent, &parent_schema));
  // Move column 2 (struct) and its schema out, then release the parents at once.
  ArrowArray child = *parent.children[2];
  parent.children[2]->release = nullptr;
  ArrowSchema child_schema = *parent_schema.children[2];
  parent_schema.children[2]->release = nullptr;
  parent.release(&parent);
  parent_schema.release(&parent_schema);
  EXPECT_EQ(parent.release, nullptr);
  EXPECT_GT(LiveCDataExportCount(), live_at_start_);
  ASSERT_OK_AND_ASSIGN(Array imported, ImportArray(&child, &child_schema));
  EXPECT_TRUE(imported.Equals(batch->column(2)));
  imported = Array();
  EXPECT_EQ(LiveCDataExportCount(), live_at_start_);
}

TEST_F(CDataTest, UnknownNullCountIsComputed) {
  ASSERT_OK_AND_ASSIGN(Array ints,
                       literals::Numbers<int32_t>({1, Opt<int32_t>(), Opt<int32_t>(), 4}));
  ArrowArray c_array;
  ArrowSchema c_schema;
  ASSERT_OK(ExportArray(ints.Slice(1, 3), &c_array, &c_schema));
  c_array.null_count = -1;
  ASSERT_OK_AND_ASSIGN(Array imported, ImportArray(&c_array, &c_schema));
  EXPECT_EQ(imported.null_count(), 2);
  EXPECT_EQ(imported.ToString(), "[null, null, 4]");
}

TEST_F(CDataTest, DictionaryIndicesAreWidened) {
  ASSERT_OK_AND_ASSIGN(Array values, literals::Strings({"a", "b"}));
  ASSERT_OK_AND_ASSIGN(Array dict,
                       literals::Dictionary(DataType::UInt8(), {1, Opt<int64_t>(), 0}, values));
  ArrowArray c_array;
  ArrowSchema c_schema;
  ASSERT_OK(ExportArray(dict, &c_array, &c_schema));
  EXPECT_STREQ(c_schema.format, "C");
  ASSERT_OK_AND_ASSIGN(Array imported, ImportArray(&c_array, &c_schema));
  ASSERT_EQ(imported.type(), DataType::Dictionary(DataType::Int32(), DataType::Utf8()));
  DictionaryArray typed(imported);
  EXPECT_EQ(typed.StringValue(0), "b");
  EXPECT_TRUE(typed.IsNull(1));
  EXPECT_EQ(typed.StringValue(2), "a");
}

TEST_F(CDataTest, ImportErrorsStillConsumeTheStructs) {
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, samples::PrimitivesBatch());
  ArrowArray c_array;
  ArrowSchema c_schema;
  ASSERT_OK(ExportRecordBatch(*batch, &c_array, &c_schema));
  // Pretend the type is not a struct: import fails, but both structs are released.
  ArrowSchema int_schema;
  ASSERT_OK(ExportType(DataType::Int64(), &int_schema));
  c_schema.release(&c_schema);
  ASSERT_RAISES(kInvalidArgument, ImportRecordBatch(&c_array, &int_schema));
  EXPECT_EQ(c_array.release, nullptr);
  EXPECT_EQ(int_schema.release, nullptr);
  // Already released structs are rejected.
  ASSERT_RAISES(kInvalidArgument, ImportType(&int_schema));

  // A format Quiver does not model.
  ArrowSchema large_string{};
  large_string.format = "U";
  large_string.release = [](ArrowSchema* s) { s->release = nullptr; };
  Status st = ImportType(&large_string).status();
  EXPECT_EQ(st.code(), StatusCode::kNotImplemented);
  EXPECT_NE(st.message().find("'U'"), std::string::npos) << st.ToString();
}

TEST_F(CDataTest, StreamRoundTrip) {
  ASSERT_OK_AND_ASSIGN(samples::SampleStream stream,
                       samples::MakeCanonicalStream("dictionary_deltas"));
  ArrowArrayStream c_stream;
  ASSERT_OK(ExportRecordBatchReader(MakeVectorRecordBatchReader(stream.schema, stream.batches),
                                    &c_stream));
  ASSERT_OK_AND_ASSIGN(auto reader, ImportRecordBatchReader(&c_stream));
  EXPECT_EQ(c_stream.release, nullptr);
  EXPECT_EQ(*reader->schema(), *NormalizeDictionaryIndexTypes(stream.schema));
  ASSERT_OK_AND_ASSIGN(auto batches, reader->ReadAll());
  ASSERT_EQ(batches.size(), stream.batches.size());
  for (size_t i = 0; i < batches.size(); ++i) {
    EXPECT_TRUE(Normalized(*stream.batches[i])->Equals(*batches[i]));
  }
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr after_end, reader->Next());
  EXPECT_EQ(after_end, nullptr);
}

class FailingReader final : public RecordBatchReader {
 public:
  explicit FailingReader(SchemaPtr schema) : schema_(std::move(schema)) {}
  SchemaPtr schema() const override { return schema_; }
  Result<RecordBatchPtr> Next() override { return Status::IOError("disk on fire"); }

 private:
  SchemaPtr schema_;
};

TEST_F(CDataTest, StreamErrorsCarryTheMessage) {
  ArrowArrayStream c_stream;
  ASSERT_OK(ExportRecordBatchReader(
      std::make_unique<FailingReader>(MakeSchema({Field("a", DataType::Int64())})), &c_stream));
  ArrowArray out;
  EXPECT_EQ(c_stream.get_last_error(&c_stream), nullptr);
  EXPECT_NE(c_stream.get_next(&c_stream, &out), 0);
  EXPECT_NE(std::string(c_stream.get_last_error(&c_stream)).find("disk on fire"),
            std::string::npos);

  ASSERT_OK_AND_ASSIGN(auto reader, ImportRecordBatchReader(&c_stream));
  Status st = reader->Next().status();
  EXPECT_EQ(st.code(), StatusCode::kIOError);
  EXPECT_NE(st.message().find("disk on fire"), std::string::npos) << st.ToString();
}

}  // namespace
}  // namespace quiver
