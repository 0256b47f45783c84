#include "base/time_format.h"

#include <cctype>
#include <limits>

#include <fmt/format.h>

namespace quiver {
namespace {
constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kSecondsPerDay = 86'400;

// Floor division/modulo for negative times.
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
}  // namespace

// Civil-from-days and days-from-civil: the standard era-based algorithms for the
// proleptic Gregorian calendar (400-year eras of 146097 days).
int64_t DaysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2;
  const int64_t era = FloorDiv(year, 400);
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilTime ToCivil(int64_t epoch_nanos) {
  // Split without overflow at the extremes of int64.
  int64_t seconds = epoch_nanos / kNanosPerSecond;
  int64_t nanos = epoch_nanos % kNanosPerSecond;
  if (nanos < 0) {
    nanos += kNanosPerSecond;
    --seconds;
  }
  int64_t days = FloorDiv(seconds, kSecondsPerDay);
  int64_t second_of_day = seconds - days * kSecondsPerDay;

  days += 719468;
  const int64_t era = FloorDiv(days, 146097);
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t mp = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int64_t year = year_of_era + era * 400 + (month <= 2);

  CivilTime civil;
  civil.year = year;
  civil.month = month;
  civil.day = day;
  civil.hour = static_cast<int>(second_of_day / 3600);
  civil.minute = static_cast<int>(second_of_day / 60 % 60);
  civil.second = static_cast<int>(second_of_day % 60);
  civil.nanos = nanos;
  return civil;
}

std::string FormatTimestampNanos(int64_t epoch_nanos, FractionDigits digits) {
  CivilTime c = ToCivil(epoch_nanos);
  std::string out = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", c.year, c.month, c.day,
                                c.hour, c.minute, c.second);
  if (c.nanos == 0) return out;
  std::string fraction = fmt::format("{:09}", c.nanos);
  if (digits == FractionDigits::kAuto) {
    if (c.nanos % 1'000'000 == 0) {
      fraction.resize(3);
    } else if (c.nanos % 1'000 == 0) {
      fraction.resize(6);
    }
  } else {
    while (fraction.back() == '0') fraction.pop_back();
  }
  out += '.';
  out += fraction;
  return out;
}

std::string FormatRfc3339(int64_t epoch_nanos, FractionDigits digits) {
  return FormatTimestampNanos(epoch_nanos, digits) + "Z";
}

Result<int64_t> ParseTimestamp(std::string_view text) {
  auto fail = [&](std::string_view why) -> Status {
    return Status::InvalidArgument("invalid timestamp '{}': {}", text, why);
  };
  size_t pos = 0;
  auto read_int = [&](int width, int64_t* out) -> bool {
    if (pos + width > text.size()) return false;
    int64_t v = 0;
    for (int i = 0; i < width; ++i) {
      char ch = text[pos + i];
      if (!std::isdigit(static_cast<unsigned char>(ch))) return false;
      v = v * 10 + (ch - '0');
    }
    pos += width;
    *out = v;
    return true;
  };
  auto expect = [&](char ch) -> bool {
    if (pos < text.size() && text[pos] == ch) {
      ++pos;
      return true;
    }
    return false;
  };
  int64_t year, month, day, hour = 0, minute = 0, second = 0, nanos = 0;
  if (!read_int(4, &year) || !expect('-') || !read_int(2, &month) || !expect('-') ||
      !read_int(2, &day)) {
    return fail("expected YYYY-MM-DD");
  }
  if (month < 1 || month > 12) return fail("month out of range");
  static constexpr int kDaysInMonth[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (day < 1 || day > kDaysInMonth[month - 1] || (month == 2 && day == 29 && !leap)) {
    return fail("day out of range");
  }
  int64_t offset_seconds = 0;
  if (pos < text.size()) {
    if (!(expect('T') || expect('t') || expect(' '))) return fail("expected 'T' after the date");
    if (!read_int(2, &hour) || !expect(':') || !read_int(2, &minute)) return fail("expected hh:mm");
    if (expect(':') && !read_int(2, &second)) return fail("expected seconds");
    if (hour > 23 || minute > 59 || second > 60) return fail("time of day out of range");
    if (expect('.')) {
      int digits = 0;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
        if (digits < 9) nanos = nanos * 10 + (text[pos] - '0');
        ++digits;
        ++pos;
      }
      if (digits == 0) return fail("expected fractional seconds after '.'");
      for (int d = digits; d < 9; ++d) nanos *= 10;
    }
    if (pos < text.size()) {
      if (expect('Z') || expect('z')) {
      } else if (text[pos] == '+' || text[pos] == '-') {
        int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        int64_t oh, om;
        if (!read_int(2, &oh) || !expect(':') || !read_int(2, &om)) return fail("bad zone offset");
        offset_seconds = sign * (oh * 3600 + om * 60);
      } else {
        return fail("unexpected trailing text");
      }
    }
    if (pos != text.size()) return fail("unexpected trailing text");
  }
  int64_t days = DaysFromCivil(year, static_cast<int>(month), static_cast<int>(day));
  int64_t seconds = days * kSecondsPerDay + hour * 3600 + minute * 60 + second - offset_seconds;
  // Range check: int64 nanoseconds cover years 1677..2262.
  constexpr int64_t kMaxSeconds = std::numeric_limits<int64_t>::max() / kNanosPerSecond;
  if (seconds > kMaxSeconds || seconds < -kMaxSeconds - 1) return fail("out of range");
  __int128 total = static_cast<__int128>(seconds) * kNanosPerSecond + nanos;
  if (total > std::numeric_limits<int64_t>::max() || total < std::numeric_limits<int64_t>::min()) {
    return fail("out of range");
  }
  return static_cast<int64_t>(total);
}

}  // namespace quiver
