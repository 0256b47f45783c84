#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace quiver {

inline constexpr int64_t kNanosPerMicro = 1'000;
inline constexpr int64_t kNanosPerMilli = 1'000'000;
inline constexpr int64_t kNanosPerSecond = 1'000'000'000;
inline constexpr int64_t kNanosPerMinute = 60 * kNanosPerSecond;
inline constexpr int64_t kNanosPerHour = 60 * kNanosPerMinute;
inline constexpr int64_t kNanosPerDay = 24 * kNanosPerHour;
inline constexpr int64_t kNanosPerWeek = 7 * kNanosPerDay;

// Parses a human-readable duration into nanoseconds: one or more <integer><unit> terms,
// optionally separated by spaces ("10ms", "1s", "1h30m", "7days", "2 weeks"). Units:
// ns/nsec, us/µs/usec, ms/msec, s/sec/second(s), m/min/minute(s), h/hr/hour(s),
// d/day(s), w/week(s). A bare "0" is allowed. Errors name the offending text.
Result<int64_t> ParseDuration(std::string_view text);

// Formats nanoseconds in the shortest exact form using the units above ("10ms", "1h30m",
// "0s").
std::string FormatDuration(int64_t nanos);

}  // namespace quiver
