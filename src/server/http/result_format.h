#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "columnar/record_batch.h"

namespace quiver::http {

// Output formats of /api/v3/query_sql, /api/v3/query_influxql and GET
// /api/v3/configure/database, as InfluxDB 3 renders them (reference §1.5).
enum class ResultFormat { kJson, kJsonLines, kCsv, kPretty, kParquet };

// `format` parameter values: json, jsonl, json_lines, csv, pretty, parquet.
Result<ResultFormat> ParseResultFormat(std::string_view name);
// From the Accept header when no `format` is given. Errors: InvalidArgument
// "invalid mime type (<value>)".
Result<ResultFormat> ResultFormatFromAccept(std::optional<std::string_view> accept);
std::string_view ContentTypeOf(ResultFormat format);

// Turns record batches into response bytes, batch by batch, so results can stream. Call
// Begin once, Append per batch, End once; each returns the bytes to send next.
//   json   one array of row objects; NULLs omitted; timestamps "2024-06-01T12:00:00"
//   jsonl  one object per line
//   csv    header from the first batch, then rows; NULL as an empty field
//   pretty an ASCII table (buffered: column widths need every row)
class ResultEncoder {
 public:
  virtual ~ResultEncoder() = default;
  static Result<std::unique_ptr<ResultEncoder>> Make(ResultFormat format);

  virtual std::string Begin(const Schema& schema) = 0;
  virtual Result<std::string> Append(const RecordBatch& batch) = 0;
  virtual Result<std::string> End() = 0;
};

// One value as the text formats render it (no quoting): strings as-is, timestamps
// "2024-06-01T12:00:00.500", floats in shortest round-trip form with a ".0" kept for
// integral values in JSON/CSV.
std::string FormatCell(const Array& column, int64_t row);

}  // namespace quiver::http
