// quiver_parquet_tool: drives Quiver's Parquet writer and reader from the outside, for the
// pyarrow/DuckDB interoperability tests (tests/integration/test_parquet_interop.py) and
// the storage benchmark (bench/parquet_size_bench.py). Built with the tests only.
//
//   quiver_parquet_tool write OUT [--sample=all_types|series] [--rows=N] [WRITE OPTIONS]
//       a canonical sample file (see parquet_samples.h); all_types uses the canonical
//       options (1,000-row groups, 300-row pages, small dictionary limit) unless
//       overridden
//   quiver_parquet_tool convert OUT [--sort=COL,...] [WRITE OPTIONS]
//       Arrow IPC stream on stdin -> (optionally sorted by the columns) -> OUT
//   quiver_parquet_tool read IN [--columns=A,B] [--dictionary=A,B] [--no-arrow-schema]
//                              [--time-min=NS] [--time-max=NS] [--tag=COL=V1|V2 ...]
//       IN -> Arrow IPC stream on stdout, one batch per row group read; with a
//       predicate, pruned by statistics and the page index (rows kept are a superset)
//   quiver_parquet_tool meta IN [same predicate options as read]
//       JSON: schema, row groups, column chunks (encodings, codec, statistics, sizes,
//       page index), and with a predicate the pruning outcome and read counters
//
// WRITE OPTIONS: --compression=zstd|snappy|gzip|lz4|none --level=N --row-group-rows=N
//   --page-rows=N --page-size=BYTES --dict-limit=BYTES --no-page-index --no-stats --v2
//   --checksums --float=bss|plain --int=delta|plain|bss --strings=plain|dlba|dba
//   --no-dict-strings --delta-granularity=N --delta-block=BLOCK,MINIBLOCKS
//   --encoding=COL:plain|dict|delta|dlba|dba|bss|rle --sorting-columns=COL,...
//
// Exit status 0 on success; 1 with the error on stderr; 2 for usage errors.

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "base/json_writer.h"
#include "columnar/concatenate.h"
#include "columnar/ipc_reader.h"
#include "columnar/ipc_writer.h"
#include "columnar/sort_deduplicate.h"
#include "parquet/file_reader.h"
#include "parquet/file_writer.h"
#include "parquet/interop/parquet_samples.h"

namespace quiver::parquet {
namespace {

struct Args {
  std::string command;
  std::string path;
  std::vector<std::pair<std::string, std::string>> flags;  // --name=value or --name
  bool Has(std::string_view name) const {
    for (const auto& [k, v] : flags) if (k == name) return true;
    return false;
  }
  std::string Get(std::string_view name, std::string fallback = "") const {
    for (const auto& [k, v] : flags) if (k == name) return v;
    return fallback;
  }
  std::vector<std::string> All(std::string_view name) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : flags) if (k == name) out.push_back(v);
    return out;
  }
};

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  size_t start = 0;
  while (true) {
    size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) break;
    start = at + 1;
  }
  return out;
}

Status WriteStdout(std::string_view bytes) {
  if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size()) return Status::IOError("cannot write to stdout");
  return Status::OK();
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open {}", path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Status WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) return Status::IOError("cannot write {}", path);
  return Status::OK();
}

Result<Encoding> ParseEncoding(const std::string& name) {
  if (name == "plain") return Encoding::kPlain;
  if (name == "dict") return Encoding::kRleDictionary;
  if (name == "delta") return Encoding::kDeltaBinaryPacked;
  if (name == "dlba") return Encoding::kDeltaLengthByteArray;
  if (name == "dba") return Encoding::kDeltaByteArray;
  if (name == "bss") return Encoding::kByteStreamSplit;
  if (name == "rle") return Encoding::kRle;
  return Status::InvalidArgument("unknown encoding {}", name);
}

