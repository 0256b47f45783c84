#include "base/uuid.h"

#include <array>
#include <mutex>
#include <random>

#include <fmt/format.h>

namespace quiver {
namespace {

// A process-wide generator seeded from the OS entropy source; guarded by a mutex (UUIDs
// are made per request at most, so contention is irrelevant).
std::array<uint8_t, 16> RandomBytes() {
  static std::mutex mutex;
  static std::mt19937_64 rng = [] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }();
  std::array<uint8_t, 16> bytes;
  std::lock_guard lock(mutex);
  uint64_t a = rng(), b = rng();
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<uint8_t>(a >> (8 * i));
    bytes[8 + i] = static_cast<uint8_t>(b >> (8 * i));
  }
  return bytes;
}

std::string Format(const std::array<uint8_t, 16>& b) {
  return fmt::format(
      "{:02x}{:02x}{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}{:02x}{:02x}{:02x}{:02x}",
      b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
      b[14], b[15]);
}

}  // namespace

std::string NewUuidV4() {
  auto bytes = RandomBytes();
  bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0F) | 0x40);
  bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3F) | 0x80);
  return Format(bytes);
}

std::string NewUuidV7(int64_t unix_millis) {
  auto bytes = RandomBytes();
  uint64_t ms = static_cast<uint64_t>(unix_millis);
  for (int i = 0; i < 6; ++i) bytes[i] = static_cast<uint8_t>(ms >> (8 * (5 - i)));
  bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0F) | 0x70);
  bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3F) | 0x80);
  return Format(bytes);
}

}  // namespace quiver
