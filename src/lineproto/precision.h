#pragma once

#include <cstdint>
#include <string_view>

#include "base/result.h"

namespace quiver::lineproto {

// The unit of the timestamps in a write request. kAuto (the /api/v3/write_lp default)
// guesses the unit of each timestamp from its magnitude, as InfluxDB 3 does.
enum class Precision : uint8_t {
  kAuto,
  kSecond,
  kMillisecond,
  kMicrosecond,
  kNanosecond,
};

// The names InfluxDB 3 prints in errors: "Auto", "Second", "Millisecond", "Microsecond",
// "Nanosecond".
std::string_view PrecisionName(Precision precision);

// Parses the `precision` query parameter of /api/v3/write_lp: `auto`, `nanosecond`/`ns`/`n`,
// `microsecond`/`us`/`u`, `millisecond`/`ms`, `second`/`s` (lower case only).
// Errors: InvalidArgument "unrecognized precision unit: <s>".
Result<Precision> ParsePrecisionV3(std::string_view name);

// Parses the `precision` parameter of the v1 /write and v2 /api/v2/write compatibility
// APIs: the same names without `auto`. v1's `h` and `m` are rejected, as in InfluxDB 3.
Result<Precision> ParsePrecisionV1V2(std::string_view name);

// Nanoseconds per unit. REQUIRES: precision != kAuto.
int64_t PrecisionMultiplier(Precision precision);

// The unit kAuto picks for `timestamp`: with v = |timestamp| / 1e9, v < 5 → seconds,
// v < 5000 → milliseconds, v < 5e6 → microseconds, otherwise nanoseconds. An explicit
// precision is returned unchanged.
Precision InferPrecision(Precision precision, int64_t timestamp);

// Converts a timestamp written in `precision` units to nanoseconds.
// Errors: OutOfRange "timestamp, <v>, out of range for precision: <P>" when the product
// overflows int64 (<P> is the requested precision's name, e.g. "Second" or "Auto").
Result<int64_t> TimestampToNanos(int64_t timestamp, Precision precision);

// The time given to a line without a timestamp: `now_nanos` truncated (toward zero, as
// InfluxDB 3 does) to a multiple of the precision; kAuto keeps it unchanged.
int64_t DefaultTimestamp(int64_t now_nanos, Precision precision);

}  // namespace quiver::lineproto