Status ApplyWriteOptions(const Args& args, const Schema& schema, ParquetWriterOptions* o) {
  for (const auto& [key, value] : args.flags) {
    if (key == "compression") {
      if (value == "zstd") o->compression = CompressionCodec::kZstd;
      else if (value == "snappy") o->compression = CompressionCodec::kSnappy;
      else if (value == "gzip") o->compression = CompressionCodec::kGzip;
      else if (value == "lz4") o->compression = CompressionCodec::kLz4Raw;
      else if (value == "none") o->compression = CompressionCodec::kUncompressed;
      else return Status::InvalidArgument("unknown compression {}", value);
    } else if (key == "level") {
      o->compression_level = std::atoi(value.c_str());
    } else if (key == "row-group-rows") {
      o->max_row_group_rows = std::atoll(value.c_str());
    } else if (key == "page-rows") {
      o->max_page_rows = std::atoll(value.c_str());
    } else if (key == "page-size") {
      o->data_page_size = std::atoll(value.c_str());
    } else if (key == "dict-limit") {
      o->dictionary_page_size_limit = std::atoll(value.c_str());
    } else if (key == "no-page-index") {
      o->write_page_index = false;
    } else if (key == "no-stats") {
      o->write_statistics = false;
    } else if (key == "v2") {
      o->data_page_version = 2;
    } else if (key == "checksums") {
      o->write_page_checksums = true;
    } else if (key == "float") {
      ASSIGN_OR_RETURN(o->float_encoding, ParseEncoding(value));
    } else if (key == "int") {
      ASSIGN_OR_RETURN(o->integer_encoding, ParseEncoding(value));
    } else if (key == "strings") {
      ASSIGN_OR_RETURN(o->string_fallback_encoding, ParseEncoding(value));
    } else if (key == "no-dict-strings") {
      o->dictionary_strings = false;
    } else if (key == "delta-granularity") {
      o->delta.bit_width_granularity = std::atoi(value.c_str());
    } else if (key == "delta-block") {
      auto parts = Split(value, ',');
      if (parts.size() != 2) return Status::InvalidArgument("--delta-block=BLOCK,MINIBLOCKS");
      o->delta.block_size = std::atoi(parts[0].c_str());
      o->delta.miniblocks_per_block = std::atoi(parts[1].c_str());
    } else if (key == "encoding") {
      auto parts = Split(value, ':');
      if (parts.size() != 2) return Status::InvalidArgument("--encoding=COL:ENC");
      ASSIGN_OR_RETURN(Encoding e, ParseEncoding(parts[1]));
      o->column_encodings.emplace_back(parts[0], e);
    } else if (key == "sorting-columns") {
      o->sorting_columns.clear();
      for (const std::string& name : Split(value, ',')) {
        int index = schema.GetFieldIndex(name);
        if (index < 0) return Status::InvalidArgument("no column {}", name);
        o->sorting_columns.push_back({index, false, true});
      }
    }
  }
  return Status::OK();
}

Status Write(const Args& args) {
  std::string sample = args.Get("sample", "all_types");
  int64_t rows = std::atoll(args.Get("rows", "4321").c_str());
  std::vector<RecordBatchPtr> batches;
  ParquetWriterOptions options;
  SchemaPtr schema;
  if (sample == "all_types") {
    ASSIGN_OR_RETURN(batches, samples::AllTypesPieces(rows));
    schema = batches[0]->schema();
    options = samples::AllTypesOptions();
  } else if (sample == "series") {
    int hosts = std::atoi(args.Get("hosts", "20").c_str());
    int points = static_cast<int>(rows / hosts);
    ASSIGN_OR_RETURN(RecordBatchPtr batch, samples::SeriesBatch(hosts, points));
    batches = {batch};
    schema = batch->schema();
    options.max_page_rows = 100;
    options.max_row_group_rows = 1000;
    options.sorting_columns = {{0, false, true}, {1, false, true}, {4, false, true}};
  } else {
    return Status::InvalidArgument("unknown sample {}", sample);
  }
  RETURN_NOT_OK(ApplyWriteOptions(args, *schema, &options));
  ASSIGN_OR_RETURN(std::string bytes, WriteParquetFile(schema, batches, options));
  return WriteFile(args.path, bytes);
}

Status Convert(const Args& args) {
  std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  ASSIGN_OR_RETURN(BufferPtr buffer, Buffer::Copy(input));
  ASSIGN_OR_RETURN(IpcStreamContents contents, ReadIpcStream(buffer));
  std::vector<RecordBatchPtr> batches = contents.batches;
  std::string sort = args.Get("sort");
  if (!sort.empty()) {
    // Sort the whole input (one batch) by the columns, keeping duplicates.
    RecordBatchPtr all;
    if (batches.size() == 1) {
      all = batches[0];
    } else {
      ASSIGN_OR_RETURN(all, ConcatenateBatches(contents.schema, batches));
    }
    std::vector<int> keys;
    for (const std::string& name : Split(sort, ',')) {
      int index = contents.schema->GetFieldIndex(name);
      if (index < 0) return Status::InvalidArgument("no column {}", name);
      keys.push_back(index);
    }
    ASSIGN_OR_RETURN(all, SortAndDeduplicate(*all, keys, /*deduplicate=*/false));
    batches = {all};
  }
  ParquetWriterOptions options;
  RETURN_NOT_OK(ApplyWriteOptions(args, *contents.schema, &options));
  ASSIGN_OR_RETURN(std::string bytes, WriteParquetFile(contents.schema, batches, options));
  return WriteFile(args.path, bytes);
}

