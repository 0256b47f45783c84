#include "function/simd_kernels_internal.h"

#include <immintrin.h>

#include <cmath>
#include <cstring>
#include <type_traits>
#include <vector>

// The AVX-512 versions are compiled for AVX-512 with __attribute__((target)) and chosen
// at run time, as base/crc32c.cc and lineproto/structural_index.cc do: the build itself
// targets baseline x86-64 so the binary runs everywhere.

namespace quiver::function_internal {
namespace {

bool DetectAvx512() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
}

const bool kHasAvx512 = DetectAvx512();

// ---- Portable fallbacks ----------------------------------------------------------------

template <CompareOp kOp, typename T>
inline bool CompareValues(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    // NaN is equal to NaN and above every number.
    bool a_nan = a != a;
    bool b_nan = b != b;
    if constexpr (kOp == CompareOp::kEq) return a == b || (a_nan && b_nan);
    if constexpr (kOp == CompareOp::kNe) return !(a == b || (a_nan && b_nan));
    if constexpr (kOp == CompareOp::kLt) return a < b || (!a_nan && b_nan);
    if constexpr (kOp == CompareOp::kLe) return a <= b || b_nan;
    if constexpr (kOp == CompareOp::kGt) return a > b || (a_nan && !b_nan);
    if constexpr (kOp == CompareOp::kGe) return a >= b || a_nan;
  } else {
    if constexpr (kOp == CompareOp::kEq) return a == b;
    if constexpr (kOp == CompareOp::kNe) return a != b;
    if constexpr (kOp == CompareOp::kLt) return a < b;
    if constexpr (kOp == CompareOp::kLe) return a <= b;
    if constexpr (kOp == CompareOp::kGt) return a > b;
    if constexpr (kOp == CompareOp::kGe) return a >= b;
  }
  return false;
}

// Packs pred(i) for i in [start, n) into out (start a multiple of 8).
template <typename Pred>
inline void PackFrom(int64_t start, int64_t n, uint8_t* out, Pred pred) {
  int64_t i = start;
  for (; i + 8 <= n; i += 8) {
    uint8_t byte = 0;
    for (int j = 0; j < 8; ++j) byte |= static_cast<uint8_t>(pred(i + j)) << j;
    out[i >> 3] = byte;
  }
  if (i < n) {
    uint8_t byte = 0;
    for (int j = 0; i + j < n; ++j) byte |= static_cast<uint8_t>(pred(i + j)) << j;
    out[i >> 3] = byte;
  }
}

template <CompareOp kOp, typename T>
void ScalarPortable(const T* a, T b, int64_t start, int64_t n, uint8_t* out) {
  PackFrom(start, n, out, [&](int64_t i) { return CompareValues<kOp>(a[i], b); });
}

template <CompareOp kOp, typename T>
void ArrayPortable(const T* a, const T* b, int64_t start, int64_t n, uint8_t* out) {
  PackFrom(start, n, out, [&](int64_t i) { return CompareValues<kOp>(a[i], b[i]); });
}

// ---- AVX-512 ---------------------------------------------------------------------------

template <CompareOp kOp>
constexpr int DoubleScalarPredicate() {
  // For a non-NaN scalar: unordered (NaN) lanes are "greater".
  switch (kOp) {
    case CompareOp::kEq:
      return _CMP_EQ_OQ;
    case CompareOp::kNe:
      return _CMP_NEQ_UQ;
    case CompareOp::kLt:
      return _CMP_LT_OQ;
    case CompareOp::kLe:
      return _CMP_LE_OQ;
    case CompareOp::kGt:
      return _CMP_NLE_UQ;
    case CompareOp::kGe:
      return _CMP_NLT_UQ;
  }
  return _CMP_EQ_OQ;
}

