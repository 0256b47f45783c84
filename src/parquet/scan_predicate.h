#pragma once

#include <string>
#include <vector>

#include "types/column_type.h"
#include "types/time_range.h"

namespace quiver::parquet {

// The predicates a Parquet scan can prune with. Pruning is conservative: a row group or
// page is dropped only when its statistics prove that no row in it can match; the rows
// that remain are a superset of the matches, and the caller still filters exactly.
// Conjunctive: a row matches when every part matches. Nulls never match.
struct ParquetScanPredicate {
  // Rows whose `time_column` (a timestamp column) lies in `time_range` (nanoseconds,
  // inclusive). An empty name or TimeRange::All() means no time predicate.
  std::string time_column = std::string(kTimeColumnName);
  TimeRange time_range = TimeRange::All();

  // Rows whose string column (a tag) equals one of `values`: `tag = 'v'` or
  // `tag IN ('a', 'b')`. An empty value list matches nothing.
  struct InSet {
    std::string column;
    std::vector<std::string> values;
  };
  std::vector<InSet> in_sets;

  bool has_time() const { return !time_column.empty() && !time_range.is_all(); }
  bool empty() const { return !has_time() && in_sets.empty(); }
};

}  // namespace quiver::parquet
