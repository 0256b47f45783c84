#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace quiver {

// Fast non-cryptographic 64-bit hashing (XXH3). Stable within a process run only; never
// persist these values.
uint64_t HashBytes(const void* data, size_t length);
inline uint64_t HashString(std::string_view s) { return HashBytes(s.data(), s.size()); }

// Mixes a 64-bit integer (a finalizer with full avalanche); for hashing fixed-width keys.
inline uint64_t HashInt(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

inline uint64_t HashCombine(uint64_t seed, uint64_t value) {
  return HashInt(seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2)));
}

}  // namespace quiver
