#include "lineproto/structural_index.h"

#if defined(__x86_64__)
#include <immintrin.h>
#define QUIVER_LINEPROTO_X86 1
#endif

#include <algorithm>
#include <array>
#include <cstring>

#include "base/check.h"

namespace quiver::lineproto {
namespace {

// Nibble tables for a two-lookup classification (as in simdjson): a byte belongs to
// the set whose bit is in both lo_table[byte & 15] and hi_table[byte >> 4].
//   bit 0: high nibble 0, low 0 9 A   -> NUL tab newline
//   bit 1: high nibble 2, low 0 2 C   -> space " ,
//   bit 2: high nibble 3, low D       -> =
//   bit 3: high nibble 5, low C       -> backslash
//   bit 4: high nibble 0, low A       -> newline     (line_special)
//   bit 5: high nibble 2, low 2       -> "           (line_special)
//   bit 6: high nibble 5, low C       -> backslash   (line_special)
constexpr uint8_t kStructuralBits = 0x0F;
constexpr uint8_t kLineSpecialBits = 0x70;

constexpr std::array<uint8_t, 16> kLoTable = {
    /*0*/ 0x01 | 0x02, 0, /*2*/ 0x02 | 0x20,        0,          0, 0, 0, 0, 0, /*9*/ 0x01,
    /*A*/ 0x01 | 0x10, 0, /*C*/ 0x02 | 0x08 | 0x40, /*D*/ 0x04, 0, 0};
constexpr std::array<uint8_t, 16> kHiTable = {
    /*0*/ 0x01 | 0x10,
    0,
    /*2*/ 0x02 | 0x20,
    /*3*/ 0x04,
    0,
    /*5*/ 0x08 | 0x40,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0};

// The tables repeated for every 128-bit lane of a 512-bit register (pshufb looks up
// within each lane).
constexpr std::array<uint8_t, 64> Repeat4(const std::array<uint8_t, 16>& table) {
  std::array<uint8_t, 64> out{};
  for (size_t i = 0; i < 64; ++i) out[i] = table[i % 16];
  return out;
}
alignas(64) constexpr std::array<uint8_t, 64> kLoTable4 = Repeat4(kLoTable);
alignas(64) constexpr std::array<uint8_t, 64> kHiTable4 = Repeat4(kHiTable);

constexpr uint8_t ClassOf(unsigned char c) { return kLoTable[c & 15] & kHiTable[c >> 4]; }

void ClassifyScalar(const char* data, size_t blocks, uint64_t* structural, uint64_t* line_special) {
  for (size_t block = 0; block < blocks; ++block) {
    uint64_t s = 0;
    uint64_t l = 0;
    const unsigned char* p = reinterpret_cast<const unsigned char*>(data) + block * 64;
    for (int i = 0; i < 64; ++i) {
      uint8_t cls = ClassOf(p[i]);
      s |= uint64_t{(cls & kStructuralBits) != 0} << i;
      l |= uint64_t{(cls & kLineSpecialBits) != 0} << i;
    }
    structural[block] = s;
    line_special[block] = l;
  }
}

#if QUIVER_LINEPROTO_X86
__attribute__((target("avx2"))) void ClassifyAvx2(const char* data, size_t blocks,
                                                  uint64_t* structural, uint64_t* line_special) {
  const __m256i lo_table = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kLoTable4.data()));
  const __m256i hi_table = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kHiTable4.data()));
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  const __m256i structural_bits = _mm256_set1_epi8(kStructuralBits);
  const __m256i special_bits = _mm256_set1_epi8(static_cast<char>(kLineSpecialBits));
  const __m256i zero = _mm256_setzero_si256();
  for (size_t block = 0; block < blocks; ++block) {
    uint64_t s = 0;
    uint64_t l = 0;
    for (int half = 0; half < 2; ++half) {
      __m256i v =
          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + block * 64 + half * 32));
      __m256i lo = _mm256_shuffle_epi8(lo_table, _mm256_and_si256(v, nibble));
      __m256i hi = _mm256_shuffle_epi8(hi_table, _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble));
      __m256i cls = _mm256_and_si256(lo, hi);
      uint32_t not_s = static_cast<uint32_t>(
          _mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(cls, structural_bits), zero)));
      uint32_t not_l = static_cast<uint32_t>(
          _mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(cls, special_bits), zero)));
      s |= uint64_t{~not_s} << (half * 32);
      l |= uint64_t{~not_l} << (half * 32);
    }
    structural[block] = s;
    line_special[block] = l;
  }
}

