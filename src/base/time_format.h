#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"

namespace quiver {

// Calendar conversions for int64 nanoseconds since the Unix epoch (UTC), valid for the
// whole int64 range (1677-09-21 to 2262-04-11).

struct CivilTime {
  int64_t year;
  int month;   // 1-12
  int day;     // 1-31
  int hour;    // 0-23
  int minute;  // 0-59
  int second;  // 0-59
  int64_t nanos;  // 0-999999999
};

CivilTime ToCivil(int64_t epoch_nanos);
// Days since 1970-01-01 of a proleptic Gregorian date.
int64_t DaysFromCivil(int64_t year, int month, int day);

// How many fractional digits FormatTimestamp* prints.
enum class FractionDigits {
  kAuto,     // 0, 3, 6 or 9: the fewest of these that represent the value exactly
  kTrimmed,  // as many as needed, trailing zeros removed (Go's RFC3339Nano)
};

// "2024-06-01T12:00:00" / "1970-01-01T00:00:00.000000123" (no zone suffix), as InfluxDB 3
// renders timestamps in JSON/CSV query output.
std::string FormatTimestampNanos(int64_t epoch_nanos, FractionDigits digits = FractionDigits::kAuto);
// The same with a trailing "Z" (RFC 3339 UTC), as the v1 /query API renders times.
std::string FormatRfc3339(int64_t epoch_nanos, FractionDigits digits = FractionDigits::kAuto);

// Parses RFC 3339 timestamps ("2024-06-01T12:00:00Z", "...T12:00:00.5+02:00"), the
// variants without a zone (taken as UTC), with a space instead of 'T', and plain dates
// ("2024-06-01", midnight UTC). Errors name the text.
Result<int64_t> ParseTimestamp(std::string_view text);

}  // namespace quiver