template <CompareOp kOp>
constexpr int IntPredicate() {
  switch (kOp) {
    case CompareOp::kEq:
      return _MM_CMPINT_EQ;
    case CompareOp::kNe:
      return _MM_CMPINT_NE;
    case CompareOp::kLt:
      return _MM_CMPINT_LT;
    case CompareOp::kLe:
      return _MM_CMPINT_LE;
    case CompareOp::kGt:
      return _MM_CMPINT_NLE;
    case CompareOp::kGe:
      return _MM_CMPINT_NLT;
  }
  return _MM_CMPINT_EQ;
}

template <CompareOp kOp>
__attribute__((target("avx512f,avx512bw"))) int64_t DoubleScalarAvx512(const double* a, double b,
                                                                       int64_t n, uint8_t* out) {
  constexpr int kPredicate = DoubleScalarPredicate<kOp>();
  const __m512d vb = _mm512_set1_pd(b);
  int64_t i = 0;
  for (; i + 64 <= n; i += 64) {
    uint64_t word = 0;
    for (int k = 0; k < 8; ++k) {
      __mmask8 m = _mm512_cmp_pd_mask(_mm512_loadu_pd(a + i + 8 * k), vb, kPredicate);
      word |= static_cast<uint64_t>(m) << (8 * k);
    }
    std::memcpy(out + (i >> 3), &word, sizeof(word));
  }
  for (; i + 8 <= n; i += 8) {
    out[i >> 3] = _mm512_cmp_pd_mask(_mm512_loadu_pd(a + i), vb, kPredicate);
  }
  return i;
}

template <CompareOp kOp>
__attribute__((target("avx512f,avx512bw"))) inline __mmask8 DoubleArrayMask(__m512d x, __m512d y) {
  __mmask8 x_nan = _mm512_cmp_pd_mask(x, x, _CMP_UNORD_Q);
  __mmask8 y_nan = _mm512_cmp_pd_mask(y, y, _CMP_UNORD_Q);
  if constexpr (kOp == CompareOp::kEq) {
    return _mm512_cmp_pd_mask(x, y, _CMP_EQ_OQ) | (x_nan & y_nan);
  } else if constexpr (kOp == CompareOp::kNe) {
    return static_cast<__mmask8>(~(_mm512_cmp_pd_mask(x, y, _CMP_EQ_OQ) | (x_nan & y_nan)));
  } else if constexpr (kOp == CompareOp::kLt) {
    return _mm512_cmp_pd_mask(x, y, _CMP_LT_OQ) | (static_cast<__mmask8>(~x_nan) & y_nan);
  } else if constexpr (kOp == CompareOp::kLe) {
    return _mm512_cmp_pd_mask(x, y, _CMP_LE_OQ) | y_nan;
  } else if constexpr (kOp == CompareOp::kGt) {
    return _mm512_cmp_pd_mask(x, y, _CMP_GT_OQ) | (x_nan & static_cast<__mmask8>(~y_nan));
  } else {
    return _mm512_cmp_pd_mask(x, y, _CMP_GE_OQ) | x_nan;
  }
}

template <CompareOp kOp>
__attribute__((target("avx512f,avx512bw"))) int64_t DoubleArrayAvx512(const double* a,
                                                                      const double* b, int64_t n,
                                                                      uint8_t* out) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    out[i >> 3] = DoubleArrayMask<kOp>(_mm512_loadu_pd(a + i), _mm512_loadu_pd(b + i));
  }
  return i;
}

template <CompareOp kOp, bool kSigned>
__attribute__((target("avx512f,avx512bw"))) int64_t Int64ScalarAvx512(const void* a_raw, int64_t b,
                                                                      int64_t n, uint8_t* out) {
  constexpr int kPredicate = IntPredicate<kOp>();
  const auto* a = static_cast<const int64_t*>(a_raw);
  const __m512i vb = _mm512_set1_epi64(b);
  int64_t i = 0;
  for (; i + 64 <= n; i += 64) {
    uint64_t word = 0;
    for (int k = 0; k < 8; ++k) {
      __m512i v = _mm512_loadu_si512(a + i + 8 * k);
      __mmask8 m = kSigned ? _mm512_cmp_epi64_mask(v, vb, kPredicate)
                           : _mm512_cmp_epu64_mask(v, vb, kPredicate);
      word |= static_cast<uint64_t>(m) << (8 * k);
    }
    std::memcpy(out + (i >> 3), &word, sizeof(word));
  }
  for (; i + 8 <= n; i += 8) {
    __m512i v = _mm512_loadu_si512(a + i);
    out[i >> 3] = kSigned ? _mm512_cmp_epi64_mask(v, vb, kPredicate)
                          : _mm512_cmp_epu64_mask(v, vb, kPredicate);
  }
  return i;
}

