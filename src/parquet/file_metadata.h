#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "parquet/compact_protocol.h"
#include "parquet/format_enums.h"

// The Parquet footer structures (parquet.thrift: FileMetaData and what it contains), as
// plain C++ values, with their compact-protocol encoding. Only fields Quiver uses or
// must preserve are modelled; unknown fields are skipped when parsing. Field ids are the
// specification's.
namespace quiver::parquet {

// Statistics (per column chunk, per page header).
struct Statistics {
  std::optional<std::string> max;  // 1, deprecated (signed order)
  std::optional<std::string> min;  // 2, deprecated (signed order)
  std::optional<int64_t> null_count;      // 3
  std::optional<int64_t> distinct_count;  // 4
  std::optional<std::string> max_value;   // 5, in the column order
  std::optional<std::string> min_value;   // 6
  std::optional<bool> is_max_value_exact;  // 7
  std::optional<bool> is_min_value_exact;  // 8
  std::optional<int64_t> nan_count;        // 9
};

enum class ParquetTimeUnit : uint8_t { kMillis, kMicros, kNanos };

// The LogicalType union (SchemaElement field 10).
struct LogicalType {
  enum class Kind : uint8_t {
    kNone,  // not set
    kString,
    kMap,
    kList,
    kEnum,
    kDecimal,
    kDate,
    kTime,
    kTimestamp,
    kInteger,
    kUnknown,  // "always null"
    kJson,
    kBson,
    kUuid,
    kFloat16,
    kOther,  // a union member this reader does not know
  };
  Kind kind = Kind::kNone;
  int32_t scale = 0;               // kDecimal
  int32_t precision = 0;           // kDecimal
  bool is_adjusted_to_utc = false;  // kTime, kTimestamp
  ParquetTimeUnit unit = ParquetTimeUnit::kNanos;  // kTime, kTimestamp
  int8_t bit_width = 0;            // kInteger
  bool is_signed = true;           // kInteger

  static LogicalType String() { return {Kind::kString}; }
  static LogicalType Date() { return {Kind::kDate}; }
  static LogicalType Null() { return {Kind::kUnknown}; }
  static LogicalType Timestamp(ParquetTimeUnit unit, bool adjusted_to_utc) {
    LogicalType t{Kind::kTimestamp};
    t.unit = unit;
    t.is_adjusted_to_utc = adjusted_to_utc;
    return t;
  }
  static LogicalType Integer(int bit_width, bool is_signed) {
    LogicalType t{Kind::kInteger};
    t.bit_width = static_cast<int8_t>(bit_width);
    t.is_signed = is_signed;
    return t;
  }
};

struct SchemaElement {
  std::optional<PhysicalType> type;           // 1 (leaves only)
  std::optional<int32_t> type_length;         // 2
  std::optional<Repetition> repetition_type;  // 3 (all but the root)
  std::string name;                           // 4
  std::optional<int32_t> num_children;        // 5 (groups only)
  std::optional<ConvertedType> converted_type;  // 6
  std::optional<int32_t> scale;               // 7
  std::optional<int32_t> precision;           // 8
  std::optional<int32_t> field_id;            // 9
  LogicalType logical_type;                   // 10 (kNone: absent)
};

struct KeyValue {
  std::string key;
  std::optional<std::string> value;
};

struct SortingColumn {
  int32_t column_idx = 0;
  bool descending = false;
  bool nulls_first = false;
  friend bool operator==(const SortingColumn&, const SortingColumn&) = default;
};

struct PageEncodingStats {
  PageType page_type = PageType::kDataPage;
  Encoding encoding = Encoding::kPlain;
  int32_t count = 0;
};

struct ColumnMetaData {
  PhysicalType type = PhysicalType::kInt32;      // 1
  std::vector<Encoding> encodings;              // 2 (unknown values are dropped)
  std::vector<std::string> path_in_schema;      // 3
  CompressionCodec codec = CompressionCodec::kUncompressed;  // 4
  int64_t num_values = 0;                       // 5
  int64_t total_uncompressed_size = 0;          // 6
  int64_t total_compressed_size = 0;            // 7
  std::vector<KeyValue> key_value_metadata;     // 8
  int64_t data_page_offset = 0;                 // 9
  std::optional<int64_t> index_page_offset;     // 10
  std::optional<int64_t> dictionary_page_offset;  // 11
  std::optional<Statistics> statistics;         // 12
  std::optional<std::vector<PageEncodingStats>> encoding_stats;  // 13
  std::optional<int64_t> bloom_filter_offset;   // 14
  std::optional<int32_t> bloom_filter_length;   // 15
};

struct ColumnChunk {
  std::optional<std::string> file_path;           // 1
  int64_t file_offset = 0;                        // 2
  std::optional<ColumnMetaData> meta_data;        // 3
  std::optional<int64_t> offset_index_offset;     // 4
  std::optional<int32_t> offset_index_length;     // 5
  std::optional<int64_t> column_index_offset;     // 6
  std::optional<int32_t> column_index_length;     // 7
  bool encrypted = false;                         // 8 or 9 present (not supported)
};

struct RowGroup {
  std::vector<ColumnChunk> columns;               // 1
  int64_t total_byte_size = 0;                    // 2
  int64_t num_rows = 0;                           // 3
  std::optional<std::vector<SortingColumn>> sorting_columns;  // 4
  std::optional<int64_t> file_offset;             // 5
  std::optional<int64_t> total_compressed_size;   // 6
  std::optional<int16_t> ordinal;                 // 7
};

// ColumnOrder union member.
enum class ColumnOrder : uint8_t { kUnknown, kTypeDefined, kIeee754TotalOrder, kInt96Timestamp };

struct FileMetaData {
  int32_t version = 1;                            // 1
  std::vector<SchemaElement> schema;              // 2 (depth-first, root first)
  int64_t num_rows = 0;                           // 3
  std::vector<RowGroup> row_groups;               // 4
  std::vector<KeyValue> key_value_metadata;       // 5
  std::optional<std::string> created_by;          // 6
  std::optional<std::vector<ColumnOrder>> column_orders;  // 7
  bool encrypted = false;                         // 8 or 9 present (not supported)

  // The value of key `key` in key_value_metadata, if present.
  std::optional<std::string_view> FindKeyValue(std::string_view key) const;
};

// Compact-protocol encoding of the footer.
std::string SerializeFileMetaData(const FileMetaData& metadata);
// Parses a footer. Errors: Corruption (malformed bytes, missing required fields).
Result<FileMetaData> ParseFileMetaData(std::string_view bytes);

// Building blocks shared with page_header.cc and page_index.cc.
void WriteStatistics(CompactWriter& writer, const Statistics& statistics);
Status ReadStatistics(CompactReader& reader, Statistics* statistics);

}  // namespace quiver::parquet
