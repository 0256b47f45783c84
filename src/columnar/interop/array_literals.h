#pragma once

// Test-only: arrays of every type from literal values (std::nullopt = null), for unit
// tests, the IPC interop tool and the C Data Interface test library. Not part of the
// server.

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "base/result.h"
#include "columnar/array.h"
#include "columnar/builder.h"

namespace quiver::literals {

template <typename T>
using Opt = std::optional<T>;

// A validity bitmap for `valid` (nullptr when every slot is valid), and its null count.
Result<BufferPtr> ValidityOf(const std::vector<bool>& valid, int64_t* null_count);

template <typename T>
Result<Array> Numbers(const std::vector<Opt<T>>& values, DataType type = DefaultTypeFor<T>()) {
  NumericBuilder<T> builder(std::move(type));
  for (const auto& value : values) {
    if (value.has_value()) {
      RETURN_NOT_OK(builder.Append(*value));
    } else {
      RETURN_NOT_OK(builder.AppendNull());
    }
  }
  return builder.Finish();
}

Result<Array> NullArray(int64_t length);
Result<Array> Booleans(const std::vector<Opt<bool>>& values);
// Utf8 by default; pass DataType::Binary() for binary.
Result<Array> Strings(const std::vector<Opt<std::string>>& values,
                      DataType type = DataType::Utf8());
// (months, days, nanoseconds)
Result<Array> Intervals(const std::vector<Opt<std::tuple<int32_t, int32_t, int64_t>>>& values);

// List/Map from raw int32 offsets (length + 1 of them), per-slot validity and the child.
Result<Array> List(const Field& item, const std::vector<int32_t>& offsets,
                   const std::vector<bool>& valid, const Array& values);
// `entries` is the Struct<key, value> child array.
Result<Array> Map(const Field& entries_field, const std::vector<int32_t>& offsets,
                  const std::vector<bool>& valid, const Array& entries, bool keys_sorted = false);
Result<Array> Struct(const std::vector<Field>& fields, const std::vector<Array>& children,
                     const std::vector<bool>& valid);
Result<Array> DenseUnion(const std::vector<Field>& fields, const std::vector<int8_t>& codes,
                         const std::vector<int8_t>& type_ids, const std::vector<int32_t>& offsets,
                         const std::vector<Array>& children);
// Indices of any integer type (index_type) into `dictionary`.
Result<Array> Dictionary(const DataType& index_type, const std::vector<Opt<int64_t>>& indices,
                         const Array& dictionary, bool ordered = false);

}  // namespace quiver::literals
