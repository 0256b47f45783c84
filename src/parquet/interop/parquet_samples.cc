#include "parquet/interop/parquet_samples.h"

#include <string>

#include "columnar/builder.h"
#include "types/column_type.h"

namespace quiver::parquet::samples {
namespace {

KeyValueMetadata Role(ColumnType type) {
  return KeyValueMetadata{{std::string(kColumnTypeMetadataKey), std::string(IoxColumnTypeName(type))}};
}

}  // namespace

Result<RecordBatchPtr> AllTypesBatch(int64_t rows) {
  StringDictionaryBuilder host, region;
  Float64Builder f64;
  Int64Builder i64;
  UInt64Builder u64;
  BooleanBuilder b;
  StringBuilder s, u;
  TimestampBuilder time;
  for (int64_t i = 0; i < rows; ++i) {
    if (i % 37 == 5) {
      RETURN_NOT_OK(host.AppendNull());
    } else {
      RETURN_NOT_OK(host.Append("host-" + std::to_string(i / 100 % 7)));
    }
    RETURN_NOT_OK(region.Append("r" + std::to_string(i % 3)));
    RETURN_NOT_OK(i % 11 == 0 ? f64.AppendNull() : f64.Append(static_cast<double>(i) * 0.25 - 100));
    RETURN_NOT_OK(i % 13 == 0 ? i64.AppendNull() : i64.Append((i * i) % 1000 - 500));
    uint64_t uv = i % 2 == 0 ? static_cast<uint64_t>(i) : ~uint64_t{0} - static_cast<uint64_t>(i);
    RETURN_NOT_OK(i % 17 == 0 ? u64.AppendNull() : u64.Append(uv));
    RETURN_NOT_OK(i % 19 == 0 ? b.AppendNull() : b.Append(i % 3 == 0));
    RETURN_NOT_OK(i % 23 == 0 ? s.AppendNull() : s.Append("str-" + std::to_string(i % 50)));
    RETURN_NOT_OK(u.Append("unique-" + std::to_string(i) + "-" + std::string(static_cast<size_t>(i % 5), 'x')));
    RETURN_NOT_OK(time.Append(1'700'000'000'000'000'000 + i * 1'000'000'000));
  }
  std::vector<Field> fields = {
      Field("host", DataType::TagDictionary(), true, Role(ColumnType::Tag())),
      Field("region", DataType::TagDictionary(), false, Role(ColumnType::Tag())),
      Field("f64", DataType::Float64(), true, Role(ColumnType::OfField(FieldType::kFloat))),
      Field("i64", DataType::Int64(), true, Role(ColumnType::OfField(FieldType::kInteger))),
      Field("u64", DataType::UInt64(), true, Role(ColumnType::OfField(FieldType::kUInteger))),
      Field("b", DataType::Boolean(), true, Role(ColumnType::OfField(FieldType::kBoolean))),
      Field("s", DataType::Utf8(), true, Role(ColumnType::OfField(FieldType::kString))),
      Field("u", DataType::Utf8(), true, Role(ColumnType::OfField(FieldType::kString))),
      Field("time", DataType::Timestamp(TimeUnit::kNano), false, Role(ColumnType::Time())),
  };
  std::vector<Array> columns;
  ASSIGN_OR_RETURN(columns.emplace_back(), host.Finish());
  ASSIGN_OR_RETURN(columns.emplace_back(), region.Finish());
  ASSIGN_OR_RETURN(columns.emplace_back(), f64.Finish());
  ASSIGN_OR_RETURN(columns.emplace_back(), i64.Finish());
  ASSIGN_OR_RETURN(columns.emplace_back(), u64.Finish());
  ASSIGN_OR_RETURN(columns.emplace_back(), b.Finish());
  ASSIGN_OR_RETURN(columns.emplace_back(), s.Finish());
  ASSIGN_OR_RETURN(columns.emplace_back(), u.Finish());
  ASSIGN_OR_RETURN(columns.emplace_back(), time.Finish());
  auto schema = MakeSchema(std::move(fields),
                           KeyValueMetadata{{std::string(kMeasurementMetadataKey), "cpu"}});
  return RecordBatch::Make(std::move(schema), rows, std::move(columns));
}

Result<std::vector<RecordBatchPtr>> AllTypesPieces(int64_t rows) {
  ASSIGN_OR_RETURN(RecordBatchPtr all, AllTypesBatch(rows));
  std::vector<RecordBatchPtr> pieces;
  int64_t offset = 0;
  int64_t step = 1;
  while (offset < rows) {
    int64_t take = std::min<int64_t>(rows - offset, 7 + step * 97 % 1231);
    pieces.push_back(all->Slice(offset, take));
    if (step == 2) pieces.push_back(all->Slice(offset, 0));  // an empty batch
    offset += take;
    ++step;
  }
  return pieces;
}

ParquetWriterOptions AllTypesOptions() {
  ParquetWriterOptions options;
  options.max_row_group_rows = 1000;
  options.max_page_rows = 300;
  options.dictionary_page_size_limit = 2000;
  options.sorting_columns = {SortingColumn{8, false, false}};
  return options;
}

Result<RecordBatchPtr> SeriesBatch(int hosts, int points) {
  StringDictionaryBuilder host, region;
  Float64Builder usage;
  Int64Builder count;
  TimestampBuilder time;
  for (int h = 0; h < hosts; ++h) {
    char name[32];
    std::snprintf(name, sizeof(name), "host_%04d", h);
    for (int p = 0; p < points; ++p) {
      RETURN_NOT_OK(host.Append(name));
      RETURN_NOT_OK(region.Append(h % 2 == 0 ? "eu" : "us"));
      RETURN_NOT_OK(usage.Append(50 + (h * 7 + p * 13) % 50 * 0.5));
      RETURN_NOT_OK(count.Append(p + h));
      RETURN_NOT_OK(time.Append(1'700'000'000'000'000'000 + static_cast<int64_t>(p) * 10'000'000'000));
    }
  }
  std::vector<Field> fields = {
      Field("host", DataType::TagDictionary(), true, Role(ColumnType::Tag())),
      Field("region", DataType::TagDictionary(), true, Role(ColumnType::Tag())),
      Field("usage", DataType::Float64(), true, Role(ColumnType::OfField(FieldType::kFloat))),
      Field("count", DataType::Int64(), true, Role(ColumnType::OfField(FieldType::kInteger))),
      Field("time", DataType::Timestamp(TimeUnit::kNano), false, Role(ColumnType::Time())),
  };
  std::vector<Array> columns;
  ASSIGN_OR_RETURN(columns.emplace_back(), host.Finish());
  ASSIGN_OR_RETURN(columns.emplace_back(), region.Finish());
  ASSIGN_OR_RETURN(columns.emplace_back(), usage.Finish());
  ASSIGN_OR_RETURN(columns.emplace_back(), count.Finish());
  ASSIGN_OR_RETURN(columns.emplace_back(), time.Finish());
  return RecordBatch::Make(MakeSchema(std::move(fields)), static_cast<int64_t>(hosts) * points, std::move(columns));
}

}  // namespace quiver::parquet::samples
