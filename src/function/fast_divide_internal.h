#pragma once

// Floor division by a run-time constant without a hardware divide per value (the
// Granlund-Montgomery "round-up with add" method), for date_bin and date_trunc, whose
// divisor (the bin width) is fixed for a whole batch.

#include <cstdint>

namespace quiver::function_internal {

class FloorDivider {
 public:
  // REQUIRES: divisor > 0.
  explicit FloorDivider(int64_t divisor) : divisor_(static_cast<uint64_t>(divisor)) {
    if (divisor_ == 1) return;
    // shift = ceil(log2(divisor)), so 2^(shift-1) < divisor <= 2^shift.
    shift_ = 64 - __builtin_clzll(divisor_ - 1);
    unsigned __int128 numerator = (static_cast<unsigned __int128>(1) << 64) *
                                  ((static_cast<unsigned __int128>(1) << shift_) - divisor_);
    multiplier_ = static_cast<uint64_t>(numerator / divisor_) + 1;
  }

  // floor(n / divisor) for any int64 n.
  int64_t Quotient(int64_t n) const {
    // For negative n: floor(n / d) = -((-n - 1) / d) - 1 = ~((~n) / d).
    uint64_t sign = static_cast<uint64_t>(n >> 63);
    uint64_t magnitude = static_cast<uint64_t>(n) ^ sign;
    return static_cast<int64_t>(UnsignedQuotient(magnitude) ^ sign);
  }

  uint64_t UnsignedQuotient(uint64_t x) const {
    if (divisor_ == 1) return x;
    uint64_t high = static_cast<uint64_t>((static_cast<unsigned __int128>(multiplier_) * x) >> 64);
    return (high + ((x - high) >> 1)) >> (shift_ - 1);
  }

  int64_t divisor() const { return static_cast<int64_t>(divisor_); }

 private:
  uint64_t divisor_;
  uint64_t multiplier_ = 0;
  int shift_ = 0;
};

}  // namespace quiver::function_internal
