#include "server/http/result_format.h"

#include <algorithm>
#include <vector>

#include "base/json_writer.h"
#include "base/time_format.h"

namespace quiver::http {

Result<ResultFormat> ParseResultFormat(std::string_view name) {
  if (name == "json") return ResultFormat::kJson;
  if (name == "jsonl" || name == "json_lines") return ResultFormat::kJsonLines;
  if (name == "csv") return ResultFormat::kCsv;
  if (name == "pretty") return ResultFormat::kPretty;
  if (name == "parquet") return ResultFormat::kParquet;
  return Status::InvalidArgument(
      "serde error: unknown variant `{}`, expected one of `parquet`, `csv`, `pretty`, `json`, `jsonl`, `json_lines`",
      name);
}

Result<ResultFormat> ResultFormatFromAccept(std::optional<std::string_view> accept) {
  if (!accept || accept->empty()) return ResultFormat::kJson;
  std::string_view value = *accept;
  if (value.find("text/html") != std::string_view::npos || value.find("*/*") != std::string_view::npos) {
    return ResultFormat::kJson;
  }
  // Only the first media type counts; parameters (";q=...") are ignored.
  std::string_view first = value.substr(0, value.find(','));
  first = first.substr(0, first.find(';'));
  while (!first.empty() && first.back() == ' ') first.remove_suffix(1);
  while (!first.empty() && first.front() == ' ') first.remove_prefix(1);
  if (first == "application/json") return ResultFormat::kJson;
  if (first == "text/csv") return ResultFormat::kCsv;
  if (first == "text/plain") return ResultFormat::kPretty;
  if (first == "application/vnd.apache.parquet") return ResultFormat::kParquet;
  return Status::InvalidArgument("invalid mime type ({})", value);
}

std::string_view ContentTypeOf(ResultFormat format) {
  switch (format) {
    case ResultFormat::kJson: return "application/json";
    case ResultFormat::kJsonLines: return "application/jsonl";
    case ResultFormat::kCsv: return "text/csv";
    case ResultFormat::kPretty: return "text/plain; charset=utf-8";
    case ResultFormat::kParquet: return "application/vnd.apache.parquet";
  }
  return "application/octet-stream";
}

namespace {

std::string FormatDouble(double v) {
  std::string out;
  AppendJsonDouble(&out, v, /*keep_point_zero=*/true);
  if (out == "null") {
    if (std::isnan(v)) return "NaN";
    return v > 0 ? "inf" : "-inf";
  }
  return out;
}

}  // namespace

std::string FormatCell(const Array& column, int64_t row) {
  const DataType& type = column.type();
  switch (type.id()) {
    case TypeId::kUtf8:
    case TypeId::kBinary: return std::string(StringArray(column).Value(row));
    case TypeId::kDictionary: {
      DictionaryArray dict(column);
      return FormatCell(dict.dictionary(), dict.IndexAt(row));
    }
    case TypeId::kFloat64: return FormatDouble(Float64Array(column).Value(row));
    case TypeId::kFloat32: return FormatDouble(Float32Array(column).Value(row));
    case TypeId::kTimestamp:
      return FormatTimestampNanos(Int64Array(column).Value(row) * TimeUnitNanos(type.unit()));
    case TypeId::kBoolean: return BooleanArray(column).Value(row) ? "true" : "false";
    default: return column.FormatValue(row);
  }
}

namespace {

// JSON value for one cell.
void WriteJsonCell(JsonWriter& w, const Array& column, int64_t row) {
  const DataType& type = column.type();
  const DataType& value_type = type.id() == TypeId::kDictionary ? type.value_type() : type;
  switch (value_type.id()) {
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64:
      if (type.id() != TypeId::kDictionary) {
        w.Raw(column.FormatValue(row));
        return;
      }
      break;
    case TypeId::kFloat32:
    case TypeId::kFloat64: {
      double v = value_type.id() == TypeId::kFloat64 ? Float64Array(column).Value(row) : Float32Array(column).Value(row);
      if (!std::isfinite(v)) {
        w.Null();
        return;
      }
      std::string text;
      AppendJsonDouble(&text, v, true);
      w.Raw(text);
      return;
    }
    case TypeId::kBoolean:
      if (type.id() != TypeId::kDictionary) {
        w.Bool(BooleanArray(column).Value(row));
        return;
      }
      break;
    default: break;
  }
  w.String(FormatCell(column, row));
}

void WriteJsonRow(JsonWriter& w, const RecordBatch& batch, int64_t row) {
  w.BeginObject();
  for (int c = 0; c < batch.num_columns(); ++c) {
    const Array& column = batch.column(c);
    if (column.IsNull(row)) continue;  // InfluxDB 3 omits nulls
    w.Key(batch.schema()->field(c).name());
    WriteJsonCell(w, column, row);
  }
  w.EndObject();
}

class JsonEncoder final : public ResultEncoder {
 public:
  std::string Begin(const Schema&) override { return "["; }
  Result<std::string> Append(const RecordBatch& batch) override {
    std::string out;
    for (int64_t row = 0; row < batch.num_rows(); ++row) {
      if (rows_++ > 0) out.push_back(',');
      JsonWriter w(&out);
      WriteJsonRow(w, batch, row);
    }
    return out;
  }
  Result<std::string> End() override { return std::string("]"); }

