#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "columnar/array.h"
#include "types/schema.h"

namespace quiver {

class RecordBatch;
using RecordBatchPtr = std::shared_ptr<const RecordBatch>;

// Equal-length columns with a schema: the unit the engine, Flight, IPC and Parquet pass
// around. Immutable and shareable across threads.
class RecordBatch {
 public:
  // Checks that there is one column per field, every column has `num_rows` slots and the
  // column types equal the field types, and that non-nullable fields have no nulls.
  static Result<RecordBatchPtr> Make(SchemaPtr schema, int64_t num_rows, std::vector<Array> columns);
  // Skips validation. REQUIRES: the conditions Make() checks.
  static RecordBatchPtr MakeUnchecked(SchemaPtr schema, int64_t num_rows, std::vector<Array> columns);
  // A batch with zero rows of the given schema.
  static RecordBatchPtr MakeEmpty(SchemaPtr schema);

  const SchemaPtr& schema() const { return schema_; }
  int64_t num_rows() const { return num_rows_; }
  int num_columns() const { return static_cast<int>(columns_.size()); }
  const Array& column(int i) const { return columns_[i]; }
  const std::vector<Array>& columns() const { return columns_; }
  // The column named `name`, or an invalid handle.
  Array GetColumnByName(std::string_view name) const;

  // Zero-copy view of rows [offset, offset + length).
  RecordBatchPtr Slice(int64_t offset, int64_t length) const;
  // Same columns under another schema (e.g. renamed fields). REQUIRES: compatible types.
  RecordBatchPtr WithSchema(SchemaPtr schema) const;

  bool Equals(const RecordBatch& other) const;
  // A text table for tests and debugging: header of field names, one line per row with
  // values formatted by Array::FormatValue, separated by " | ".
  std::string ToString() const;

  RecordBatch(SchemaPtr schema, int64_t num_rows, std::vector<Array> columns)
      : schema_(std::move(schema)), num_rows_(num_rows), columns_(std::move(columns)) {}

 private:
  SchemaPtr schema_;
  int64_t num_rows_;
  std::vector<Array> columns_;
};

}  // namespace quiver
