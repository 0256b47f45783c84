#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "columnar/record_batch.h"
#include "parquet/file_metadata.h"
#include "parquet/writer_options.h"

namespace quiver::parquet {

// Receives the file's bytes in order. An error stops the writer.
using ParquetSink = std::function<Status(std::string_view bytes)>;

// Writes one Parquet file from record batches of one schema:
//
//   ASSIGN_OR_RETURN(auto writer, ParquetWriter::Open(schema, sink, options));
//   for (...) RETURN_NOT_OK(writer->WriteBatch(*batch));  // any sizes, empty ones too
//   RETURN_NOT_OK(writer->Close());
//
// Rows are buffered (zero-copy: the writer keeps references to the batches) until a row
// group is full (options.max_row_group_rows) or FlushRowGroup()/Close() is called; then
// the row group's column chunks are encoded and handed to the sink. Close() writes the
// page index (every ColumnIndex, then every OffsetIndex) and the footer:
//   "PAR1" <row groups> <column indexes> <offset indexes> <FileMetaData> <u32 len> "PAR1"
// The footer's key/value metadata holds the schema's metadata, then
// options.key_value_metadata, then "ARROW:schema" (unless disabled).
//
// Not thread-safe. After an error every later call returns that error.
class ParquetWriter {
 public:
  // Errors: NotImplemented for schema types Parquet cannot hold here (nested types,
  // intervals); InvalidArgument for bad options (sorting column out of range, data page
  // version not 1 or 2, non-positive sizes).
  static Result<std::unique_ptr<ParquetWriter>> Open(SchemaPtr schema, ParquetSink sink,
                                                     ParquetWriterOptions options = {});
  // Appends to *out, which must outlive the writer.
  static Result<std::unique_ptr<ParquetWriter>> Open(SchemaPtr schema, std::string* out,
                                                     ParquetWriterOptions options = {});

  ~ParquetWriter();
  ParquetWriter(const ParquetWriter&) = delete;
  ParquetWriter& operator=(const ParquetWriter&) = delete;

  // Errors: InvalidArgument if the batch's column types differ from the schema or a
  // non-nullable column has nulls; the sink's errors.
  Status WriteBatch(const RecordBatch& batch);
  // Ends the current row group early (no-op when it is empty).
  Status FlushRowGroup();
  // Flushes and writes the page index and footer. Later calls do nothing.
  Status Close();

  // Valid after Close().
  const FileMetaData& metadata() const { return metadata_; }
  int64_t bytes_written() const { return bytes_written_; }
  int64_t rows_written() const { return metadata_.num_rows + pending_rows_; }

 private:
  ParquetWriter(SchemaPtr schema, ParquetSink sink, ParquetWriterOptions options,
                std::vector<SchemaElement> elements);
  Status Emit(std::string_view bytes);
  Status WriteRowGroup();
  Status Fail(Status status);

  SchemaPtr schema_;
  ParquetSink sink_;
  ParquetWriterOptions options_;
  FileMetaData metadata_;
  std::vector<RecordBatchPtr> pending_;  // slices of the current row group
  int64_t pending_rows_ = 0;
  int64_t bytes_written_ = 0;
  // Serialized page index structures per row group and column.
  std::vector<std::vector<std::string>> column_indexes_;
  std::vector<std::vector<std::string>> offset_indexes_;
  Status error_;
  bool closed_ = false;
};

// A whole file in memory.
Result<std::string> WriteParquetFile(const SchemaPtr& schema, std::span<const RecordBatchPtr> batches,
                                     const ParquetWriterOptions& options = {});

}  // namespace quiver::parquet