 private:
  int64_t rows_ = 0;
};

class JsonLinesEncoder final : public ResultEncoder {
 public:
  std::string Begin(const Schema&) override { return ""; }
  Result<std::string> Append(const RecordBatch& batch) override {
    std::string out;
    for (int64_t row = 0; row < batch.num_rows(); ++row) {
      JsonWriter w(&out);
      WriteJsonRow(w, batch, row);
      out.push_back('\n');
    }
    return out;
  }
  Result<std::string> End() override { return std::string(); }
};

void AppendCsvField(std::string* out, std::string_view value) {
  if (value.find_first_of(",\"\n\r") == std::string_view::npos) {
    out->append(value);
    return;
  }
  out->push_back('"');
  for (char c : value) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

class CsvEncoder final : public ResultEncoder {
 public:
  std::string Begin(const Schema&) override { return ""; }
  Result<std::string> Append(const RecordBatch& batch) override {
    std::string out;
    if (!header_written_) {
      header_written_ = true;
      for (int c = 0; c < batch.num_columns(); ++c) {
        if (c > 0) out.push_back(',');
        AppendCsvField(&out, batch.schema()->field(c).name());
      }
      out.push_back('\n');
    }
    for (int64_t row = 0; row < batch.num_rows(); ++row) {
      for (int c = 0; c < batch.num_columns(); ++c) {
        if (c > 0) out.push_back(',');
        const Array& column = batch.column(c);
        if (column.IsValid(row)) AppendCsvField(&out, FormatCell(column, row));
      }
      out.push_back('\n');
    }
    return out;
  }
  Result<std::string> End() override { return std::string(); }

 private:
  bool header_written_ = false;
};

// Arrow's pretty table: +---+ borders, a header row, left-aligned cells, no trailing
// newline. Needs every row for the column widths, so it buffers.
class PrettyEncoder final : public ResultEncoder {
 public:
  std::string Begin(const Schema& schema) override {
    for (const Field& f : schema.fields()) header_.push_back(f.name());
    return "";
  }
  Result<std::string> Append(const RecordBatch& batch) override {
    for (int64_t row = 0; row < batch.num_rows(); ++row) {
      std::vector<std::string> cells;
      for (int c = 0; c < batch.num_columns(); ++c) {
        const Array& column = batch.column(c);
        cells.push_back(column.IsValid(row) ? FormatCell(column, row) : "");
      }
      rows_.push_back(std::move(cells));
    }
    return std::string();
  }
  Result<std::string> End() override {
    std::vector<size_t> widths(header_.size());
    for (size_t c = 0; c < header_.size(); ++c) widths[c] = header_[c].size();
    for (const auto& row : rows_) {
      for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
    }
    std::string rule = "+";
    for (size_t w : widths) rule += std::string(w + 2, '-') + "+";
    auto line = [&](const std::vector<std::string>& cells) {
      std::string out = "|";
      for (size_t c = 0; c < cells.size(); ++c) {
        out += " " + cells[c] + std::string(widths[c] - cells[c].size(), ' ') + " |";
      }
      return out;
    };
    std::string out = rule + "\n" + line(header_) + "\n" + rule;
    for (const auto& row : rows_) out += "\n" + line(row);
    if (!rows_.empty()) out += "\n" + rule;
    return out;
  }

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace

Result<std::unique_ptr<ResultEncoder>> ResultEncoder::Make(ResultFormat format) {
  switch (format) {
    case ResultFormat::kJson: return std::unique_ptr<ResultEncoder>(std::make_unique<JsonEncoder>());
    case ResultFormat::kJsonLines: return std::unique_ptr<ResultEncoder>(std::make_unique<JsonLinesEncoder>());
    case ResultFormat::kCsv: return std::unique_ptr<ResultEncoder>(std::make_unique<CsvEncoder>());
    case ResultFormat::kPretty: return std::unique_ptr<ResultEncoder>(std::make_unique<PrettyEncoder>());
    case ResultFormat::kParquet: return Status::NotImplemented("the parquet output format is not supported yet");
  }
  return Status::Internal("unknown result format");
}

}  // namespace quiver::http
