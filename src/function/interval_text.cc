#include "function/interval_text.h"

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include <fmt/format.h>

#include "base/duration.h"

namespace quiver {
namespace {

enum class Unit { kNanos, kMonths, kDays };

struct UnitInfo {
  Unit unit;
  double scale;  // nanoseconds, months or days per unit
};

bool LookupUnit(std::string_view raw, UnitInfo* out) {
  std::string name;
  for (char c : raw) name += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  struct Entry {
    const char* name;
    UnitInfo info;
  };
  static const Entry kUnits[] = {
      {"nanosecond", {Unit::kNanos, 1}},
      {"nanoseconds", {Unit::kNanos, 1}},
      {"ns", {Unit::kNanos, 1}},
      {"nsec", {Unit::kNanos, 1}},
      {"microsecond", {Unit::kNanos, 1e3}},
      {"microseconds", {Unit::kNanos, 1e3}},
      {"us", {Unit::kNanos, 1e3}},
      {"usec", {Unit::kNanos, 1e3}},
      {"millisecond", {Unit::kNanos, 1e6}},
      {"milliseconds", {Unit::kNanos, 1e6}},
      {"ms", {Unit::kNanos, 1e6}},
      {"msec", {Unit::kNanos, 1e6}},
      {"second", {Unit::kNanos, 1e9}},
      {"seconds", {Unit::kNanos, 1e9}},
      {"sec", {Unit::kNanos, 1e9}},
      {"secs", {Unit::kNanos, 1e9}},
      {"s", {Unit::kNanos, 1e9}},
      {"minute", {Unit::kNanos, 60e9}},
      {"minutes", {Unit::kNanos, 60e9}},
      {"min", {Unit::kNanos, 60e9}},
      {"mins", {Unit::kNanos, 60e9}},
      {"m", {Unit::kNanos, 60e9}},
      {"hour", {Unit::kNanos, 3600e9}},
      {"hours", {Unit::kNanos, 3600e9}},
      {"hr", {Unit::kNanos, 3600e9}},
      {"hrs", {Unit::kNanos, 3600e9}},
      {"h", {Unit::kNanos, 3600e9}},
      {"day", {Unit::kDays, 1}},
      {"days", {Unit::kDays, 1}},
      {"d", {Unit::kDays, 1}},
      {"week", {Unit::kDays, 7}},
      {"weeks", {Unit::kDays, 7}},
      {"w", {Unit::kDays, 7}},
      {"month", {Unit::kMonths, 1}},
      {"months", {Unit::kMonths, 1}},
      {"mon", {Unit::kMonths, 1}},
      {"mons", {Unit::kMonths, 1}},
      {"year", {Unit::kMonths, 12}},
      {"years", {Unit::kMonths, 12}},
      {"yr", {Unit::kMonths, 12}},
      {"yrs", {Unit::kMonths, 12}},
      {"y", {Unit::kMonths, 12}},
      {"decade", {Unit::kMonths, 120}},
      {"decades", {Unit::kMonths, 120}},
      {"century", {Unit::kMonths, 1200}},
      {"centuries", {Unit::kMonths, 1200}},
  };
  for (const Entry& entry : kUnits) {
    if (name == entry.name) {
      *out = entry.info;
      return true;
    }
  }
  return false;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsNumberChar(char c) { return (c >= '0' && c <= '9') || c == '.'; }
bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

Result<MonthDayNano> ParseInterval(std::string_view text) {
  auto error = [&]() { return Status::InvalidArgument("invalid interval: '{}'", text); };
  auto range_error = [&]() { return Status::InvalidArgument("interval out of range: '{}'", text); };
  size_t pos = 0;
  // Integral terms are summed exactly; fractional terms in double and spilled down.
  int64_t months = 0, days = 0, nanos = 0;
  double fraction_months = 0, fraction_days = 0, fraction_nanos = 0;
  bool any = false;
  while (true) {
    while (pos < text.size() && IsSpace(text[pos])) ++pos;
    if (pos == text.size()) break;
    bool negative = false;
    if (text[pos] == '-' || text[pos] == '+') {
      negative = text[pos] == '-';
      ++pos;
    }
    size_t number_start = pos;
    while (pos < text.size() && IsNumberChar(text[pos])) ++pos;
    if (pos == number_start) return error();
    std::string number(text.substr(number_start, pos - number_start));
    bool integral = number.find('.') == std::string::npos;
    char* end = nullptr;
    double value = std::strtod(number.c_str(), &end);
    if (end != number.c_str() + number.size()) return error();
    int64_t integer = 0;
    if (integral) {
      errno = 0;
      integer = std::strtoll(number.c_str(), &end, 10);
      if (errno != 0) return range_error();
    }
    if (negative) {
      value = -value;
      integer = -integer;
    }
    while (pos < text.size() && IsSpace(text[pos])) ++pos;
    size_t unit_start = pos;
    while (pos < text.size() && IsLetter(text[pos])) ++pos;
    UnitInfo unit{Unit::kNanos, 1e9};  // a bare number is seconds
    if (pos > unit_start && !LookupUnit(text.substr(unit_start, pos - unit_start), &unit)) {
      return error();
    }
    int64_t* total = unit.unit == Unit::kMonths ? &months
                     : unit.unit == Unit::kDays ? &days
                                                : &nanos;
    double* fraction = unit.unit == Unit::kMonths ? &fraction_months
                       : unit.unit == Unit::kDays ? &fraction_days
                                                  : &fraction_nanos;
    if (integral) {
      int64_t product;
      if (__builtin_mul_overflow(integer, static_cast<int64_t>(unit.scale), &product) ||
          __builtin_add_overflow(*total, product, total)) {
        return range_error();
      }
    } else {
      *fraction += value * unit.scale;
    }
    any = true;
  }
  if (!any) return error();
  // Fractions spill down: months -> days (30 per month), days -> nanoseconds.
  double whole_months = std::trunc(fraction_months);
  fraction_days += (fraction_months - whole_months) * 30;
  double whole_days = std::trunc(fraction_days);
  fraction_nanos += (fraction_days - whole_days) * static_cast<double>(kNanosPerDay);
  if (std::fabs(whole_months) > 2147483647.0 || std::fabs(whole_days) > 2147483647.0 ||
      std::fabs(fraction_nanos) > 9.2e18) {
    return range_error();
  }
  months += static_cast<int64_t>(whole_months);
  days += static_cast<int64_t>(whole_days);
  if (__builtin_add_overflow(nanos, static_cast<int64_t>(std::llround(fraction_nanos)), &nanos)) {
    return range_error();
  }
  if (months > INT32_MAX || months < INT32_MIN || days > INT32_MAX || days < INT32_MIN) {
    return range_error();
  }
  MonthDayNano out;
  out.months = static_cast<int32_t>(months);
  out.days = static_cast<int32_t>(days);
  out.nanos = nanos;
  return out;
}

std::string FormatInterval(const MonthDayNano& interval) {
  int64_t years = interval.months / 12;
  int64_t months = interval.months % 12;
  int64_t nanos = interval.nanos;
  bool negative = nanos < 0;
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(nanos) : static_cast<uint64_t>(nanos);
  uint64_t hours = magnitude / static_cast<uint64_t>(kNanosPerHour);
  magnitude %= static_cast<uint64_t>(kNanosPerHour);
  uint64_t minutes = magnitude / static_cast<uint64_t>(kNanosPerMinute);
  magnitude %= static_cast<uint64_t>(kNanosPerMinute);
  uint64_t seconds = magnitude / static_cast<uint64_t>(kNanosPerSecond);
  uint64_t fraction = magnitude % static_cast<uint64_t>(kNanosPerSecond);
  const char* sign = negative ? "-" : "";
  return fmt::format("{} years {} mons {} days {}{} hours {}{} mins {}{}.{:09d} secs", years,
                     months, interval.days, sign, hours, sign, minutes, sign, seconds, fraction);
}

}  // namespace quiver
