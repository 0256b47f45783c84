#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum used by our on-disk
// formats (WAL records, catalog files). Uses the SSE4.2 `crc32` instruction when the CPU
// has it (checked once at run time) and a slicing-by-8 table otherwise; both give
// identical results. All functions are pure and thread-safe.
//
//   uint32_t crc = crc32c::Value(data, n);
//   crc = crc32c::Extend(crc, more, m);      // == Value(data ‖ more)
//   EncodeFixed32(dst, crc32c::Mask(crc));   // store masked (see Mask)

namespace quiver::crc32c {

// Returns the CRC-32C of `data[0, n)` appended to the data whose CRC is `crc`.
// Extend(0, data, n) == Value(data, n).
uint32_t Extend(uint32_t crc, const void* data, size_t n);

inline uint32_t Value(const void* data, size_t n) { return Extend(0, data, n); }
inline uint32_t Value(std::string_view data) { return Extend(0, data.data(), data.size()); }
inline uint32_t Extend(uint32_t crc, std::string_view data) {
  return Extend(crc, data.data(), data.size());
}

// A CRC stored next to the data it covers is masked (as in leveldb): computing the CRC of
// a string that itself contains embedded CRCs is otherwise prone to degenerate results.
inline constexpr uint32_t kMaskDelta = 0xa282ead8u;
inline constexpr uint32_t Mask(uint32_t crc) { return ((crc >> 15) | (crc << 17)) + kMaskDelta; }
inline constexpr uint32_t Unmask(uint32_t masked) {
  uint32_t rot = masked - kMaskDelta;
  return (rot >> 17) | (rot << 15);
}

// True if Extend uses the hardware instruction on this CPU.
bool IsHardwareAccelerated();

namespace internal {
// The two implementations, exposed so tests can check that they agree.
uint32_t ExtendPortable(uint32_t crc, const void* data, size_t n);
// REQUIRES: IsHardwareAccelerated().
uint32_t ExtendHardware(uint32_t crc, const void* data, size_t n);
}  // namespace internal

}  // namespace quiver::crc32c
