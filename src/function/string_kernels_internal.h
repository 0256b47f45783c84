#pragma once

// Helpers for the string function families (string_functions.cc, string_search.cc).

#include <optional>
#include <string>
#include <string_view>

#include "function/function_registry.h"
#include "function/kernel_internal.h"

namespace quiver::function_internal {

// UTF-8: number of code points; byte offset of the code point `chars` into `s` (or
// s.size() when there are fewer).
inline bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
inline int64_t CharCount(std::string_view s) {
  int64_t count = 0;
  for (char c : s) count += !IsContinuation(c);
  return count;
}
inline size_t ByteOffsetOfChar(std::string_view s, int64_t chars) {
  if (chars <= 0) return 0;
  size_t pos = 0;
  while (pos < s.size()) {
    if (!IsContinuation(s[pos])) {
      if (chars == 0) return pos;
      --chars;
    }
    ++pos;
  }
  return s.size();
}

// Per-row readers over an argument that is an array or a broadcast scalar.
struct StringArg {
  std::optional<StringReader> reader;
  std::string_view scalar;
  explicit StringArg(const Datum& d) {
    if (d.is_array()) {
      reader.emplace(d.array());
    } else if (d.scalar().is_valid()) {
      scalar = d.scalar().string_value();
    }
  }
  std::string_view operator[](int64_t i) const { return reader ? (*reader)[i] : scalar; }
};

struct IntArg {
  const int64_t* values = nullptr;
  int64_t scalar = 0;
  explicit IntArg(const Datum& d) {
    if (d.is_array()) {
      values = ValuesOf<int64_t>(d.array());
    } else if (d.scalar().is_valid()) {
      scalar = d.scalar().int64_value();
    }
  }
  int64_t operator[](int64_t i) const { return values ? values[i] : scalar; }
};

// Builds a Utf8 result row by row: `fn(i, std::string& out) -> Status` fills `out` for
// every row where all arguments are valid; others are null. All-scalar arguments give a
// scalar.
template <typename Fn>
Result<Datum> MapRowsToString(KernelContext& ctx, std::span<const Datum> args, int64_t rows,
                              Fn fn) {
  bool scalar = AllScalars(args);
  if (AnyNullScalar(args)) {
    return scalar ? Datum(Scalar::Null(DataType::Utf8()))
                  : Datum(MakeNullArray(DataType::Utf8(), rows));
  }
  int64_t n = scalar ? 1 : rows;
  ASSIGN_OR_RETURN(OutputValidity validity, IntersectValidity(ctx.pool, args, n));
  const uint8_t* valid = validity.bitmap ? validity.bitmap->data() : nullptr;
  StringBuilder builder(DataType::Utf8(), ctx.pool);
  RETURN_NOT_OK(builder.Reserve(n));
  std::string out;
  for (int64_t i = 0; i < n; ++i) {
    if (valid != nullptr && !bit_util::GetBit(valid, i)) {
      RETURN_NOT_OK(builder.AppendNull());
      continue;
    }
    out.clear();
    RETURN_NOT_OK(fn(i, out));
    RETURN_NOT_OK(builder.Append(out));
  }
  ASSIGN_OR_RETURN(Array array, builder.Finish());
  if (scalar) {
    ASSIGN_OR_RETURN(Scalar s, ScalarAt(array, 0));
    return Datum(std::move(s));
  }
  return Datum(std::move(array));
}

// The same for fixed-width results: `fn(i) -> T`.
template <typename T, typename Fn>
Result<Datum> MapRowsToFixed(KernelContext& ctx, std::span<const Datum> args, int64_t rows,
                             const DataType& type, Fn fn) {
  bool scalar = AllScalars(args);
  if (AnyNullScalar(args))
    return scalar ? Datum(Scalar::Null(type)) : Datum(MakeNullArray(type, rows));
  int64_t n = scalar ? 1 : rows;
  ASSIGN_OR_RETURN(OutputValidity validity, IntersectValidity(ctx.pool, args, n));
  const uint8_t* valid = validity.bitmap ? validity.bitmap->data() : nullptr;
  if constexpr (std::is_same_v<T, bool>) {
    std::vector<uint8_t> bytes(static_cast<size_t>(n), 0);
    for (int64_t i = 0; i < n; ++i) {
      if (valid == nullptr || bit_util::GetBit(valid, i)) bytes[i] = fn(i);
    }
    if (scalar)
      return validity.null_count ? Datum(Scalar::Null(type))
                                 : Datum(Scalar::Boolean(bytes[0] != 0));
    ASSIGN_OR_RETURN(MutableBuffer bits, AllocateBitmap(ctx.pool, n));
    PackBytesToBits(bytes.data(), n, bits.data);
    return Datum(MakeBooleanArray(n, bits.buffer, validity));
  } else {
    ASSIGN_OR_RETURN(MutableBuffer out,
                     AllocateBuffer(ctx.pool, n * static_cast<int64_t>(sizeof(T))));
    T* dst = out.as<T>();
    for (int64_t i = 0; i < n; ++i)
      dst[i] = (valid == nullptr || bit_util::GetBit(valid, i)) ? fn(i) : T{};
    Array array = MakeArray(type, n, validity.bitmap, validity.null_count, {out.buffer});
    if (scalar) {
      ASSIGN_OR_RETURN(Scalar s, ScalarAt(array, 0));
      return Datum(std::move(s));
    }
    return Datum(std::move(array));
  }
}

// Runs `exec` on a string dictionary's values when every other argument is a scalar (one
// evaluation per dictionary entry), then gathers the results through the indices; else
// decodes the dictionary and runs `exec` on the strings.
Result<Datum> ExecViaDictionary(KernelContext& ctx, std::span<const Datum> args, int64_t rows,
                                const ScalarKernelExec& exec);

// Registers `exec` under `name` for (Utf8, rest...) and (Dictionary(Int32, Utf8),
// rest...) (the latter through ExecViaDictionary).
void AddStringFunction(FunctionRegistry& registry, const char* name, const char* description,
                       std::vector<TypeMatcher> rest, OutputTypeResolver output,
                       ScalarKernelExec exec, std::vector<std::string> aliases = {},
                       bool variadic = false);

}  // namespace quiver::function_internal