__attribute__((target("avx512f,avx512bw"))) void ClassifyAvx512(const char* data, size_t blocks,
                                                                uint64_t* structural,
                                                                uint64_t* line_special) {
  const __m512i lo_table = _mm512_loadu_si512(kLoTable4.data());
  const __m512i hi_table = _mm512_loadu_si512(kHiTable4.data());
  const __m512i nibble = _mm512_set1_epi8(0x0F);
  const __m512i structural_bits = _mm512_set1_epi8(kStructuralBits);
  const __m512i special_bits = _mm512_set1_epi8(static_cast<char>(kLineSpecialBits));
  for (size_t block = 0; block < blocks; ++block) {
    __m512i v = _mm512_loadu_si512(data + block * 64);
    __m512i lo = _mm512_shuffle_epi8(lo_table, _mm512_and_si512(v, nibble));
    __m512i hi = _mm512_shuffle_epi8(hi_table, _mm512_and_si512(_mm512_srli_epi16(v, 4), nibble));
    __m512i cls = _mm512_and_si512(lo, hi);
    structural[block] = _mm512_test_epi8_mask(cls, structural_bits);
    line_special[block] = _mm512_test_epi8_mask(cls, special_bits);
  }
}

#endif  // QUIVER_LINEPROTO_X86

SimdLevel DetectOnce() {
#if !QUIVER_LINEPROTO_X86
  return SimdLevel::kScalar;
#else
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512f")) {
    return SimdLevel::kAvx512;
  }
  if (__builtin_cpu_supports("avx2")) return SimdLevel::kAvx2;
  return SimdLevel::kScalar;
#endif
}

}  // namespace

SimdLevel DetectSimdLevel() {
  static const SimdLevel level = DetectOnce();
  return level;
}

std::string_view SimdLevelName(SimdLevel level) {
  switch (level) {
    case SimdLevel::kScalar:
      return "scalar";
    case SimdLevel::kAvx2:
      return "avx2";
    case SimdLevel::kAvx512:
      return "avx512";
    case SimdLevel::kBest:
      return SimdLevelName(DetectSimdLevel());
  }
  return "unknown";
}

void ClassifyBlocks(SimdLevel level, const char* data, size_t blocks, uint64_t* structural,
                    uint64_t* line_special) {
  if (level == SimdLevel::kBest) level = DetectSimdLevel();
  switch (level) {
#if QUIVER_LINEPROTO_X86
    case SimdLevel::kAvx512:
      CHECK(DetectSimdLevel() == SimdLevel::kAvx512) << "AVX-512 not supported by this CPU";
      ClassifyAvx512(data, blocks, structural, line_special);
      return;
    case SimdLevel::kAvx2:
      CHECK(DetectSimdLevel() != SimdLevel::kScalar) << "AVX2 not supported by this CPU";
      ClassifyAvx2(data, blocks, structural, line_special);
      return;
#endif
    case SimdLevel::kScalar:
    default:
      ClassifyScalar(data, blocks, structural, line_special);
      return;
  }
}

StructuralIndex::StructuralIndex(SimdLevel level)
    : level_(level == SimdLevel::kBest ? DetectSimdLevel() : level) {}

void StructuralIndex::Reset(std::string_view body) {
  data_ = body.data();
  size_ = body.size();
  total_words_ = size_ / 64 + 1;
  computed_words_ = 0;
  if (structural_.size() < total_words_) {
    structural_.resize(total_words_);
    line_special_.resize(total_words_);
  }
  // Worst case: every byte of a window is structural, plus slack for the unrolled
  // flattening below.
  if (positions_.size() < kWindowWords * 64 + 64) positions_.resize(kWindowWords * 64 + 64);
  next_window_word_ = 0;
  count_ = 0;
  cursor_ = 0;
  Refill();
}

