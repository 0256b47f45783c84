#pragma once

// The innermost loops of the hottest kernels, with an AVX-512 version chosen at run time
// (the build targets baseline x86-64; see simd_kernels.cc) and a portable fallback.
// Module-private. All output bitmaps start at bit 0 and get BytesForBits(n) bytes written
// (bits past n in the last byte are 0).

#include <cstdint>

namespace quiver::function_internal {

enum class CompareOp : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };

// The operator with its operands swapped (a < b  <=>  b > a).
constexpr CompareOp FlipCompareOp(CompareOp op) {
  switch (op) {
    case CompareOp::kLt:
      return CompareOp::kGt;
    case CompareOp::kLe:
      return CompareOp::kGe;
    case CompareOp::kGt:
      return CompareOp::kLt;
    case CompareOp::kGe:
      return CompareOp::kLe;
    default:
      return op;
  }
}

// out bit i = a[i] <op> b. Floats order NaN above every number and equal to itself
// (PostgreSQL semantics), and -0.0 == 0.0.
void CompareArrayScalarToBits(CompareOp op, const double* a, double b, int64_t n, uint8_t* out);
void CompareArrayScalarToBits(CompareOp op, const int64_t* a, int64_t b, int64_t n, uint8_t* out);
void CompareArrayScalarToBits(CompareOp op, const uint64_t* a, uint64_t b, int64_t n, uint8_t* out);
// out bit i = a[i] <op> b[i].
void CompareArrayArrayToBits(CompareOp op, const double* a, const double* b, int64_t n,
                             uint8_t* out);
void CompareArrayArrayToBits(CompareOp op, const int64_t* a, const int64_t* b, int64_t n,
                             uint8_t* out);
void CompareArrayArrayToBits(CompareOp op, const uint64_t* a, const uint64_t* b, int64_t n,
                             uint8_t* out);
void CompareInt32ScalarToBits(CompareOp op, const int32_t* a, int32_t b, int64_t n, uint8_t* out);
// out bit i = lut[indices[i]] != 0, or 0 when indices[i] is outside [0, lut_size) (null
// slots may hold any index).
void LookupBytesToBits(const int32_t* indices, const uint8_t* lut, int64_t lut_size, int64_t n,
                       uint8_t* out);

// True when the AVX-512 paths run on this machine (for benchmarks and tests).
bool HasAvx512();

}  // namespace quiver::function_internal
