#include "base/duration.h"

#include <array>
#include <cctype>
#include <limits>
#include <utility>

namespace quiver {
namespace {

struct Unit {
  std::string_view name;
  int64_t nanos;
};

constexpr std::array kUnits = {
    Unit{"ns", 1},
    Unit{"nsec", 1},
    Unit{"nanosecond", 1},
    Unit{"nanoseconds", 1},
    Unit{"us", kNanosPerMicro},
    Unit{"\xC2\xB5s", kNanosPerMicro},
    Unit{"usec", kNanosPerMicro},
    Unit{"microsecond", kNanosPerMicro},
    Unit{"microseconds", kNanosPerMicro},
    Unit{"ms", kNanosPerMilli},
    Unit{"msec", kNanosPerMilli},
    Unit{"millisecond", kNanosPerMilli},
    Unit{"milliseconds", kNanosPerMilli},
    Unit{"s", kNanosPerSecond},
    Unit{"sec", kNanosPerSecond},
    Unit{"secs", kNanosPerSecond},
    Unit{"second", kNanosPerSecond},
    Unit{"seconds", kNanosPerSecond},
    Unit{"m", kNanosPerMinute},
    Unit{"min", kNanosPerMinute},
    Unit{"mins", kNanosPerMinute},
    Unit{"minute", kNanosPerMinute},
    Unit{"minutes", kNanosPerMinute},
    Unit{"h", kNanosPerHour},
    Unit{"hr", kNanosPerHour},
    Unit{"hrs", kNanosPerHour},
    Unit{"hour", kNanosPerHour},
    Unit{"hours", kNanosPerHour},
    Unit{"d", kNanosPerDay},
    Unit{"day", kNanosPerDay},
    Unit{"days", kNanosPerDay},
    Unit{"w", kNanosPerWeek},
    Unit{"week", kNanosPerWeek},
    Unit{"weeks", kNanosPerWeek},
};

bool IsUnitChar(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

Result<int64_t> ParseDuration(std::string_view text) {
  std::string_view rest = text;
  auto skip_spaces = [&] {
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  };
  skip_spaces();
  if (rest.empty()) return Status::InvalidArgument("invalid duration '{}': empty", text);
  if (rest == "0") return 0;
  int64_t total = 0;
  while (!rest.empty()) {
    int64_t value = 0;
    size_t digits = 0;
    while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits]))) {
      int digit = rest[digits] - '0';
      if (value > (std::numeric_limits<int64_t>::max() - digit) / 10) {
        return Status::InvalidArgument("invalid duration '{}': number too large", text);
      }
      value = value * 10 + digit;
      ++digits;
    }
    if (digits == 0) {
      return Status::InvalidArgument("invalid duration '{}': expected a number at '{}'", text,
                                     rest);
    }
    rest.remove_prefix(digits);
    skip_spaces();
    size_t unit_len = 0;
    while (unit_len < rest.size() && IsUnitChar(rest[unit_len])) ++unit_len;
    std::string_view unit_text = rest.substr(0, unit_len);
    if (unit_text.empty()) {
      return Status::InvalidArgument(
          "invalid duration '{}': missing unit after {} (use ns, us, ms, s, m, h, d or w)", text,
          value);
    }
    int64_t unit_nanos = 0;
    for (const Unit& unit : kUnits) {
      if (unit.name == unit_text) unit_nanos = unit.nanos;
    }
    if (unit_nanos == 0) {
      return Status::InvalidArgument(
          "invalid duration '{}': unknown unit '{}' (use ns, us, ms, s, m, h, d or w)", text,
          unit_text);
    }
    if (value > std::numeric_limits<int64_t>::max() / unit_nanos ||
        total > std::numeric_limits<int64_t>::max() - value * unit_nanos) {
      return Status::InvalidArgument("invalid duration '{}': too large", text);
    }
    total += value * unit_nanos;
    rest.remove_prefix(unit_len);
    skip_spaces();
  }
  return total;
}

std::string FormatDuration(int64_t nanos) {
  if (nanos == 0) return "0s";
  std::string out;
  if (nanos < 0) {
    out.push_back('-');
    nanos = -nanos;
  }
  constexpr std::array<std::pair<int64_t, std::string_view>, 7> kParts = {{
      {kNanosPerDay, "d"},
      {kNanosPerHour, "h"},
      {kNanosPerMinute, "m"},
      {kNanosPerSecond, "s"},
      {kNanosPerMilli, "ms"},
      {kNanosPerMicro, "us"},
      {1, "ns"},
  }};
  for (const auto& [unit, name] : kParts) {
    if (nanos >= unit) {
      out += fmt::format("{}{}", nanos / unit, name);
      nanos %= unit;
    }
  }
  return out;
}

}  // namespace quiver
