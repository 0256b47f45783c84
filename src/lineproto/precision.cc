#include "lineproto/precision.h"

namespace quiver::lineproto {

std::string_view PrecisionName(Precision precision) {
  switch (precision) {
    case Precision::kAuto:
      return "Auto";
    case Precision::kSecond:
      return "Second";
    case Precision::kMillisecond:
      return "Millisecond";
    case Precision::kMicrosecond:
      return "Microsecond";
    case Precision::kNanosecond:
      return "Nanosecond";
  }
  return "Unknown";
}

Result<Precision> ParsePrecisionV1V2(std::string_view name) {
  if (name == "s" || name == "second") return Precision::kSecond;
  if (name == "ms" || name == "millisecond") return Precision::kMillisecond;
  if (name == "us" || name == "u" || name == "microsecond") return Precision::kMicrosecond;
  if (name == "ns" || name == "n" || name == "nanosecond") return Precision::kNanosecond;
  return Status::InvalidArgument("unrecognized precision unit: {}", name);
}

Result<Precision> ParsePrecisionV3(std::string_view name) {
  if (name == "auto") return Precision::kAuto;
  return ParsePrecisionV1V2(name);
}

int64_t PrecisionMultiplier(Precision precision) {
  switch (precision) {
    case Precision::kSecond:
      return 1'000'000'000;
    case Precision::kMillisecond:
      return 1'000'000;
    case Precision::kMicrosecond:
      return 1'000;
    case Precision::kNanosecond:
      return 1;
    case Precision::kAuto:
      break;
  }
  DCHECK(false) << "PrecisionMultiplier(kAuto)";
  return 1;
}

Precision InferPrecision(Precision precision, int64_t timestamp) {
  if (precision != Precision::kAuto) return precision;
  // |INT64_MIN| does not fit in int64; take the magnitude as unsigned.
  uint64_t magnitude =
      timestamp < 0 ? 0 - static_cast<uint64_t>(timestamp) : static_cast<uint64_t>(timestamp);
  uint64_t seconds = magnitude / 1'000'000'000;
  if (seconds < 5) return Precision::kSecond;
  if (seconds < 5'000) return Precision::kMillisecond;
  if (seconds < 5'000'000) return Precision::kMicrosecond;
  return Precision::kNanosecond;
}

Result<int64_t> TimestampToNanos(int64_t timestamp, Precision precision) {
  int64_t multiplier = PrecisionMultiplier(InferPrecision(precision, timestamp));
  int64_t nanos;
  if (__builtin_mul_overflow(timestamp, multiplier, &nanos)) {
    return Status::OutOfRange("timestamp, {}, out of range for precision: {}", timestamp,
                              PrecisionName(precision));
  }
  return nanos;
}

int64_t DefaultTimestamp(int64_t now_nanos, Precision precision) {
  if (precision == Precision::kAuto) return now_nanos;
  int64_t multiplier = PrecisionMultiplier(precision);
  return (now_nanos / multiplier) * multiplier;
}

}  // namespace quiver::lineproto
