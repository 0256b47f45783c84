#include "db/information_schema_source.h"

#include "columnar/builder.h"
#include "sql/information_schema.h"
#include "sql/sql_types.h"

namespace quiver {

namespace {

// Appends a value or, for nullopt, a null, to the Utf8 builder.
void Put(StringBuilder& b, std::optional<std::string_view> v) {
  if (v) {
    (void)b.Append(*v);
  } else {
    (void)b.AppendNull();
  }
}

}  // namespace

Result<RecordBatchPtr> InformationSchemaSource::Build(ExecContext& ctx) const {
  MemoryPool* pool = ctx.pool();
  if (view_ == "tables") {
    StringBuilder catalog(DataType::Utf8(), pool), schema(DataType::Utf8(), pool), name(DataType::Utf8(), pool),
        type(DataType::Utf8(), pool);
    for (const TableInfo& t : tables_) {
      Put(catalog, kDefaultCatalogName);
      Put(schema, t.ref.schema);
      Put(name, t.ref.name);
      Put(type, t.ref.schema == kInformationSchemaName ? "VIEW" : "BASE TABLE");
    }
    SchemaPtr s = InformationSchemaTablesSchema();
    return RecordBatch::MakeUnchecked(s, static_cast<int64_t>(tables_.size()),
                                      {*catalog.Finish(), *schema.Finish(), *name.Finish(), *type.Finish()});
  }
  if (view_ == "columns") {
    SchemaPtr s = InformationSchemaColumnsSchema();
    std::vector<StringBuilder> strings;
    for (int i = 0; i < 4; ++i) strings.emplace_back(DataType::Utf8(), pool);
    UInt64Builder ordinal(DataType::UInt64(), pool);
    StringBuilder column_default(DataType::Utf8(), pool), nullable(DataType::Utf8(), pool), data_type(DataType::Utf8(), pool);
    int64_t rows = 0;
    for (const TableInfo& t : tables_) {
      for (int c = 0; c < t.schema->num_fields(); ++c) {
        const Field& f = t.schema->field(c);
        Put(strings[0], kDefaultCatalogName);
        Put(strings[1], t.ref.schema);
        Put(strings[2], t.ref.name);
        Put(strings[3], f.name());
        (void)ordinal.Append(static_cast<uint64_t>(c));
        Put(column_default, std::nullopt);
        Put(nullable, f.nullable() ? "YES" : "NO");
        Put(data_type, sql::DataFusionTypeName(f.type()));
        ++rows;
      }
    }
    std::vector<Array> columns = {*strings[0].Finish(), *strings[1].Finish(), *strings[2].Finish(),
                                  *strings[3].Finish(), *ordinal.Finish(),     *column_default.Finish(),
                                  *nullable.Finish(),   *data_type.Finish()};
    // The remaining columns (lengths, precision, ...) are NULL for every Quiver type.
    for (int c = static_cast<int>(columns.size()); c < s->num_fields(); ++c) {
      columns.push_back(MakeNullArray(s->field(c).type(), rows));
    }
    return RecordBatch::MakeUnchecked(s, rows, std::move(columns));
  }
  if (view_ == "schemata") {
    SchemaPtr s = InformationSchemaSchemataSchema();
    const std::vector<std::string_view> schemas = {kUserTableSchemaName, kSystemSchemaName, kInformationSchemaName};
    StringBuilder catalog(DataType::Utf8(), pool), name(DataType::Utf8(), pool);
    for (std::string_view schema : schemas) {
      Put(catalog, kDefaultCatalogName);
      Put(name, schema);
    }
    int64_t rows = static_cast<int64_t>(schemas.size());
    std::vector<Array> columns = {*catalog.Finish(), *name.Finish()};
    for (int c = 2; c < s->num_fields(); ++c) columns.push_back(MakeNullArray(s->field(c).type(), rows));
    return RecordBatch::MakeUnchecked(s, rows, std::move(columns));
  }
  if (view_ == "df_settings" || view_ == "views") {
    SchemaPtr s = view_ == "df_settings" ? InformationSchemaDfSettingsSchema() : InformationSchemaViewsSchema();
    return RecordBatch::MakeEmpty(s);
  }
  return Status::NotFound("information_schema.{} does not exist", view_);
}

Result<std::vector<Morsel>> InformationSchemaSource::Scan(const ScanSpec& spec, ExecContext& ctx) {
  ASSIGN_OR_RETURN(RecordBatchPtr batch, Build(ctx));
  std::vector<Field> fields;
  std::vector<Array> columns;
  for (int c : spec.projection) {
    fields.push_back(batch->schema()->field(c));
    columns.push_back(batch->column(c));
  }
  auto projected = RecordBatch::MakeUnchecked(MakeSchema(std::move(fields)), batch->num_rows(), std::move(columns));
  return std::vector<Morsel>{Morsel{projected, nullptr}};
}

}  // namespace quiver