Result<ParquetScanPredicate> PredicateOf(const Args& args, bool* any) {
  ParquetScanPredicate predicate;
  *any = false;
  if (args.Has("time-min") || args.Has("time-max")) {
    *any = true;
    if (args.Has("time-min")) predicate.time_range.min = std::atoll(args.Get("time-min").c_str());
    if (args.Has("time-max")) predicate.time_range.max = std::atoll(args.Get("time-max").c_str());
    predicate.time_column = args.Get("time-column", "time");
  }
  for (const std::string& tag : args.All("tag")) {
    size_t eq = tag.find('=');
    if (eq == std::string::npos) return Status::InvalidArgument("--tag=COL=V1|V2");
    predicate.in_sets.push_back({tag.substr(0, eq), Split(tag.substr(eq + 1), '|')});
    *any = true;
  }
  return predicate;
}

Result<std::unique_ptr<ParquetReader>> OpenReader(const Args& args) {
  ASSIGN_OR_RETURN(std::string bytes, ReadFile(args.path));
  ParquetReaderOptions options;
  options.schema.dictionary_columns = Split(args.Get("dictionary"), ',');
  options.schema.use_arrow_schema = !args.Has("no-arrow-schema");
  options.verify_page_checksums = true;
  return ParquetReader::Open(BufferSource::FromString(std::move(bytes), args.path), options);
}

Result<std::vector<int>> Projection(const Args& args, const Schema& schema) {
  std::vector<int> columns;
  std::string names = args.Get("columns");
  if (names.empty()) {
    for (int i = 0; i < schema.num_fields(); ++i) columns.push_back(i);
    return columns;
  }
  for (const std::string& name : Split(names, ',')) {
    int index = schema.GetFieldIndex(name);
    if (index < 0) return Status::InvalidArgument("no column {}", name);
    columns.push_back(index);
  }
  return columns;
}

Status Read(const Args& args) {
  ASSIGN_OR_RETURN(auto reader, OpenReader(args));
  ASSIGN_OR_RETURN(std::vector<int> columns, Projection(args, *reader->schema()));
  bool any = false;
  ASSIGN_OR_RETURN(ParquetScanPredicate predicate, PredicateOf(args, &any));
  std::vector<RecordBatchPtr> batches;
  if (any) {
    ASSIGN_OR_RETURN(batches, reader->Scan(predicate, columns));
  } else {
    for (int g = 0; g < reader->num_row_groups(); ++g) {
      ASSIGN_OR_RETURN(RecordBatchPtr batch, reader->ReadRowGroup(g, columns));
      batches.push_back(std::move(batch));
    }
  }
  std::vector<Field> fields;
  for (int c : columns) fields.push_back(reader->schema()->field(c));
  auto schema = MakeSchema(std::move(fields), reader->schema()->metadata());
  ASSIGN_OR_RETURN(auto writer, IpcStreamWriter::Open(schema, WriteStdout));
  for (const RecordBatchPtr& batch : batches) RETURN_NOT_OK(writer->WriteBatch(*batch));
  return writer->Close();
}

void StatValue(JsonWriter& w, const std::optional<Scalar>& value) {
  if (!value) {
    w.Null();
    return;
  }
  switch (value->type().id()) {
    case TypeId::kBoolean: w.Bool(value->bool_value()); break;
    case TypeId::kUInt64: w.UInt(value->uint64_value()); break;
    case TypeId::kFloat64: w.Double(value->double_value()); break;
    case TypeId::kUtf8:
    case TypeId::kBinary: w.String(value->string_value()); break;
    default: w.Int(value->int64_value()); break;
  }
}

