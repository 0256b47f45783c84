#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "parquet/file_metadata.h"
#include "parquet/statistics.h"
#include "types/schema.h"

// Mapping between Arrow schemas (Quiver's types) and flat Parquet schemas.
//
// Writing (Arrow -> Parquet leaf):
//   Boolean -> BOOLEAN;  Int8/16/32 -> INT32 INTEGER(n, signed); UInt8/16/32 -> INT32
//   INTEGER(n, unsigned); Int64 -> INT64; UInt64 -> INT64 INTEGER(64, unsigned);
//   Float32 -> FLOAT; Float64 -> DOUBLE; Utf8 and Dictionary(_, Utf8) -> BYTE_ARRAY
//   STRING; Binary and Dictionary(_, Binary) -> BYTE_ARRAY; Date32 -> INT32 DATE;
//   Timestamp(unit, tz) -> INT64 TIMESTAMP(unit, isAdjustedToUTC = tz non-empty), with
//   seconds stored as MILLIS (x1000, as pyarrow does); Duration -> INT64 (the Arrow
//   schema restores it); Null -> INT32 UNKNOWN (all null). Non-nullable fields are
//   REQUIRED, others OPTIONAL. Nested types and intervals are NotImplemented.
//
// Reading: the same in reverse when the file has no usable "ARROW:schema"; with one,
// each field whose Arrow type can be produced from its leaf takes the Arrow type and
// field metadata (so tags come back as Dictionary(Int32, Utf8), UInt64 stays UInt64,
// time zones and units are restored).
namespace quiver::parquet {

inline constexpr std::string_view kArrowSchemaKey = "ARROW:schema";
// Field metadata key marking a column the reader cannot decode (DECIMAL, FLOAT16, ...):
// it appears in the schema as a Null-typed field and reading it is NotImplemented.
inline constexpr std::string_view kUnsupportedMetadataKey = "quiver::parquet::unsupported";

// The leaf schema element for one Arrow field. Errors: NotImplemented.
Result<SchemaElement> ParquetLeafFor(const Field& field);
// Root element ("schema") followed by one leaf per field.
Result<std::vector<SchemaElement>> ParquetSchemaFor(const Schema& schema);

// How one leaf column becomes an Arrow column.
struct LeafColumn {
  int index = 0;  // leaf (column chunk) index
  SchemaElement element;
  int16_t max_definition_level = 0;  // 0 REQUIRED, 1 OPTIONAL
  SortOrder sort_order = SortOrder::kUnknown;
  Field field;  // the Arrow field produced
  // Timestamps whose Parquet unit differs from the Arrow unit: value * multiply / divide.
  int64_t time_multiply = 1;
  int64_t time_divide = 1;
  // Nanoseconds per unit of the stored value for TIMESTAMP columns (0 otherwise), for
  // time-range pruning.
  int64_t stored_time_unit_nanos = 0;
  // Why the column cannot be read (empty when it can).
  std::string unsupported;
};

struct FileSchema {
  std::vector<LeafColumn> columns;
  SchemaPtr schema;  // one field per column, in order
  bool uses_arrow_schema = false;
};

struct SchemaMappingOptions {
  // Use the "ARROW:schema" key when it is present and parses.
  bool use_arrow_schema = true;
  // BYTE_ARRAY columns to read as Dictionary(Int32, Utf8/Binary) even without an Arrow
  // schema saying so.
  std::vector<std::string> dictionary_columns;
};

// Errors: Corruption for malformed schema trees, NotImplemented for nested or repeated
// columns. Flat columns of unsupported types (DECIMAL, FLOAT16) are kept, marked with
// kUnsupportedMetadataKey.
Result<FileSchema> MapFileSchema(const FileMetaData& metadata, const SchemaMappingOptions& options);

// The "ARROW:schema" value for a schema: base64 of the framed IPC Schema message.
Result<std::string> EncodeArrowSchemaMetadata(const SchemaPtr& schema);
// Parses an "ARROW:schema" value. Errors: Corruption, NotImplemented.
Result<SchemaPtr> DecodeArrowSchemaMetadata(std::string_view value);

}  // namespace quiver::parquet
