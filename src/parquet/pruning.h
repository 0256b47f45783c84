#pragma once

#include <functional>
#include <optional>
#include <string>

#include "parquet/file_metadata.h"
#include "parquet/page_index.h"
#include "parquet/row_ranges.h"
#include "parquet/scan_predicate.h"
#include "parquet/schema_mapping.h"

// Row-group pruning with column-chunk statistics and page pruning with the page index.
namespace quiver::parquet {

// Min/max of a column chunk usable for pruning (plain-encoded), following the rules of
// the format: min_value/max_value in the column's TypeDefinedOrder, else the deprecated
// min/max fields for signed-ordered types (or when they are equal).
struct UsableMinMax {
  std::string min;
  std::string max;
};
std::optional<UsableMinMax> UsableStatistics(const LeafColumn& column, const Statistics& stats,
                                             std::optional<ColumnOrder> order);

// True unless the row group's statistics prove no row matches `predicate`.
bool RowGroupMayMatch(const FileSchema& schema, const FileMetaData& metadata, int row_group,
                      const ParquetScanPredicate& predicate);

// The page index of one column chunk, if the file has it (loaded by the caller).
struct ChunkPageIndex {
  const ColumnIndex* column_index = nullptr;
  const OffsetIndex* offset_index = nullptr;
};

// Rows of a row group that may match according to the page index of the predicate's
// columns (every row when no predicate column has a page index).
RowRanges SelectRowsByPageIndex(const FileSchema& schema, int64_t row_group_rows,
                                const ParquetScanPredicate& predicate,
                                const std::function<ChunkPageIndex(int column)>& page_index);

}  // namespace quiver::parquet
