#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "base/status.h"

namespace quiver {

enum class LogLevel : int { kTrace = 0, kDebug, kInfo, kWarn, kError, kOff };

std::string_view LogLevelName(LogLevel level);

// Process-wide log configuration. A filter is a comma-separated list of a default level
// and `target=level` overrides, e.g. "info", "warn,http=debug,wal=trace". Targets are
// short component names ("http", "wal", "catalog", ...). Levels: trace, debug, info,
// warn, error, off. Thread-safe; changing the filter while logging is allowed.
Status SetLogFilter(std::string_view filter);

// Where log lines go (stderr by default). Tests install a capturing sink. Passing an
// empty function restores stderr. The sink is called under an internal lock.
using LogSink = std::function<void(LogLevel, std::string_view target, std::string_view line)>;
void SetLogSink(LogSink sink);

namespace internal {
// The lowest level any target has enabled; a cheap first test for every log call.
extern std::atomic<int> g_min_log_level;
bool LogEnabledSlow(LogLevel level, std::string_view target);
void LogWrite(LogLevel level, std::string_view target, std::string_view message);
}  // namespace internal

inline bool LogEnabled(LogLevel level, std::string_view target) {
  if (static_cast<int>(level) < internal::g_min_log_level.load(std::memory_order_relaxed)) {
    return false;
  }
  return internal::LogEnabledSlow(level, target);
}

}  // namespace quiver

// QLOG(kInfo, "http", "listening on {}", addr); arguments are only formatted if enabled.
#define QLOG(level, target, ...)                                                          \
  do {                                                                                    \
    if (::quiver::LogEnabled(::quiver::LogLevel::level, target)) {                        \
      ::quiver::internal::LogWrite(::quiver::LogLevel::level, target,                     \
                                   fmt::format(__VA_ARGS__));                             \
    }                                                                                     \
  } while (false)

#define LOG_TRACE(target, ...) QLOG(kTrace, target, __VA_ARGS__)
#define LOG_DEBUG(target, ...) QLOG(kDebug, target, __VA_ARGS__)
#define LOG_INFO(target, ...) QLOG(kInfo, target, __VA_ARGS__)
#define LOG_WARN(target, ...) QLOG(kWarn, target, __VA_ARGS__)
#define LOG_ERROR(target, ...) QLOG(kError, target, __VA_ARGS__)