namespace {

// Writes the positions of the set bits of words[first, last) (word i covers bytes
// 64*i...) to `out`; returns the count. Writes up to 8 entries past the count.
template <typename PopCount>
inline size_t FlattenBits(const uint64_t* words, size_t first, size_t last, size_t* out,
                          PopCount popcount) {
  size_t* const begin = out;
  for (size_t word = first; word < last; ++word) {
    uint64_t bits = words[word];
    if (bits == 0) continue;
    const size_t base = word << 6;
    const size_t n = popcount(bits);
    // Unconditionally write 8 positions (most words have fewer), then the rest; the
    // entries past n are overwritten by the next word.
    for (int i = 0; i < 8; ++i) {
      out[i] = base + static_cast<size_t>(__builtin_ctzll(bits | (uint64_t{1} << 63)));
      bits &= bits - 1;
    }
    for (size_t i = 8; i < n; ++i) {
      out[i] = base + static_cast<size_t>(__builtin_ctzll(bits));
      bits &= bits - 1;
    }
    out += n;
  }
  return static_cast<size_t>(out - begin);
}

size_t FlattenGeneric(const uint64_t* words, size_t first, size_t last, size_t* out) {
  return FlattenBits(words, first, last, out,
                     [](uint64_t bits) { return static_cast<size_t>(__builtin_popcountll(bits)); });
}

#if QUIVER_LINEPROTO_X86
// Every CPU with AVX2 has POPCNT, BMI1 and BMI2.
__attribute__((target("popcnt,bmi,bmi2"))) size_t FlattenPopcnt(const uint64_t* words, size_t first,
                                                                size_t last, size_t* out) {
  return FlattenBits(
      words, first, last, out, [](uint64_t bits) __attribute__((target("popcnt"))) {
        return static_cast<size_t>(__builtin_popcountll(bits));
      });
}
#else
size_t FlattenPopcnt(const uint64_t* words, size_t first, size_t last, size_t* out) {
  return FlattenGeneric(words, first, last, out);
}
#endif

}  // namespace

void StructuralIndex::Refill() {
  count_ = 0;
  cursor_ = 0;
  while (count_ == 0) {
    if (next_window_word_ >= total_words_) {
      positions_[0] = size_;  // past the end marker: stay there
      count_ = 1;
      return;
    }
    size_t first = next_window_word_;
    size_t last = std::min(total_words_, first + kWindowWords);
    if (last > computed_words_) ComputeThrough(last - 1);
    count_ = level_ == SimdLevel::kScalar
                 ? FlattenGeneric(structural_.data(), first, last, positions_.data())
                 : FlattenPopcnt(structural_.data(), first, last, positions_.data());
    next_window_word_ = last;
  }
}

void StructuralIndex::ComputeThrough(size_t word) {
  DCHECK(word < total_words_) << "search past the end marker";
  size_t first = computed_words_;
  size_t last = std::min(total_words_, std::max(word + 1, first + kWindowWords));
  size_t full_blocks = std::min(last, size_ / 64);
  if (full_blocks > first) {
    ClassifyBlocks(level_, data_ + first * 64, full_blocks - first, &structural_[first],
                   &line_special_[first]);
  }
  if (last == total_words_) {
    // The last word: the partial block (possibly empty) plus the end marker.
    size_t tail_word = total_words_ - 1;
    size_t tail = size_ & 63;
    alignas(64) char block[64] = {};
    if (tail != 0) std::memcpy(block, data_ + tail_word * 64, tail);
    uint64_t s;
    uint64_t l;
    ClassifyBlocks(level_, block, 1, &s, &l);
    uint64_t valid = (uint64_t{1} << tail) - 1;  // tail < 64
    uint64_t end_marker = uint64_t{1} << tail;
    structural_[tail_word] = (s & valid) | end_marker;
    line_special_[tail_word] = (l & valid) | end_marker;
  }
  computed_words_ = last;
}

}  // namespace quiver::lineproto
