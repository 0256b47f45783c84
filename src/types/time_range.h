#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>

namespace quiver {

// A closed interval [min, max] of int64 nanosecond timestamps. Used for chunk and file
// statistics and for time predicates pushed into scans. Empty when min > max.
struct TimeRange {
  int64_t min = std::numeric_limits<int64_t>::min();
  int64_t max = std::numeric_limits<int64_t>::max();

  static constexpr TimeRange All() { return {}; }
  static constexpr TimeRange Empty() {
    return {std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min()};
  }
  static constexpr TimeRange Point(int64_t t) { return {t, t}; }

  constexpr bool empty() const { return min > max; }
  constexpr bool is_all() const {
    return min == std::numeric_limits<int64_t>::min() &&
           max == std::numeric_limits<int64_t>::max();
  }
  constexpr bool Contains(int64_t t) const { return t >= min && t <= max; }
  constexpr bool Overlaps(const TimeRange& other) const {
    return !empty() && !other.empty() && min <= other.max && other.min <= max;
  }
  constexpr bool Covers(const TimeRange& other) const {
    return other.empty() || (min <= other.min && other.max <= max);
  }
  constexpr TimeRange Intersect(const TimeRange& other) const {
    return {std::max(min, other.min), std::min(max, other.max)};
  }
  // Smallest range holding both (an empty side is ignored).
  constexpr TimeRange Union(const TimeRange& other) const {
    if (empty()) return other;
    if (other.empty()) return *this;
    return {std::min(min, other.min), std::max(max, other.max)};
  }
  constexpr void Extend(int64_t t) {
    min = std::min(min, t);
    max = std::max(max, t);
  }

  friend constexpr bool operator==(const TimeRange& a, const TimeRange& b) = default;
};

}  // namespace quiver
