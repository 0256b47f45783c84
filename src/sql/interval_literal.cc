#include "sql/interval_literal.h"

#include <cctype>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace quiver::sql {

namespace {

struct UnitSize {
  int64_t months;
  int64_t days;
  int64_t nanos;
};

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kNanosPerDay = 86'400 * kNanosPerSecond;

UnitSize SizeOf(IntervalUnit unit) {
  switch (unit) {
    case IntervalUnit::kNanosecond: return {0, 0, 1};
    case IntervalUnit::kMicrosecond: return {0, 0, 1'000};
    case IntervalUnit::kMillisecond: return {0, 0, 1'000'000};
    case IntervalUnit::kSecond: return {0, 0, kNanosPerSecond};
    case IntervalUnit::kMinute: return {0, 0, 60 * kNanosPerSecond};
    case IntervalUnit::kHour: return {0, 0, 3'600 * kNanosPerSecond};
    case IntervalUnit::kDay: return {0, 1, 0};
    case IntervalUnit::kWeek: return {0, 7, 0};
    case IntervalUnit::kMonth: return {1, 0, 0};
    case IntervalUnit::kYear: return {12, 0, 0};
    case IntervalUnit::kDecade: return {120, 0, 0};
    case IntervalUnit::kCentury: return {1'200, 0, 0};
    case IntervalUnit::kMillennium: return {12'000, 0, 0};
  }
  return {0, 0, 0};
}

bool UnitFromName(std::string name, IntervalUnit* unit) {
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::pair<const char*, IntervalUnit> kNames[] = {
      {"nanosecond", IntervalUnit::kNanosecond}, {"nanoseconds", IntervalUnit::kNanosecond},
      {"ns", IntervalUnit::kNanosecond},         {"nsec", IntervalUnit::kNanosecond},
      {"microsecond", IntervalUnit::kMicrosecond}, {"microseconds", IntervalUnit::kMicrosecond},
      {"us", IntervalUnit::kMicrosecond},        {"usec", IntervalUnit::kMicrosecond},
      {"usecs", IntervalUnit::kMicrosecond},
      {"millisecond", IntervalUnit::kMillisecond}, {"milliseconds", IntervalUnit::kMillisecond},
      {"ms", IntervalUnit::kMillisecond},        {"msec", IntervalUnit::kMillisecond},
      {"msecs", IntervalUnit::kMillisecond},
      {"second", IntervalUnit::kSecond},         {"seconds", IntervalUnit::kSecond},
      {"s", IntervalUnit::kSecond},              {"sec", IntervalUnit::kSecond},
      {"secs", IntervalUnit::kSecond},
      {"minute", IntervalUnit::kMinute},         {"minutes", IntervalUnit::kMinute},
      {"m", IntervalUnit::kMinute},              {"min", IntervalUnit::kMinute},
      {"mins", IntervalUnit::kMinute},
      {"hour", IntervalUnit::kHour},             {"hours", IntervalUnit::kHour},
      {"h", IntervalUnit::kHour},                {"hr", IntervalUnit::kHour},
      {"hrs", IntervalUnit::kHour},
      {"day", IntervalUnit::kDay},               {"days", IntervalUnit::kDay},
      {"d", IntervalUnit::kDay},
      {"week", IntervalUnit::kWeek},             {"weeks", IntervalUnit::kWeek},
      {"w", IntervalUnit::kWeek},
      {"month", IntervalUnit::kMonth},           {"months", IntervalUnit::kMonth},
      {"mon", IntervalUnit::kMonth},             {"mons", IntervalUnit::kMonth},
      {"year", IntervalUnit::kYear},             {"years", IntervalUnit::kYear},
      {"y", IntervalUnit::kYear},                {"yr", IntervalUnit::kYear},
      {"yrs", IntervalUnit::kYear},
      {"decade", IntervalUnit::kDecade},         {"decades", IntervalUnit::kDecade},
      {"century", IntervalUnit::kCentury},       {"centuries", IntervalUnit::kCentury},
      {"millennium", IntervalUnit::kMillennium}, {"millennia", IntervalUnit::kMillennium},
      {"millenniums", IntervalUnit::kMillennium},
  };
  for (const auto& [text, value] : kNames) {
    if (name == text) {
      *unit = value;
      return true;
    }
  }
  return false;
}

// Accumulates parts with overflow checks.
class IntervalAccumulator {
 public:
  // Adds `sign * (whole + fraction)` units (fraction in [0, 1)).
  bool Add(int sign, int64_t whole, double fraction, IntervalUnit unit) {
    UnitSize size = SizeOf(unit);
    int64_t months = 0, days = 0, nanos = 0;
    if (__builtin_mul_overflow(whole, size.months, &months) ||
        __builtin_mul_overflow(whole, size.days, &days) ||
        __builtin_mul_overflow(whole, size.nanos, &nanos)) {
      return false;
    }
    if (fraction > 0) {
      // Spill the fraction down: months -> 30-day days -> nanoseconds.
      double frac_months = fraction * static_cast<double>(size.months);
      double whole_months = std::trunc(frac_months);
      double frac_days = (frac_months - whole_months) * 30 + fraction * static_cast<double>(size.days);
      double whole_days = std::trunc(frac_days);
      double frac_nanos = (frac_days - whole_days) * static_cast<double>(kNanosPerDay) +
                          fraction * static_cast<double>(size.nanos);
      months += static_cast<int64_t>(whole_months);
      days += static_cast<int64_t>(whole_days);
      nanos += static_cast<int64_t>(std::llround(frac_nanos));
    }
    return Accumulate(&months_, sign * months) && Accumulate(&days_, sign * days) &&
           Accumulate(&nanos_, sign * nanos);
  }

  bool Finish(MonthDayNano* out) const {
    if (months_ < std::numeric_limits<int32_t>::min() || months_ > std::numeric_limits<int32_t>::max() ||
        days_ < std::numeric_limits<int32_t>::min() || days_ > std::numeric_limits<int32_t>::max()) {
      return false;
    }
    out->months = static_cast<int32_t>(months_);
    out->days = static_cast<int32_t>(days_);
    out->nanos = nanos_;
    return true;
  }

 private:
  static bool Accumulate(int64_t* total, int64_t value) {
    return !__builtin_add_overflow(*total, value, total);
  }
  int64_t months_ = 0;
  int64_t days_ = 0;
  int64_t nanos_ = 0;
};

// Parses "[-+]digits[.digits]" at `pos`; false if there is no number there.
bool ParseNumber(std::string_view text, size_t* pos, int* sign, int64_t* whole, double* fraction) {
  size_t i = *pos;
  *sign = 1;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    if (text[i] == '-') *sign = -1;
    ++i;
  }
  size_t digits_begin = i;
  int64_t value = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    if (__builtin_mul_overflow(value, 10, &value) ||
        __builtin_add_overflow(value, text[i] - '0', &value)) {
      return false;
    }
    ++i;
  }
  bool has_digits = i > digits_begin;
  double frac = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    double scale = 0.1;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      frac += (text[i] - '0') * scale;
      scale /= 10;
      has_digits = true;
      ++i;
    }
  }
  if (!has_digits) return false;
  *whole = value;
  *fraction = frac;
  *pos = i;
  return true;
}

// "HH:MM[:SS[.fff]]" at `pos` (after an optional sign already consumed into `sign`).
bool ParseClock(std::string_view text, size_t* pos, int sign, IntervalAccumulator* acc) {
  size_t i = *pos;
  int64_t parts[2] = {0, 0};
  for (int p = 0; p < 2; ++p) {
    size_t begin = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      parts[p] = parts[p] * 10 + (text[i] - '0');
      if (parts[p] > 1'000'000'000) return false;
      ++i;
    }
    if (i == begin) return false;
    if (p == 0) {
      if (i >= text.size() || text[i] != ':') return false;
      ++i;
    }
  }
  int s = 1;
  int64_t seconds = 0;
  double fraction = 0;
  if (i < text.size() && text[i] == ':') {
    ++i;
    if (!ParseNumber(text, &i, &s, &seconds, &fraction) || s < 0) return false;
  }
  *pos = i;
  return acc->Add(sign, parts[0], 0, IntervalUnit::kHour) &&
         acc->Add(sign, parts[1], 0, IntervalUnit::kMinute) &&
         acc->Add(sign, seconds, fraction, IntervalUnit::kSecond);
}

}  // namespace

