#include "parquet/pruning.h"

#include <algorithm>

namespace quiver::parquet {
namespace {

const LeafColumn* FindColumn(const FileSchema& schema, const std::string& name) {
  for (const LeafColumn& column : schema.columns) {
    if (column.element.name == name) return &column;
  }
  return nullptr;
}

// Nanoseconds of a stored timestamp value, saturated to int64.
int64_t ToNanos(int64_t value, int64_t unit_nanos) {
  __int128 v = static_cast<__int128>(value) * unit_nanos;
  if (v > INT64_MAX) return INT64_MAX;
  if (v < INT64_MIN) return INT64_MIN;
  return static_cast<int64_t>(v);
}

bool IsTimeColumn(const LeafColumn& column) {
  return column.stored_time_unit_nanos > 0 && column.element.type == PhysicalType::kInt64;
}

bool IsByteColumn(const LeafColumn& column) {
  return column.element.type == PhysicalType::kByteArray && column.sort_order == SortOrder::kUnsigned;
}

// Whether values in [min, max] (plain-encoded) may satisfy the time predicate.
bool TimeMayMatch(const LeafColumn& column, std::string_view min, std::string_view max, const TimeRange& range) {
  auto lo = DecodeStatValue<int64_t>(min);
  auto hi = DecodeStatValue<int64_t>(max);
  if (!lo || !hi) return true;
  TimeRange values{ToNanos(*lo, column.stored_time_unit_nanos), ToNanos(*hi, column.stored_time_unit_nanos)};
  return values.Overlaps(range);
}

bool InSetMayMatch(std::string_view min, std::string_view max, const std::vector<std::string>& values) {
  for (const std::string& v : values) {
    if (min.compare(v) <= 0 && std::string_view(v).compare(max) <= 0) return true;
  }
  return false;
}

}  // namespace

std::optional<UsableMinMax> UsableStatistics(const LeafColumn& column, const Statistics& stats,
                                             std::optional<ColumnOrder> order) {
  if (column.sort_order == SortOrder::kUnknown) return std::nullopt;
  if (order && *order != ColumnOrder::kTypeDefined) return std::nullopt;
  if (stats.min_value && stats.max_value) return UsableMinMax{*stats.min_value, *stats.max_value};
  if (stats.min && stats.max) {
    PhysicalType type = *column.element.type;
    bool signed_numeric = column.sort_order == SortOrder::kSigned && type != PhysicalType::kByteArray &&
                          type != PhysicalType::kFixedLenByteArray;
    if (signed_numeric || *stats.min == *stats.max) return UsableMinMax{*stats.min, *stats.max};
  }
  return std::nullopt;
}

bool RowGroupMayMatch(const FileSchema& schema, const FileMetaData& metadata, int row_group,
                      const ParquetScanPredicate& predicate) {
  const RowGroup& group = metadata.row_groups[static_cast<size_t>(row_group)];
  auto chunk_stats = [&](const LeafColumn& column, std::optional<UsableMinMax>* minmax, bool* all_null) {
    *all_null = false;
    const ColumnChunk& chunk = group.columns[static_cast<size_t>(column.index)];
    if (!chunk.meta_data || !chunk.meta_data->statistics) return;
    const Statistics& stats = *chunk.meta_data->statistics;
    std::optional<ColumnOrder> order;
    if (metadata.column_orders && static_cast<size_t>(column.index) < metadata.column_orders->size()) {
      order = (*metadata.column_orders)[static_cast<size_t>(column.index)];
    }
    *minmax = UsableStatistics(column, stats, order);
    *all_null = stats.null_count && *stats.null_count >= group.num_rows && group.num_rows > 0;
  };
  if (predicate.has_time()) {
    const LeafColumn* column = FindColumn(schema, predicate.time_column);
    if (column != nullptr && IsTimeColumn(*column)) {
      std::optional<UsableMinMax> minmax;
      bool all_null = false;
      chunk_stats(*column, &minmax, &all_null);
      if (all_null) return false;
      if (minmax && !TimeMayMatch(*column, minmax->min, minmax->max, predicate.time_range)) return false;
    }
  }
  for (const ParquetScanPredicate::InSet& in : predicate.in_sets) {
    const LeafColumn* column = FindColumn(schema, in.column);
    if (column == nullptr || !IsByteColumn(*column)) continue;
    if (in.values.empty()) return false;
    std::optional<UsableMinMax> minmax;
    bool all_null = false;
    chunk_stats(*column, &minmax, &all_null);
    if (all_null) return false;
    if (minmax && !InSetMayMatch(minmax->min, minmax->max, in.values)) return false;
  }
  return true;
}

RowRanges SelectRowsByPageIndex(const FileSchema& schema, int64_t row_group_rows,
                                const ParquetScanPredicate& predicate,
                                const std::function<ChunkPageIndex(int column)>& page_index) {
  RowRanges selected = RowRanges::All(row_group_rows);
  auto prune = [&](const LeafColumn& column, const std::function<bool(std::string_view, std::string_view)>& may_match) {
    ChunkPageIndex index = page_index(column.index);
    if (index.column_index == nullptr || index.offset_index == nullptr) return;
    const ColumnIndex& ci = *index.column_index;
    const auto& pages = index.offset_index->page_locations;
    if (pages.empty() || ci.null_pages.size() != pages.size()) return;  // inconsistent: do not prune
    RowRanges keep;
    for (size_t i = 0; i < pages.size(); ++i) {
      int64_t begin = pages[i].first_row_index;
      int64_t end = i + 1 < pages.size() ? pages[i + 1].first_row_index : row_group_rows;
      if (begin >= row_group_rows || end > row_group_rows || end <= begin) return;  // inconsistent
      if (ci.null_pages[i]) continue;  // nulls never match
      if (may_match(ci.min_values[i], ci.max_values[i])) keep.Add(begin, end);
    }
    selected = selected.Intersect(keep);
  };
  if (predicate.has_time()) {
    const LeafColumn* column = FindColumn(schema, predicate.time_column);
    if (column != nullptr && IsTimeColumn(*column)) {
      prune(*column, [&](std::string_view min, std::string_view max) {
        return TimeMayMatch(*column, min, max, predicate.time_range);
      });
    }
  }
  for (const ParquetScanPredicate::InSet& in : predicate.in_sets) {
    const LeafColumn* column = FindColumn(schema, in.column);
    if (column == nullptr || !IsByteColumn(*column)) continue;
    prune(*column, [&](std::string_view min, std::string_view max) { return InSetMayMatch(min, max, in.values); });
  }
  return selected;
}

}  // namespace quiver::parquet
