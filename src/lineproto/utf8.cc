#include "lineproto/utf8.h"

#include <cstdint>
#include <cstring>

namespace quiver::lineproto {
namespace {

inline bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

Status ValidateUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // ASCII fast path: 16 bytes per step.
    while (i + 16 <= n) {
      uint64_t a;
      uint64_t b;
      std::memcpy(&a, p + i, 8);
      std::memcpy(&b, p + i + 8, 8);
      if (((a | b) & 0x8080808080808080ULL) != 0) break;
      i += 16;
    }
    if (i >= n) break;
    unsigned char first = p[i];
    if (first < 0x80) {
      ++i;
      continue;
    }
    const size_t start = i;
    auto invalid = [start](int length) {
      return Status::InvalidArgument("invalid utf-8 sequence of {} bytes from index {}", length,
                                     start);
    };
    auto incomplete = [start] {
      return Status::InvalidArgument("incomplete utf-8 byte sequence from index {}", start);
    };
    int width = first >= 0xC2 && first <= 0xDF   ? 2
                : first >= 0xE0 && first <= 0xEF ? 3
                : first >= 0xF0 && first <= 0xF4 ? 4
                                                 : 0;
    if (width == 0) return invalid(1);
    if (i + 1 >= n) return incomplete();
    unsigned char second = p[i + 1];
    if (width == 2) {
      if (!IsContinuation(second)) return invalid(1);
      i += 2;
      continue;
    }
    bool second_ok;
    if (width == 3) {
      second_ok = (first == 0xE0 && second >= 0xA0 && second <= 0xBF) ||
                  (first >= 0xE1 && first <= 0xEC && IsContinuation(second)) ||
                  (first == 0xED && second >= 0x80 && second <= 0x9F) ||
                  (first >= 0xEE && IsContinuation(second));
    } else {
      second_ok = (first == 0xF0 && second >= 0x90 && second <= 0xBF) ||
                  (first >= 0xF1 && first <= 0xF3 && IsContinuation(second)) ||
                  (first == 0xF4 && second >= 0x80 && second <= 0x8F);
    }
    if (!second_ok) return invalid(1);
    if (i + 2 >= n) return incomplete();
    if (!IsContinuation(p[i + 2])) return invalid(2);
    if (width == 4) {
      if (i + 3 >= n) return incomplete();
      if (!IsContinuation(p[i + 3])) return invalid(3);
    }
    i += static_cast<size_t>(width);
  }
  return Status::OK();
}

}  // namespace quiver::lineproto
