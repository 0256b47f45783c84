#include "base/logging.h"

#include <time.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <vector>

#include "base/result.h"
#include "base/thread_annotations.h"

namespace quiver {
namespace internal {
std::atomic<int> g_min_log_level{static_cast<int>(LogLevel::kInfo)};
}  // namespace internal

namespace {

struct LogConfig {
  std::shared_mutex mutex;
  LogLevel default_level GUARDED_BY(mutex) = LogLevel::kInfo;
  std::map<std::string, LogLevel, std::less<>> overrides GUARDED_BY(mutex);
  std::mutex sink_mutex;
  LogSink sink GUARDED_BY(sink_mutex);
};

LogConfig& Config() {
  static LogConfig* config = new LogConfig();
  return *config;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Result<LogLevel> ParseLevel(std::string_view text);

}  // namespace

std::string_view LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kTrace: return "TRACE";
    case LogLevel::kDebug: return "DEBUG";
    case LogLevel::kInfo: return "INFO";
    case LogLevel::kWarn: return "WARN";
    case LogLevel::kError: return "ERROR";
    case LogLevel::kOff: return "OFF";
  }
  return "?";
}

namespace {
Result<LogLevel> ParseLevel(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "trace") return LogLevel::kTrace;
  if (lower == "debug") return LogLevel::kDebug;
  if (lower == "info") return LogLevel::kInfo;
  if (lower == "warn" || lower == "warning") return LogLevel::kWarn;
  if (lower == "error") return LogLevel::kError;
  if (lower == "off" || lower == "none") return LogLevel::kOff;
  return Status::InvalidArgument(
      "invalid log level '{}' (expected trace, debug, info, warn, error or off)", text);
}
}  // namespace

Status SetLogFilter(std::string_view filter) {
  LogLevel default_level = LogLevel::kInfo;
  std::map<std::string, LogLevel, std::less<>> overrides;
  std::string_view rest = filter;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = Trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (item.empty()) continue;
    size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      ASSIGN_OR_RETURN(default_level, ParseLevel(item));
    } else {
      std::string_view target = Trim(item.substr(0, eq));
      if (target.empty()) return Status::InvalidArgument("log filter item '{}' has no target", item);
      ASSIGN_OR_RETURN(LogLevel level, ParseLevel(Trim(item.substr(eq + 1))));
      overrides[std::string(target)] = level;
    }
  }
  LogConfig& config = Config();
  std::unique_lock lock(config.mutex);
  config.default_level = default_level;
  config.overrides = std::move(overrides);
  int min_level = static_cast<int>(default_level);
  for (const auto& [target, level] : config.overrides) {
    min_level = std::min(min_level, static_cast<int>(level));
  }
  internal::g_min_log_level.store(min_level, std::memory_order_relaxed);
  return Status::OK();
}

void SetLogSink(LogSink sink) {
  LogConfig& config = Config();
  std::lock_guard lock(config.sink_mutex);
  config.sink = std::move(sink);
}

namespace internal {

bool LogEnabledSlow(LogLevel level, std::string_view target) {
  LogConfig& config = Config();
  std::shared_lock lock(config.mutex);
  auto it = config.overrides.find(target);
  LogLevel threshold = it != config.overrides.end() ? it->second : config.default_level;
  return level >= threshold && level != LogLevel::kOff;
}

void LogWrite(LogLevel level, std::string_view target, std::string_view message) {
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  tm utc;
  gmtime_r(&ts.tv_sec, &utc);
  std::string line = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z {:5} {}: {}",
                                 utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour,
                                 utc.tm_min, utc.tm_sec, ts.tv_nsec / 1000,
                                 LogLevelName(level), target, message);
  LogConfig& config = Config();
  std::lock_guard lock(config.sink_mutex);
  if (config.sink) {
    config.sink(level, target, line);
  } else {
    line.push_back('\n');
    std::fwrite(line.data(), 1, line.size(), stderr);
  }
}

}  // namespace internal
}  // namespace quiver
