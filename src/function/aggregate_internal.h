#pragma once

// Shared pieces of the grouped aggregators (aggregate_*.cc).
//
// Layout conventions: per-group state lives in flat vectors indexed by group id; Consume
// loops over rows with the group id as an index (no per-row virtual calls or allocation);
// null rows are folded in branch-free where the state allows (adding 0, max with the
// identity) and validity is read 64 rows at a time.

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "function/function_registry.h"
#include "function/kernel_internal.h"

namespace quiver::function_internal {

// Rows of one aggregate argument: values and logical validity, or a broadcast scalar.
template <typename T>
struct AggregateInput {
  const T* values = nullptr;          // null for a scalar
  const uint8_t* validity = nullptr;  // null: all valid
  int64_t validity_offset = 0;
  T scalar{};
  bool scalar_valid = false;
  BufferPtr owned;  // keeps a computed validity bitmap alive

  bool is_scalar() const { return values == nullptr; }
  bool has_nulls() const { return is_scalar() ? !scalar_valid : validity != nullptr; }
  bool IsValid(int64_t i) const {
    if (is_scalar()) return scalar_valid;
    return validity == nullptr || bit_util::GetBit(validity, validity_offset + i);
  }
  T Value(int64_t i) const { return is_scalar() ? scalar : values[i]; }
};

template <typename T>
Result<AggregateInput<T>> ReadInput(const Datum& datum, MemoryPool* pool) {
  AggregateInput<T> in;
  if (datum.is_scalar()) {
    in.scalar_valid = datum.scalar().is_valid() && datum.type().id() != TypeId::kNull;
    if (in.scalar_valid) in.scalar = ScalarValue<T>(datum.scalar());
    return in;
  }
  const Array& array = datum.array();
  if (array.type().id() == TypeId::kNull) {
    in.scalar_valid = false;
    return in;
  }
  in.values = ValuesOf<T>(array);
  ASSIGN_OR_RETURN(ValidityView view, LogicalValidity(array, pool));
  in.validity = view.data;
  in.validity_offset = view.offset;
  in.owned = view.owned;
  return in;
}

// Grows a per-group vector to `n` entries (new entries = `fill`). Never shrinks.
template <typename T>
void GrowTo(std::vector<T>& v, int64_t n, const T& fill = T{}) {
  if (static_cast<int64_t>(v.size()) < n) v.resize(static_cast<size_t>(n), fill);
}

// A result array from per-group values; `valid` (one byte per group, may be null = all
// valid) marks the groups that have a value.
template <typename T>
Result<Array> BuildFixedResult(const DataType& type, const std::vector<T>& values,
                               const std::vector<uint8_t>* valid, MemoryPool* pool) {
  int64_t n = static_cast<int64_t>(values.size());
  ASSIGN_OR_RETURN(MutableBuffer out, AllocateBuffer(pool, n * static_cast<int64_t>(sizeof(T))));
  if (n > 0) std::memcpy(out.data, values.data(), static_cast<size_t>(n) * sizeof(T));
  OutputValidity validity;
  if (valid != nullptr) {
    int64_t valid_count = 0;
    for (uint8_t v : *valid) valid_count += v != 0;
    if (valid_count < n) {
      ASSIGN_OR_RETURN(MutableBuffer bits, AllocateBitmap(pool, n));
      std::vector<uint8_t> normalized(valid->begin(), valid->end());
      for (uint8_t& v : normalized) v = v != 0;
      PackBytesToBits(normalized.data(), n, bits.data);
      validity.bitmap = bits.buffer;
      validity.null_count = n - valid_count;
    }
  }
  return MakeArray(type, n, validity.bitmap, validity.null_count, {out.buffer});
}

// Wraps an aggregator factory so each distinct (group, value) pair reaches the inner
// aggregator once (count(DISTINCT x), sum(DISTINCT x) ...). Null values are skipped. The
// pairs are collected (and merged) as a set; the inner aggregator sees them at Finalize.
// Supports fixed-width values up to 8 bytes, Boolean, Utf8/Binary and string dictionaries
// (which reach the inner aggregator decoded, as Utf8).
using AggregatorFactory =
    std::function<Result<std::unique_ptr<GroupedAggregator>>(const AggregateOptions&)>;
Result<std::unique_ptr<GroupedAggregator>> MakeDistinctAggregator(const AggregateOptions& options,
                                                                  AggregatorFactory inner);

// Registers one aggregate kernel: wraps `make` with the distinct wrapper when
// options.distinct is set (and `supports_distinct`).
AggregateKernel MakeAggregateKernel(std::vector<TypeMatcher> inputs, OutputTypeResolver output,
                                    AggregatorFactory make, bool supports_distinct);

}  // namespace quiver::function_internal