template <CompareOp kOp, bool kSigned>
__attribute__((target("avx512f,avx512bw"))) int64_t Int64ArrayAvx512(const void* a_raw,
                                                                     const void* b_raw, int64_t n,
                                                                     uint8_t* out) {
  constexpr int kPredicate = IntPredicate<kOp>();
  const auto* a = static_cast<const int64_t*>(a_raw);
  const auto* b = static_cast<const int64_t*>(b_raw);
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    __m512i x = _mm512_loadu_si512(a + i);
    __m512i y = _mm512_loadu_si512(b + i);
    out[i >> 3] =
        kSigned ? _mm512_cmp_epi64_mask(x, y, kPredicate) : _mm512_cmp_epu64_mask(x, y, kPredicate);
  }
  return i;
}

template <CompareOp kOp>
__attribute__((target("avx512f,avx512bw"))) int64_t Int32ScalarAvx512(const int32_t* a, int32_t b,
                                                                      int64_t n, uint8_t* out) {
  constexpr int kPredicate = IntPredicate<kOp>();
  const __m512i vb = _mm512_set1_epi32(b);
  int64_t i = 0;
  for (; i + 64 <= n; i += 64) {
    uint64_t word = 0;
    for (int k = 0; k < 4; ++k) {
      __mmask16 m = _mm512_cmp_epi32_mask(_mm512_loadu_si512(a + i + 16 * k), vb, kPredicate);
      word |= static_cast<uint64_t>(m) << (16 * k);
    }
    std::memcpy(out + (i >> 3), &word, sizeof(word));
  }
  for (; i + 16 <= n; i += 16) {
    __mmask16 m = _mm512_cmp_epi32_mask(_mm512_loadu_si512(a + i), vb, kPredicate);
    std::memcpy(out + (i >> 3), &m, sizeof(m));
  }
  return i;
}

// `lut` is padded with 3 readable bytes (a 32-bit gather at the last entry).
__attribute__((target("avx512f,avx512bw"))) int64_t LookupAvx512(const int32_t* indices,
                                                                 const uint8_t* lut,
                                                                 int64_t lut_size, int64_t n,
                                                                 uint8_t* out) {
  const __m512i size = _mm512_set1_epi32(static_cast<int32_t>(lut_size));
  const __m512i low_byte = _mm512_set1_epi32(0xFF);
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __m512i idx = _mm512_loadu_si512(indices + i);
    __mmask16 in_range = _mm512_cmp_epu32_mask(idx, size, _MM_CMPINT_LT);
    __m512i gathered = _mm512_mask_i32gather_epi32(_mm512_setzero_si512(), in_range, idx, lut, 1);
    __mmask16 m = _mm512_test_epi32_mask(gathered, low_byte);
    std::memcpy(out + (i >> 3), &m, sizeof(m));
  }
  return i;
}

// ---- Dispatch --------------------------------------------------------------------------

template <typename T, typename Fn>
void DispatchOp(CompareOp op, Fn&& fn) {
  switch (op) {
    case CompareOp::kEq:
      fn.template operator()<CompareOp::kEq>();
      break;
    case CompareOp::kNe:
      fn.template operator()<CompareOp::kNe>();
      break;
    case CompareOp::kLt:
      fn.template operator()<CompareOp::kLt>();
      break;
    case CompareOp::kLe:
      fn.template operator()<CompareOp::kLe>();
      break;
    case CompareOp::kGt:
      fn.template operator()<CompareOp::kGt>();
      break;
    case CompareOp::kGe:
      fn.template operator()<CompareOp::kGe>();
      break;
  }
}

}  // namespace

