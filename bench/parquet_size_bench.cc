// quiver_parquet_size_bench: bytes per field value of Quiver's Parquet files on TSBS
// cpu-only data, under a list of writer configurations (bench/parquet_size_bench.py
// drives it and adds the DuckDB and InfluxDB 1.x TSM peers; results in bench/README.md).
//
//   quiver_parquet_size_bench LP_FILE [--out=FILE] [--configs=all|default|NAME,...]
//                                     [--floats]
//
// LP_FILE is line protocol as quiver_tsbs_cpu_gen writes it. The rows are parsed with
// Quiver's line-protocol parser into Arrow columns (tags Dictionary(Int32, Utf8) in
// alphabetical order, then the fields, then time) and sorted and deduplicated by
// (tags..., time) with columnar's SortAndDeduplicate -- exactly what persistence does.
// Each configuration writes the whole table to memory; the default one is read back and
// compared. --out writes the default configuration's file. --floats adds float
// experiments: the same walks as Float64 (integral values), full-precision float walks,
// and walks rounded to 2 decimals, each with PLAIN and BYTE_STREAM_SPLIT.
//
// Output: one line per configuration, "name bytes B/value B/row seconds", then JSON lines.

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "columnar/builder.h"
#include "columnar/sort_deduplicate.h"
#include "lineproto/line_parser.h"
#include "parquet/file_reader.h"
#include "parquet/file_writer.h"
#include "types/column_type.h"

