#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "parquet/file_metadata.h"

// Column statistics: the order min/max values follow, comparisons of plain-encoded
// values (as Statistics and ColumnIndex store them), and typed min/max accumulators
// for writers.
//
// Orders (parquet.thrift ColumnOrder TypeDefinedOrder): signed for INT32/INT64 unless
// annotated unsigned INTEGER / UINT_*; unsigned for INTEGER(unsigned); byte-wise
// unsigned for BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY; false < true for BOOLEAN; numeric for
// FLOAT/DOUBLE with NaN excluded (-0.0 written as the min, +0.0 as the max).
namespace quiver::parquet {

enum class SortOrder : uint8_t { kSigned, kUnsigned, kUnknown };

SortOrder SortOrderOf(const SchemaElement& leaf);

// Three-way comparison of two plain-encoded values of a column of `type` under `order`
// (byte arrays without their length prefix). Returns nullopt when a value has the wrong
// size for a fixed-width type or the order is unknown.
std::optional<int> CompareStatValues(PhysicalType type, SortOrder order, std::string_view a,
                                     std::string_view b);

template <typename T>
std::string EncodeStatValue(T value) {
  std::string out(sizeof(T), '\0');
  std::memcpy(out.data(), &value, sizeof(T));
  return out;
}

template <typename T>
std::optional<T> DecodeStatValue(std::string_view bytes) {
  if (bytes.size() != sizeof(T)) return std::nullopt;
  T value;
  std::memcpy(&value, bytes.data(), sizeof(T));
  return value;
}

// Running min/max of values of type T (int32_t, int64_t, uint64_t, float, double, bool,
// std::string_view). NaNs are counted, not compared. For string_view, the views must
// stay valid until Encode.
template <typename T>
class MinMax {
 public:
  void Update(T v) {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(v)) {
        ++nan_count_;
        return;
      }
    }
    if (!has_) {
      min_ = max_ = v;
      has_ = true;
      return;
    }
    if (v < min_) min_ = v;
    if (max_ < v) max_ = v;
  }
  void Merge(const MinMax& other) {
    nan_count_ += other.nan_count_;
    if (!other.has_) return;
    Update(other.min_);
    Update(other.max_);
  }

  bool has_value() const { return has_; }
  int64_t nan_count() const { return nan_count_; }
  T min() const { return min_; }
  T max() const { return max_; }

  // Plain encodings of min and max (after the -0/+0 rule for floats).
  std::string EncodedMin() const { return Encode(min_, /*is_min=*/true); }
  std::string EncodedMax() const { return Encode(max_, /*is_min=*/false); }

 private:
  static std::string Encode(T v, bool is_min) {
    if constexpr (std::is_same_v<T, std::string_view>) {
      return std::string(v);
    } else if constexpr (std::is_same_v<T, bool>) {
      return std::string(1, v ? '\1' : '\0');
    } else if constexpr (std::is_floating_point_v<T>) {
      if (v == 0) v = is_min ? -T(0) : T(0);
      return EncodeStatValue<T>(v);
    } else {
      return EncodeStatValue<T>(v);
    }
  }

  bool has_ = false;
  T min_{};
  T max_{};
  int64_t nan_count_ = 0;
};

}  // namespace quiver::parquet
