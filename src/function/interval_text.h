#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "types/scalar.h"

namespace quiver {

// Parses SQL interval text as DataFusion does: one or more "<number> <unit>" terms
// ("1 hour", "1 day 2 hours", "-3 minutes", "1.5 hours") or compact terms ("1h30m",
// "10ms"). Units: nanosecond(s)/ns, microsecond(s)/us, millisecond(s)/ms,
// second(s)/sec(s)/s, minute(s)/min(s)/m, hour(s)/hr(s)/h, day(s)/d, week(s)/w,
// month(s)/mon(s), year(s)/yr(s)/y, decade(s), century/centuries. A bare number is seconds.
// Months and years stay calendar months; fractions spill into the next smaller part (0.5
// month = 15 days, 1.5 days = 1 day 12 hours). Errors (InvalidArgument) name the text.
Result<MonthDayNano> ParseInterval(std::string_view text);

// "1 mons 2 days 3 hours 4 mins 5.000000000 secs" style, as DataFusion prints
// Interval(MonthDayNano): "0 years 1 mons 2 days 3 hours 4 mins 5.000000000 secs".
std::string FormatInterval(const MonthDayNano& interval);

}  // namespace quiver
