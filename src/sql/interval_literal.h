#pragma once

#include <string_view>

#include "base/result.h"
#include "types/scalar.h"

namespace quiver::sql {

// The unit of an interval literal's number written without a unit (`INTERVAL '1' MINUTE`,
// or `INTERVAL '90'`, which means seconds as in PostgreSQL and DataFusion).
enum class IntervalUnit {
  kNanosecond, kMicrosecond, kMillisecond, kSecond, kMinute, kHour, kDay, kWeek, kMonth,
  kYear, kDecade, kCentury, kMillennium,
};

// Parses the text of an SQL interval literal into Arrow's month-day-nano form, keeping
// calendar months and days apart from the exact nanoseconds (as DataFusion does):
//   "1 minute", "5 minutes", "1 hour", "1 day", "2 weeks", "1 month", "1 year 2 months",
//   "1 hour 30 minutes", "1.5 hours", "-1 day", "100 ms", "90" (seconds), "01:30:00".
// Units accept singular, plural and the usual abbreviations (ns, us, ms, s, sec, min,
// h, hr, d, w, mon, y, yr ...). A fraction spills into the smaller parts (0.5 month = 15
// days, 0.5 day = 12 hours). Errors (InvalidArgument) name the text:
// "invalid interval literal '1 fortnight': unknown unit 'fortnight'".
Result<MonthDayNano> ParseIntervalLiteral(std::string_view text,
                                          IntervalUnit default_unit = IntervalUnit::kSecond);

// PostgreSQL encodes `INTERVAL '1' MINUTE` as an interval type modifier: a bit mask of
// fields. Returns the unit a bare number means for that mask (its smallest field), or
// kSecond when the mask names no field.
IntervalUnit IntervalUnitFromTypmod(int mask);

}  // namespace quiver::sql
