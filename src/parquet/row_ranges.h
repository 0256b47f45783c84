#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace quiver::parquet {

// A sorted set of disjoint, non-adjacent row intervals [begin, end) within a row group:
// the rows a reader decodes after page-index pruning.
class RowRanges {
 public:
  struct Range {
    int64_t begin = 0;
    int64_t end = 0;
    friend bool operator==(const Range&, const Range&) = default;
  };

  RowRanges() = default;
  static RowRanges All(int64_t num_rows) {
    RowRanges r;
    r.Add(0, num_rows);
    return r;
  }

  // Adds [begin, end). REQUIRES: begin >= the end of every range added before (ranges
  // are added in order); adjacent or overlapping ranges merge. Empty ranges are ignored.
  void Add(int64_t begin, int64_t end);

  RowRanges Intersect(const RowRanges& other) const;
  RowRanges Union(const RowRanges& other) const;

  bool empty() const { return ranges_.empty(); }
  int64_t row_count() const;
  bool Overlaps(int64_t begin, int64_t end) const;
  bool Covers(int64_t begin, int64_t end) const;
  const std::vector<Range>& ranges() const { return ranges_; }

  std::string ToString() const;  // "[0, 10) [20, 30)"
  friend bool operator==(const RowRanges& a, const RowRanges& b) { return a.ranges_ == b.ranges_; }

 private:
  std::vector<Range> ranges_;
};

}  // namespace quiver::parquet