Status Meta(const Args& args) {
  ASSIGN_OR_RETURN(auto reader, OpenReader(args));
  const FileMetaData& md = reader->metadata();
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Field("num_rows", md.num_rows);
  w.Field("created_by", md.created_by.value_or(""));
  w.Field("uses_arrow_schema", reader->file_schema().uses_arrow_schema);
  w.Key("schema");
  w.BeginArray();
  for (const Field& f : reader->schema()->fields()) {
    w.BeginObject();
    w.Field("name", f.name());
    w.Field("type", f.type().ToString());
    w.Field("nullable", f.nullable());
    w.EndObject();
  }
  w.EndArray();
  w.Key("key_value_metadata");
  w.BeginObject();
  for (const KeyValue& kv : md.key_value_metadata) {
    if (kv.key != kArrowSchemaKey) w.Field(kv.key, kv.value.value_or(""));
  }
  w.EndObject();
  w.Key("row_groups");
  w.BeginArray();
  for (int g = 0; g < reader->num_row_groups(); ++g) {
    const RowGroup& group = md.row_groups[static_cast<size_t>(g)];
    w.BeginObject();
    w.Field("num_rows", group.num_rows);
    w.Field("total_compressed_size", group.total_compressed_size.value_or(-1));
    if (group.sorting_columns) {
      w.Key("sorting_columns");
      w.BeginArray();
      for (const SortingColumn& s : *group.sorting_columns) {
        w.BeginObject();
        w.Field("column_idx", s.column_idx);
        w.Field("descending", s.descending);
        w.Field("nulls_first", s.nulls_first);
        w.EndObject();
      }
      w.EndArray();
    }
    w.Key("columns");
    w.BeginArray();
    for (size_t c = 0; c < group.columns.size(); ++c) {
      const ColumnMetaData& m = *group.columns[c].meta_data;
      w.BeginObject();
      w.Field("name", m.path_in_schema.empty() ? std::string() : m.path_in_schema[0]);
      w.Field("codec", CompressionCodecName(m.codec));
      w.Key("encodings");
      w.BeginArray();
      for (Encoding e : m.encodings) w.String(EncodingName(e));
      w.EndArray();
      w.Field("compressed", m.total_compressed_size);
      w.Field("uncompressed", m.total_uncompressed_size);
      ColumnChunkStatistics stats = reader->column_statistics(g, static_cast<int>(c));
      w.Key("null_count");
      if (stats.null_count) w.Int(*stats.null_count); else w.Null();
      w.Key("min");
      StatValue(w, stats.min);
      w.Key("max");
      StatValue(w, stats.max);
      w.Field("has_column_index", group.columns[c].column_index_offset.has_value());
      w.Field("has_offset_index", group.columns[c].offset_index_offset.has_value());
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  bool any = false;
  ASSIGN_OR_RETURN(ParquetScanPredicate predicate, PredicateOf(args, &any));
  if (any) {
    w.Key("scan");
    w.BeginObject();
    std::vector<int> groups = reader->SelectRowGroups(predicate);
    w.Key("row_groups");
    w.BeginArray();
    int64_t rows = 0;
    for (int g : groups) {
      ASSIGN_OR_RETURN(RowRanges ranges, reader->SelectRows(g, predicate));
      w.BeginObject();
      w.Field("row_group", g);
      w.Field("rows", ranges.row_count());
      w.Field("ranges", ranges.ToString());
      w.EndObject();
      rows += ranges.row_count();
    }
    w.EndArray();
    w.Field("rows", rows);
    ASSIGN_OR_RETURN(std::vector<int> columns, Projection(args, *reader->schema()));
    ASSIGN_OR_RETURN(auto batches, reader->Scan(predicate, columns));
    ParquetReadCounters& counters = reader->counters();
    w.Field("pages_decoded", counters.pages_decoded.load());
    w.Field("pages_skipped", counters.pages_skipped.load());
    w.Field("rows_decoded", counters.rows_decoded.load());
    w.Field("bytes_read", counters.bytes_read.load());
    w.EndObject();
  }
  w.EndObject();
  out.push_back('\n');
  return WriteStdout(out);
}

int Usage() {
  std::fprintf(stderr, "usage: quiver_parquet_tool write|convert|read|meta PATH [--options]\n");
  return 2;
}

}  // namespace
}  // namespace quiver::parquet

int main(int argc, char** argv) {
  using namespace quiver::parquet;
  if (argc < 3) return Usage();
  Args args;
  args.command = argv[1];
  args.path = argv[2];
  for (int i = 3; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.substr(0, 2) != "--") return Usage();
    arg.remove_prefix(2);
    size_t eq = arg.find('=');
    if (eq == std::string_view::npos) {
      args.flags.emplace_back(std::string(arg), "");
    } else {
      args.flags.emplace_back(std::string(arg.substr(0, eq)), std::string(arg.substr(eq + 1)));
    }
  }
  quiver::Status status;
  if (args.command == "write") {
    status = Write(args);
  } else if (args.command == "convert") {
    status = Convert(args);
  } else if (args.command == "read") {
    status = Read(args);
  } else if (args.command == "meta") {
    status = Meta(args);
  } else {
    return Usage();
  }
  if (!status.ok()) {
    std::fprintf(stderr, "%s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}
