#include "columnar/record_batch.h"

namespace quiver {

Result<RecordBatchPtr> RecordBatch::Make(SchemaPtr schema, int64_t num_rows,
                                         std::vector<Array> columns) {
  if (static_cast<int>(columns.size()) != schema->num_fields()) {
    return Status::InvalidArgument("record batch has {} columns but its schema has {} fields",
                                   columns.size(), schema->num_fields());
  }
  for (int i = 0; i < schema->num_fields(); ++i) {
    const Field& field = schema->field(i);
    const Array& column = columns[i];
    if (!column.is_valid_handle()) {
      return Status::InvalidArgument("record batch column '{}' is missing", field.name());
    }
    if (column.length() != num_rows) {
      return Status::InvalidArgument("record batch column '{}' has {} rows, expected {}",
                                     field.name(), column.length(), num_rows);
    }
    if (!(column.type() == field.type())) {
      return Status::InvalidArgument("record batch column '{}' has type {}, schema says {}",
                                     field.name(), column.type().ToString(),
                                     field.type().ToString());
    }
    if (!field.nullable() && column.null_count() > 0) {
      return Status::InvalidArgument("record batch column '{}' is not nullable but has {} nulls",
                                     field.name(), column.null_count());
    }
  }
  return MakeUnchecked(std::move(schema), num_rows, std::move(columns));
}

RecordBatchPtr RecordBatch::MakeUnchecked(SchemaPtr schema, int64_t num_rows,
                                          std::vector<Array> columns) {
  return std::make_shared<const RecordBatch>(std::move(schema), num_rows, std::move(columns));
}

RecordBatchPtr RecordBatch::MakeEmpty(SchemaPtr schema) {
  std::vector<Array> columns;
  for (const Field& field : schema->fields()) columns.push_back(MakeNullArray(field.type(), 0));
  return MakeUnchecked(std::move(schema), 0, std::move(columns));
}

Array RecordBatch::GetColumnByName(std::string_view name) const {
  int index = schema_->GetFieldIndex(name);
  return index < 0 ? Array() : columns_[index];
}

RecordBatchPtr RecordBatch::Slice(int64_t offset, int64_t length) const {
  std::vector<Array> sliced;
  sliced.reserve(columns_.size());
  for (const Array& column : columns_) sliced.push_back(column.Slice(offset, length));
  return MakeUnchecked(schema_, length, std::move(sliced));
}

RecordBatchPtr RecordBatch::WithSchema(SchemaPtr schema) const {
  return MakeUnchecked(std::move(schema), num_rows_, columns_);
}

bool RecordBatch::Equals(const RecordBatch& other) const {
  if (num_rows_ != other.num_rows_ || columns_.size() != other.columns_.size()) return false;
  if (!(*schema_ == *other.schema_)) return false;
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (!columns_[i].Equals(other.columns_[i])) return false;
  }
  return true;
}

std::string RecordBatch::ToString() const {
  std::string out;
  for (int i = 0; i < schema_->num_fields(); ++i) {
    if (i > 0) out += " | ";
    out += schema_->field(i).name();
  }
  out += '\n';
  for (int64_t row = 0; row < num_rows_; ++row) {
    for (size_t c = 0; c < columns_.size(); ++c) {
      if (c > 0) out += " | ";
      out += columns_[c].FormatValue(row);
    }
    out += '\n';
  }
  return out;
}

}  // namespace quiver