namespace {

using namespace quiver;
using namespace quiver::parquet;

[[noreturn]] void Die(const Status& status) {
  std::fprintf(stderr, "%s\n", status.ToString().c_str());
  std::exit(1);
}

template <typename T>
T Check(Result<T> result) {
  if (!result.ok()) Die(result.status());
  return std::move(*result);
}

KeyValueMetadata Role(ColumnType type) {
  return KeyValueMetadata{{std::string(kColumnTypeMetadataKey), std::string(IoxColumnTypeName(type))}};
}

struct Table {
  RecordBatchPtr batch;
  int num_fields = 0;
};

Table ParseTsbs(const std::string& body) {
  lineproto::LineProtocolParser parser;
  parser.Reset(body);
  std::map<std::string, StringDictionaryBuilder> tags;
  std::map<std::string, Int64Builder> fields;
  TimestampBuilder time;
  int64_t rows = 0;
  while (parser.Next()) {
    if (!parser.ok()) Die(parser.error().ToStatus());
    const lineproto::ParsedLine& line = parser.line();
    for (const lineproto::Tag& tag : line.tags) {
      auto& builder = tags[std::string(tag.key)];
      if (builder.length() != rows) Die(Status::InvalidArgument("lines must all have the same tags"));
      if (!builder.Append(tag.value).ok()) Die(Status::Internal("append"));
    }
    for (const lineproto::Field& field : line.fields) {
      auto& builder = fields[std::string(field.key)];
      if (field.value.kind != lineproto::FieldKind::kInteger || builder.length() != rows) {
        Die(Status::InvalidArgument("expected TSBS cpu-only integer fields"));
      }
      if (!builder.Append(field.value.integer_value).ok()) Die(Status::Internal("append"));
    }
    if (!time.Append(line.timestamp).ok()) Die(Status::Internal("append"));
    ++rows;
  }
  std::vector<Field> schema_fields;
  std::vector<Array> columns;
  std::vector<int> keys;
  for (auto& [name, builder] : tags) {
    keys.push_back(static_cast<int>(columns.size()));
    schema_fields.emplace_back(name, DataType::TagDictionary(), true, Role(ColumnType::Tag()));
    columns.push_back(Check(builder.Finish()));
  }
  for (auto& [name, builder] : fields) {
    schema_fields.emplace_back(name, DataType::Int64(), true, Role(ColumnType::OfField(FieldType::kInteger)));
    columns.push_back(Check(builder.Finish()));
  }
  keys.push_back(static_cast<int>(columns.size()));
  schema_fields.emplace_back("time", DataType::Timestamp(TimeUnit::kNano), false, Role(ColumnType::Time()));
  columns.push_back(Check(time.Finish()));
  auto schema = MakeSchema(std::move(schema_fields), KeyValueMetadata{{std::string(kMeasurementMetadataKey), "cpu"}});
  RecordBatchPtr batch = Check(RecordBatch::Make(schema, rows, std::move(columns)));
  batch = Check(SortAndDeduplicate(*batch, keys, /*deduplicate=*/true));
  return Table{batch, static_cast<int>(fields.size())};
}

// The integer fields replaced by Float64 columns: `mode` 0 = the same values as doubles,
// 1 = full-precision random walks of the same shape, 2 = those walks rounded to 0.01.
RecordBatchPtr WithFloatFields(const Table& table, int mode) {
  const RecordBatch& batch = *table.batch;
  std::vector<Field> fields = batch.schema()->fields();
  std::vector<Array> columns = batch.columns();
  int first_field = batch.num_columns() - 1 - table.num_fields;
  std::mt19937_64 rng(99);
  std::normal_distribution<double> step(0.0, 1.0);
  std::uniform_real_distribution<double> start(0.0, 100.0);
  // Rows are sorted by series then time: restart each walk at a series change.
  const int64_t* times = Int64Array(batch.column(batch.num_columns() - 1)).raw_values();
  for (int f = first_field; f < first_field + table.num_fields; ++f) {
    Int64Array ints(batch.column(f));
    Float64Builder builder;
    double walk = start(rng);
    for (int64_t i = 0; i < batch.num_rows(); ++i) {
      if (i > 0 && times[i] < times[i - 1]) walk = start(rng);
      double v;
      if (mode == 0) {
        v = static_cast<double>(ints.Value(i));
      } else {
        walk = std::clamp(walk + step(rng), 0.0, 100.0);
        v = mode == 1 ? walk : std::round(walk * 100) / 100;
      }
      if (!builder.Append(v).ok()) Die(Status::Internal("append"));
    }
    fields[f] = fields[f].WithType(DataType::Float64());
    columns[f] = Check(builder.Finish());
  }
  return Check(RecordBatch::Make(MakeSchema(fields, batch.schema()->metadata()), batch.num_rows(), columns));
}

struct Config {
  std::string name;
  std::function<void(ParquetWriterOptions*)> apply;
};

std::vector<Config> IntegerConfigs() {
  using O = ParquetWriterOptions;
  std::vector<Config> configs = {
      {"default", [](O*) {}},
      {"zstd1", [](O* o) { o->compression_level = 1; }},
      {"zstd6", [](O* o) { o->compression_level = 6; }},
      {"zstd9", [](O* o) { o->compression_level = 9; }},
      {"zstd15", [](O* o) { o->compression_level = 15; }},
      {"zstd19", [](O* o) { o->compression_level = 19; }},
      {"zstd22", [](O* o) { o->compression_level = 22; }},
      {"snappy", [](O* o) { o->compression = CompressionCodec::kSnappy; }},
      {"uncompressed", [](O* o) { o->compression = CompressionCodec::kUncompressed; }},
      {"int_plain", [](O* o) { o->integer_encoding = Encoding::kPlain; }},
      {"int_bss", [](O* o) { o->integer_encoding = Encoding::kByteStreamSplit; }},
      {"delta_nibble", [](O* o) { o->delta.bit_width_granularity = 4; }},
      {"delta_byte", [](O* o) { o->delta.bit_width_granularity = 8; }},
      {"stable_1", [](O* o) { o->delta = {128, 4, 1, true}; }},
      {"stable_nibble", [](O* o) { o->delta = {128, 4, 4, true}; }},
      {"stable_byte", [](O* o) { o->delta = {128, 4, 8, true}; }},
      {"stable_nibble_1024x8", [](O* o) { o->delta = {1024, 8, 4, true}; }},
      {"stable_byte_1024x8", [](O* o) { o->delta = {1024, 8, 8, true}; }},
      {"stable_nibble_4096x1", [](O* o) { o->delta = {4096, 1, 4, true}; }},
      {"stable_byte_4096x1", [](O* o) { o->delta = {4096, 1, 8, true}; }},
      {"stable_byte_4096x1_z9", [](O* o) { o->delta = {4096, 1, 8, true}; o->compression_level = 9; }},
      {"stable_byte_4096x1_z19", [](O* o) { o->delta = {4096, 1, 8, true}; o->compression_level = 19; }},
      {"stable_nibble_4096x1_z19", [](O* o) { o->delta = {4096, 1, 4, true}; o->compression_level = 19; }},
      {"nib_128x4_mm7", [](O* o) { o->delta = {128, 4, 4, true}; o->zstd_min_match = 7; }},
      {"nib_1024x8_mm7", [](O* o) { o->delta = {1024, 8, 4, true}; o->zstd_min_match = 7; }},
      {"nib_1024x8_mm7_p100k", [](O* o) { o->delta = {1024, 8, 4, true}; o->zstd_min_match = 7; o->max_page_rows = 100'000; }},
      {"nib_1024x8_mm7_g1m", [](O* o) { o->delta = {1024, 8, 4, true}; o->zstd_min_match = 7; o->max_page_rows = 100'000; o->max_row_group_rows = 1'000'000; }},
      {"nib_4096x1_mm7", [](O* o) { o->delta = {4096, 1, 4, true}; o->zstd_min_match = 7; }},
      {"nib_2048x16_mm7", [](O* o) { o->delta = {2048, 16, 4, true}; o->zstd_min_match = 7; }},
      {"bits_128x4_mm7", [](O* o) { o->delta = {128, 4, 1, true}; o->zstd_min_match = 7; }},
      {"byte_1024x8_mm7", [](O* o) { o->delta = {1024, 8, 8, true}; o->zstd_min_match = 7; }},
      {"nib_1024x8_mm6", [](O* o) { o->delta = {1024, 8, 4, true}; o->zstd_min_match = 6; }},
      {"nib_1024x8_mm7_z9", [](O* o) { o->delta = {1024, 8, 4, true}; o->zstd_min_match = 7; o->compression_level = 9; }},
      {"delta_256x8", [](O* o) { o->delta = {256, 8, 1}; }},
      {"delta_128x1", [](O* o) { o->delta = {128, 1, 1}; }},
      {"delta_1024x32", [](O* o) { o->delta = {1024, 32, 1}; }},
      {"pages_8k", [](O* o) { o->max_page_rows = 8192; }},
      {"pages_50k", [](O* o) { o->max_page_rows = 50'000; }},
      {"pages_100k", [](O* o) { o->max_page_rows = 100'000; }},
      {"groups_1m", [](O* o) { o->max_row_group_rows = 1'000'000; o->max_page_rows = 100'000; }},
      {"no_index_no_stats", [](O* o) { o->write_page_index = false; o->write_statistics = false; }},
      {"v2_pages", [](O* o) { o->data_page_version = 2; }},
  };
  return configs;
}

struct Outcome {
  std::string name;
  int64_t bytes = 0;
  double seconds = 0;
};

Outcome Measure(const std::string& name, const RecordBatchPtr& batch, const ParquetWriterOptions& options,
                std::string* file) {
  auto start = std::chrono::steady_clock::now();
  std::vector<RecordBatchPtr> batches = {batch};
  std::string bytes = Check(WriteParquetFile(batch->schema(), batches, options));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Outcome out{name, static_cast<int64_t>(bytes.size()), seconds};
  if (file) *file = std::move(bytes);
  return out;
}

void Print(const Outcome& o, int64_t rows, int num_fields, std::vector<std::string>* json) {
  double per_value = static_cast<double>(o.bytes) / static_cast<double>(rows * num_fields);
  std::printf("%-28s %12lld  %.4f B/value  %.3f B/row  %.2f s\n", o.name.c_str(),
              static_cast<long long>(o.bytes), per_value, static_cast<double>(o.bytes) / rows, o.seconds);
  char line[256];
  std::snprintf(line, sizeof(line), "{\"name\":\"%s\",\"bytes\":%lld,\"bytes_per_value\":%.5f,\"seconds\":%.3f}",
                o.name.c_str(), static_cast<long long>(o.bytes), per_value, o.seconds);
  json->push_back(line);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s LP_FILE [--out=FILE] [--configs=all|default|NAME,...] [--floats]\n", argv[0]);
    return 2;
  }
  std::string out_path, which = "all";
  bool floats = false;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--out=", 0) == 0) out_path = arg.substr(6);
    else if (arg.rfind("--configs=", 0) == 0) which = arg.substr(10);
    else if (arg == "--floats") floats = true;
    else return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  auto parse_start = std::chrono::steady_clock::now();
  Table table = ParseTsbs(ss.str());
  const int64_t rows = table.batch->num_rows();
  std::printf("rows %lld, fields %d, columns %d (parse + sort %.2f s)\n", static_cast<long long>(rows),
              table.num_fields, table.batch->num_columns(),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - parse_start).count());

  std::vector<std::string> json;
  for (const Config& config : IntegerConfigs()) {
    if (which != "all" && ("," + which + ",").find("," + config.name + ",") == std::string::npos) continue;
    ParquetWriterOptions options;
    std::vector<SortingColumn> sorting;
    for (int c = 0; c < table.batch->num_columns() - 1 - table.num_fields; ++c) sorting.push_back({c, false, true});
    sorting.push_back({table.batch->num_columns() - 1, false, true});
    options.sorting_columns = sorting;
    config.apply(&options);
    std::string file;
    Outcome o = Measure(config.name, table.batch, options, config.name == "default" ? &file : nullptr);
    Print(o, rows, table.num_fields, &json);
    if (config.name == "default") {
      // Read it back: every row group, compared with the input.
      auto reader = Check(ParquetReader::Open(BufferSource::FromString(file, "default")));
      int64_t offset = 0;
      for (int g = 0; g < reader->num_row_groups(); ++g) {
        RecordBatchPtr back = Check(reader->ReadRowGroup(g));
        if (!back->Equals(*table.batch->Slice(offset, back->num_rows()))) {
          Die(Status::Internal("row group {} does not read back equal", g));
        }
        offset += back->num_rows();
      }
      if (offset != rows) Die(Status::Internal("read back {} rows of {}", offset, rows));
      if (!out_path.empty()) {
        std::ofstream out(out_path, std::ios::binary);
        out.write(file.data(), static_cast<std::streamsize>(file.size()));
      }
    }
  }
  if (floats) {
    const char* names[] = {"float_integral", "float_walk", "float_walk_2dp"};
    for (int mode = 0; mode < 3; ++mode) {
      RecordBatchPtr batch = WithFloatFields(table, mode);
      for (Encoding e : {Encoding::kPlain, Encoding::kByteStreamSplit}) {
        for (int level : {3, 9}) {
          ParquetWriterOptions options;
          options.float_encoding = e;
          options.compression_level = level;
          std::string name = std::string(names[mode]) + (e == Encoding::kPlain ? "_plain" : "_bss") + "_zstd" +
                             std::to_string(level);
          Print(Measure(name, batch, options, nullptr), rows, table.num_fields, &json);
        }
      }
    }
  }
  for (const std::string& line : json) std::printf("%s\n", line.c_str());
  return 0;
}