bool HasAvx512() { return kHasAvx512; }

void CompareArrayScalarToBits(CompareOp op, const double* a, double b, int64_t n, uint8_t* out) {
  DispatchOp<double>(op, [&]<CompareOp kOp>() {
    int64_t done = 0;
    if (kHasAvx512 && !std::isnan(b)) done = DoubleScalarAvx512<kOp>(a, b, n, out);
    ScalarPortable<kOp>(a, b, done, n, out);
  });
}

void CompareArrayScalarToBits(CompareOp op, const int64_t* a, int64_t b, int64_t n, uint8_t* out) {
  DispatchOp<int64_t>(op, [&]<CompareOp kOp>() {
    int64_t done = kHasAvx512 ? Int64ScalarAvx512<kOp, true>(a, b, n, out) : 0;
    ScalarPortable<kOp>(a, b, done, n, out);
  });
}

void CompareArrayScalarToBits(CompareOp op, const uint64_t* a, uint64_t b, int64_t n,
                              uint8_t* out) {
  DispatchOp<uint64_t>(op, [&]<CompareOp kOp>() {
    int64_t done =
        kHasAvx512 ? Int64ScalarAvx512<kOp, false>(a, static_cast<int64_t>(b), n, out) : 0;
    ScalarPortable<kOp>(a, b, done, n, out);
  });
}

void CompareArrayArrayToBits(CompareOp op, const double* a, const double* b, int64_t n,
                             uint8_t* out) {
  DispatchOp<double>(op, [&]<CompareOp kOp>() {
    int64_t done = kHasAvx512 ? DoubleArrayAvx512<kOp>(a, b, n, out) : 0;
    ArrayPortable<kOp>(a, b, done, n, out);
  });
}

void CompareArrayArrayToBits(CompareOp op, const int64_t* a, const int64_t* b, int64_t n,
                             uint8_t* out) {
  DispatchOp<int64_t>(op, [&]<CompareOp kOp>() {
    int64_t done = kHasAvx512 ? Int64ArrayAvx512<kOp, true>(a, b, n, out) : 0;
    ArrayPortable<kOp>(a, b, done, n, out);
  });
}

void CompareArrayArrayToBits(CompareOp op, const uint64_t* a, const uint64_t* b, int64_t n,
                             uint8_t* out) {
  DispatchOp<uint64_t>(op, [&]<CompareOp kOp>() {
    int64_t done = kHasAvx512 ? Int64ArrayAvx512<kOp, false>(a, b, n, out) : 0;
    ArrayPortable<kOp>(a, b, done, n, out);
  });
}

void CompareInt32ScalarToBits(CompareOp op, const int32_t* a, int32_t b, int64_t n, uint8_t* out) {
  DispatchOp<int32_t>(op, [&]<CompareOp kOp>() {
    int64_t done = kHasAvx512 ? Int32ScalarAvx512<kOp>(a, b, n, out) : 0;
    ScalarPortable<kOp>(a, b, done, n, out);
  });
}

void LookupBytesToBits(const int32_t* indices, const uint8_t* lut, int64_t lut_size, int64_t n,
                       uint8_t* out) {
  int64_t done = 0;
  if (kHasAvx512 && n >= 16) {
    std::vector<uint8_t> padded(static_cast<size_t>(lut_size) + 4, 0);
    if (lut_size > 0) std::memcpy(padded.data(), lut, static_cast<size_t>(lut_size));
    done = LookupAvx512(indices, padded.data(), lut_size, n, out);
  }
  PackFrom(done, n, out, [&](int64_t i) {
    uint32_t index = static_cast<uint32_t>(indices[i]);
    return index < static_cast<uint64_t>(lut_size) && lut[index] != 0;
  });
}

}  // namespace quiver::function_internal
