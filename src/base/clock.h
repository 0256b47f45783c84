#pragma once

#include <atomic>
#include <cstdint>

namespace quiver {

// Source of time. Code that needs "now" takes a Clock so tests can control time.
// Times are int64 nanoseconds: wall-clock time since the Unix epoch (UTC), monotonic
// time since an arbitrary point. Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowNanos() const = 0;
  virtual int64_t MonotonicNanos() const = 0;
};

// The real clocks (CLOCK_REALTIME / CLOCK_MONOTONIC). Default() is a process-wide
// instance that lives forever.
class SystemClock final : public Clock {
 public:
  static SystemClock* Default();
  int64_t NowNanos() const override;
  int64_t MonotonicNanos() const override;
};

// A clock that only moves when told to; both readings move together.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t now_nanos = 0) : now_(now_nanos) {}
  int64_t NowNanos() const override { return now_.load(std::memory_order_relaxed); }
  int64_t MonotonicNanos() const override { return now_.load(std::memory_order_relaxed); }
  void Set(int64_t now_nanos) { now_.store(now_nanos, std::memory_order_relaxed); }
  void Advance(int64_t nanos) { now_.fetch_add(nanos, std::memory_order_relaxed); }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace quiver
