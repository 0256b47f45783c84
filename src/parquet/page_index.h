#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "parquet/format_enums.h"

// The page index (PageIndex.md): per column chunk, a ColumnIndex (min/max/null count of
// every data page) and an OffsetIndex (where every data page is and its first row).
// Writers put all ColumnIndex structs after the last row group, then all OffsetIndex
// structs, then the footer; ColumnChunk fields 4-7 point at them.
namespace quiver::parquet {

struct PageLocation {
  int64_t offset = 0;                // file offset of the page header
  int32_t compressed_page_size = 0;  // header + compressed body
  int64_t first_row_index = 0;       // within the row group
};

struct OffsetIndex {
  std::vector<PageLocation> page_locations;
  std::optional<std::vector<int64_t>> unencoded_byte_array_data_bytes;
};

struct ColumnIndex {
  std::vector<bool> null_pages;
  std::vector<std::string> min_values;  // plain-encoded (byte arrays without length)
  std::vector<std::string> max_values;
  BoundaryOrder boundary_order = BoundaryOrder::kUnordered;
  std::optional<std::vector<int64_t>> null_counts;
};

std::string SerializeOffsetIndex(const OffsetIndex& index);
std::string SerializeColumnIndex(const ColumnIndex& index);

// Parse and check internal consistency (equal list lengths, increasing first rows and
// offsets, non-negative sizes). Errors: Corruption.
Result<OffsetIndex> ParseOffsetIndex(std::string_view bytes);
Result<ColumnIndex> ParseColumnIndex(std::string_view bytes);

// Ascending if the non-null pages' mins and maxes are both non-decreasing under
// `less`, descending if both non-increasing, otherwise unordered.
template <typename Less>
BoundaryOrder ComputeBoundaryOrder(const ColumnIndex& index, Less less) {
  bool ascending = true;
  bool descending = true;
  const std::string* prev_min = nullptr;
  const std::string* prev_max = nullptr;
  for (size_t i = 0; i < index.null_pages.size(); ++i) {
    if (index.null_pages[i]) continue;
    if (prev_min != nullptr) {
      if (less(index.min_values[i], *prev_min) || less(index.max_values[i], *prev_max)) ascending = false;
      if (less(*prev_min, index.min_values[i]) || less(*prev_max, index.max_values[i])) descending = false;
    }
    prev_min = &index.min_values[i];
    prev_max = &index.max_values[i];
  }
  if (ascending) return BoundaryOrder::kAscending;
  if (descending) return BoundaryOrder::kDescending;
  return BoundaryOrder::kUnordered;
}

}  // namespace quiver::parquet