Result<MonthDayNano> ParseIntervalLiteral(std::string_view text, IntervalUnit default_unit) {
  auto invalid = [&](std::string_view why) {
    return Status::InvalidArgument("invalid interval literal '{}': {}", text, why);
  };
  IntervalAccumulator acc;
  size_t i = 0;
  bool any = false;
  auto skip_space = [&] {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  };
  skip_space();
  while (i < text.size()) {
    size_t number_begin = i;
    int sign = 1;
    int64_t whole = 0;
    double fraction = 0;
    // A clock part "01:30:00" (optionally signed).
    size_t probe = i;
    if (probe < text.size() && (text[probe] == '-' || text[probe] == '+')) ++probe;
    size_t digits_end = probe;
    while (digits_end < text.size() && std::isdigit(static_cast<unsigned char>(text[digits_end]))) ++digits_end;
    if (digits_end > probe && digits_end < text.size() && text[digits_end] == ':') {
      int clock_sign = text[i] == '-' ? -1 : 1;
      i = probe;
      if (!ParseClock(text, &i, clock_sign, &acc)) return invalid("bad time of day part");
      any = true;
      skip_space();
      continue;
    }
    if (!ParseNumber(text, &i, &sign, &whole, &fraction)) {
      return invalid(i == number_begin ? "expected a number" : "number out of range");
    }
    skip_space();
    size_t unit_begin = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    IntervalUnit unit = default_unit;
    if (i > unit_begin) {
      std::string name(text.substr(unit_begin, i - unit_begin));
      if (!UnitFromName(name, &unit)) return invalid("unknown unit '" + name + "'");
    } else if (any || i < text.size()) {
      // A number without a unit must be the whole literal ('90', INTERVAL '1' MINUTE).
      return invalid("expected a unit after the number");
    }
    if (!acc.Add(sign, whole, fraction, unit)) return invalid("value out of range");
    any = true;
    skip_space();
    if (i < text.size() && text[i] == ',') {
      ++i;
      skip_space();
    }
  }
  if (!any) return invalid("empty interval");
  MonthDayNano out;
  if (!acc.Finish(&out)) return invalid("value out of range");
  return out;
}

IntervalUnit IntervalUnitFromTypmod(int mask) {
  // Field bits of PostgreSQL's INTERVAL_MASK (utils/datetime.h).
  constexpr int kMonth = 1 << 1, kYear = 1 << 2, kDay = 1 << 3, kHour = 1 << 10,
                kMinute = 1 << 11, kSecond = 1 << 12;
  constexpr int kFullRange = 0x7FFF;
  if (mask == kFullRange || mask < 0) return IntervalUnit::kSecond;
  if (mask & kSecond) return IntervalUnit::kSecond;
  if (mask & kMinute) return IntervalUnit::kMinute;
  if (mask & kHour) return IntervalUnit::kHour;
  if (mask & kDay) return IntervalUnit::kDay;
  if (mask & kMonth) return IntervalUnit::kMonth;
  if (mask & kYear) return IntervalUnit::kYear;
  return IntervalUnit::kSecond;
}

}  // namespace quiver::sql
