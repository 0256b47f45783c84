#include "parquet/row_ranges.h"

#include <algorithm>

#include <fmt/format.h>

namespace quiver::parquet {

void RowRanges::Add(int64_t begin, int64_t end) {
  if (end <= begin) return;
  if (!ranges_.empty() && begin <= ranges_.back().end) {
    ranges_.back().end = std::max(ranges_.back().end, end);
    return;
  }
  ranges_.push_back({begin, end});
}

RowRanges RowRanges::Intersect(const RowRanges& other) const {
  RowRanges out;
  size_t i = 0, j = 0;
  while (i < ranges_.size() && j < other.ranges_.size()) {
    const Range& a = ranges_[i];
    const Range& b = other.ranges_[j];
    out.Add(std::max(a.begin, b.begin), std::min(a.end, b.end));
    if (a.end < b.end) {
      ++i;
    } else {
      ++j;
    }
  }
  return out;
}

RowRanges RowRanges::Union(const RowRanges& other) const {
  std::vector<Range> all = ranges_;
  all.insert(all.end(), other.ranges_.begin(), other.ranges_.end());
  std::sort(all.begin(), all.end(), [](const Range& a, const Range& b) { return a.begin < b.begin; });
  RowRanges out;
  for (const Range& r : all) out.Add(r.begin, r.end);
  return out;
}

int64_t RowRanges::row_count() const {
  int64_t n = 0;
  for (const Range& r : ranges_) n += r.end - r.begin;
  return n;
}

bool RowRanges::Overlaps(int64_t begin, int64_t end) const {
  auto it = std::upper_bound(ranges_.begin(), ranges_.end(), begin,
                             [](int64_t v, const Range& r) { return v < r.end; });
  return it != ranges_.end() && it->begin < end;
}

bool RowRanges::Covers(int64_t begin, int64_t end) const {
  auto it = std::upper_bound(ranges_.begin(), ranges_.end(), begin,
                             [](int64_t v, const Range& r) { return v < r.end; });
  return it != ranges_.end() && it->begin <= begin && it->end >= end;
}

std::string RowRanges::ToString() const {
  std::string out;
  for (const Range& r : ranges_) {
    if (!out.empty()) out += ' ';
    out += fmt::format("[{}, {})", r.begin, r.end);
  }
  return out;
}

}  // namespace quiver::parquet
