#include "base/clock.h"

#include <time.h>

namespace quiver {
namespace {
int64_t Read(clockid_t id) {
  timespec ts;
  clock_gettime(id, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}
}  // namespace

SystemClock* SystemClock::Default() {
  static SystemClock* clock = new SystemClock();
  return clock;
}

int64_t SystemClock::NowNanos() const { return Read(CLOCK_REALTIME); }
int64_t SystemClock::MonotonicNanos() const { return Read(CLOCK_MONOTONIC); }

}  // namespace quiver
