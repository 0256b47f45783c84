#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "columnar/record_batch.h"
#include "parquet/file_metadata.h"
#include "parquet/page_index.h"
#include "parquet/random_access_source.h"
#include "parquet/reader_options.h"
#include "parquet/row_ranges.h"
#include "parquet/scan_predicate.h"
#include "parquet/schema_mapping.h"
#include "types/scalar.h"

namespace quiver::parquet {

// Statistics of one column chunk, decoded to the column's Arrow type (min/max are Utf8
// scalars for dictionary columns, Timestamp scalars in the Arrow unit for timestamps).
struct ColumnChunkStatistics {
  std::optional<int64_t> null_count;
  std::optional<Scalar> min;
  std::optional<Scalar> max;
};

// Reads a Parquet file from a RandomAccessSource (flat schemas: one leaf per column).
//
//   ASSIGN_OR_RETURN(auto reader, ParquetReader::Open(source));
//   for (int rg : reader->SelectRowGroups(predicate)) {
//     ASSIGN_OR_RETURN(RowRanges rows, reader->SelectRows(rg, predicate));
//     ASSIGN_OR_RETURN(auto batch, reader->ReadRowGroup(rg, columns, &rows));
//   }
//
// Open() fetches and parses the footer and maps the schema; nothing else is read until
// asked. Reads fetch whole column chunks, or, with a row selection and an offset index,
// only the dictionary page and the pages holding selected rows.
//
// Errors: every problem with the file's bytes is a Corruption whose message starts with
// "parquet file <name>: "; features the reader lacks are NotImplemented (nested columns,
// encryption, external column chunks, DECIMAL, LZO/BROTLI). The source's own errors pass
// through with the same prefix.
//
// Thread-safety: const methods may be called concurrently (the page index cache is
// guarded by a mutex); the source must allow concurrent reads.
class ParquetReader {
 public:
  static Result<std::unique_ptr<ParquetReader>> Open(RandomAccessSourcePtr source,
                                                     ParquetReaderOptions options = {});
  // With a footer parsed earlier (a metadata cache); `metadata` must come from this file.
  static Result<std::unique_ptr<ParquetReader>> Open(RandomAccessSourcePtr source,
                                                     std::shared_ptr<const FileMetaData> metadata,
                                                     ParquetReaderOptions options = {});

  const std::string& name() const { return source_->name(); }
  const FileMetaData& metadata() const { return *metadata_; }
  const std::shared_ptr<const FileMetaData>& shared_metadata() const { return metadata_; }
  // The Arrow schema of the file (see schema_mapping.h).
  const SchemaPtr& schema() const { return file_schema_.schema; }
  const FileSchema& file_schema() const { return file_schema_; }
  int num_row_groups() const { return static_cast<int>(metadata_->row_groups.size()); }
  int64_t num_rows() const { return metadata_->num_rows; }
  int64_t row_group_num_rows(int row_group) const;
  // "sorting_columns" of a row group, if recorded.
  std::optional<std::vector<SortingColumn>> sorting_columns(int row_group) const;

  // REQUIRES: valid indexes.
  ColumnChunkStatistics column_statistics(int row_group, int column) const;

  // Row groups whose statistics do not rule out `predicate`, in file order.
  std::vector<int> SelectRowGroups(const ParquetScanPredicate& predicate) const;
  // Rows of `row_group` that the page index does not rule out (all rows if the file has
  // no page index for the predicate's columns). Fetches and caches the page index.
  Result<RowRanges> SelectRows(int row_group, const ParquetScanPredicate& predicate) const;

  // The page index of a column chunk (nullptr members when absent). Cached.
  Result<std::shared_ptr<const ColumnIndex>> GetColumnIndex(int row_group, int column) const;
  Result<std::shared_ptr<const OffsetIndex>> GetOffsetIndex(int row_group, int column) const;

  // Decodes `columns` (indexes into schema()) of `row_group`; with `rows`, only those
  // rows (in order). The batch's schema is the projection of schema().
  Result<RecordBatchPtr> ReadRowGroup(int row_group, std::span<const int> columns,
                                      const RowRanges* rows = nullptr) const;
  // Every column.
  Result<RecordBatchPtr> ReadRowGroup(int row_group) const;

  // Prunes with `predicate` (row groups, then pages) and reads `columns` of what is
  // left: one batch per surviving row group with rows.
  Result<std::vector<RecordBatchPtr>> Scan(const ParquetScanPredicate& predicate,
                                           std::span<const int> columns) const;
  // Every row group, every column.
  Result<std::vector<RecordBatchPtr>> ReadAll() const;

  ParquetReadCounters& counters() const { return counters_; }

 private:
  ParquetReader(RandomAccessSourcePtr source, std::shared_ptr<const FileMetaData> metadata,
                FileSchema schema, ParquetReaderOptions options);
  Status ValidateMetadata() const;
  Status WithName(const Status& status) const;
  template <typename T>
  Result<std::shared_ptr<const T>> LoadIndex(int row_group, int column, bool column_index) const;

  RandomAccessSourcePtr source_;
  std::shared_ptr<const FileMetaData> metadata_;
  FileSchema file_schema_;
  ParquetReaderOptions options_;
  mutable ParquetReadCounters counters_;
  mutable std::mutex index_mutex_;
  // Keyed by row_group * num_columns + column.
  mutable std::vector<std::shared_ptr<const ColumnIndex>> column_indexes_;
  mutable std::vector<std::shared_ptr<const OffsetIndex>> offset_indexes_;
  mutable std::vector<uint8_t> index_loaded_;  // bit 0: column index, bit 1: offset index
};

// Parses the footer of a whole file in memory (or its tail) without a reader.
Result<FileMetaData> ReadFileMetaData(const RandomAccessSource& source,
                                      const ParquetReaderOptions& options = {});

}  // namespace quiver::parquet
