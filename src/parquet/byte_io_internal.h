#pragma once

// Little-endian loads/stores, ULEB128 varints and zigzag, shared by the Parquet encodings
// and the compact protocol. Readers are bounds-checked: they take [pos, end) and fail
// instead of reading past `end`.

#include <cstdint>
#include <cstring>
#include <string>

namespace quiver::parquet::internal {

template <typename T>
inline T LoadLE(const uint8_t* p) {
  T value;
  std::memcpy(&value, p, sizeof(T));  // x86-64 and aarch64 Linux are little-endian
  return value;
}

template <typename T>
inline void StoreLE(uint8_t* p, T value) {
  std::memcpy(p, &value, sizeof(T));
}

template <typename T>
inline void AppendLE(std::string* out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out->append(bytes, sizeof(T));
}

inline uint64_t ZigZagEncode(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
inline int64_t ZigZagDecode(uint64_t v) {
  return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
}

inline void AppendVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

// Writes a varint at `p` (room for 10 bytes needed); returns the byte count.
inline int PutVarint(uint8_t* p, uint64_t v) {
  int n = 0;
  while (v >= 0x80) {
    p[n++] = static_cast<uint8_t>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  p[n++] = static_cast<uint8_t>(v);
  return n;
}

// Reads a ULEB128 of at most 10 bytes from [*pos, end). Returns false (leaving *pos
// unspecified) on truncation or an over-long encoding.
inline bool ReadVarint(const uint8_t** pos, const uint8_t* end, uint64_t* out) {
  uint64_t result = 0;
  const uint8_t* p = *pos;
  for (int shift = 0; shift < 70; shift += 7) {
    if (p >= end) return false;
    uint8_t byte = *p++;
    if (shift == 63 && byte > 1) return false;
    result |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) {
      *pos = p;
      *out = result;
      return true;
    }
  }
  return false;
}

}  // namespace quiver::parquet::internal
