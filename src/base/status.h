#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace quiver {

// The outcome of an operation that can fail. Errors are values: every fallible function
// returns a Status (or a Result<T>), and exceptions never cross module boundaries.
//
// An OK status holds no allocation, so returning Status::OK() on the hot path is free.
// Messages put the fixed text first and the values last: "table not found: cpu".
enum class StatusCode : unsigned char {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kResourceExhausted,
  kIOError,
  kCorruption,
  kNotImplemented,
  kCancelled,
  kInternal,
  kUnauthenticated,
  kPermissionDenied,
  kUnavailable,
  kOutOfRange,
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message);

  Status(const Status& other)
      : state_(other.state_ ? std::make_unique<State>(*other.state_) : nullptr) {}
  Status& operator=(const Status& other) {
    if (this != &other) state_ = other.state_ ? std::make_unique<State>(*other.state_) : nullptr;
    return *this;
  }
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  static Status OK() { return Status(); }

  template <typename... Args>
  static Status InvalidArgument(fmt::format_string<Args...> f, Args&&... args) {
    return Status(StatusCode::kInvalidArgument, fmt::format(f, std::forward<Args>(args)...));
  }
  template <typename... Args>
  static Status NotFound(fmt::format_string<Args...> f, Args&&... args) {
    return Status(StatusCode::kNotFound, fmt::format(f, std::forward<Args>(args)...));
  }
  template <typename... Args>
  static Status AlreadyExists(fmt::format_string<Args...> f, Args&&... args) {
    return Status(StatusCode::kAlreadyExists, fmt::format(f, std::forward<Args>(args)...));
  }
  template <typename... Args>
  static Status ResourceExhausted(fmt::format_string<Args...> f, Args&&... args) {
    return Status(StatusCode::kResourceExhausted, fmt::format(f, std::forward<Args>(args)...));
  }
  template <typename... Args>
  static Status IOError(fmt::format_string<Args...> f, Args&&... args) {
    return Status(StatusCode::kIOError, fmt::format(f, std::forward<Args>(args)...));
  }
  template <typename... Args>
  static Status Corruption(fmt::format_string<Args...> f, Args&&... args) {
    return Status(StatusCode::kCorruption, fmt::format(f, std::forward<Args>(args)...));
  }
  template <typename... Args>
  static Status NotImplemented(fmt::format_string<Args...> f, Args&&... args) {
    return Status(StatusCode::kNotImplemented, fmt::format(f, std::forward<Args>(args)...));
  }
  template <typename... Args>
  static Status Cancelled(fmt::format_string<Args...> f, Args&&... args) {
    return Status(StatusCode::kCancelled, fmt::format(f, std::forward<Args>(args)...));
  }
  template <typename... Args>
  static Status Internal(fmt::format_string<Args...> f, Args&&... args) {
    return Status(StatusCode::kInternal, fmt::format(f, std::forward<Args>(args)...));
  }
  template <typename... Args>
  static Status Unauthenticated(fmt::format_string<Args...> f, Args&&... args) {
    return Status(StatusCode::kUnauthenticated, fmt::format(f, std::forward<Args>(args)...));
  }
  template <typename... Args>
  static Status PermissionDenied(fmt::format_string<Args...> f, Args&&... args) {
    return Status(StatusCode::kPermissionDenied, fmt::format(f, std::forward<Args>(args)...));
  }
  template <typename... Args>
  static Status Unavailable(fmt::format_string<Args...> f, Args&&... args) {
    return Status(StatusCode::kUnavailable, fmt::format(f, std::forward<Args>(args)...));
  }
  template <typename... Args>
  static Status OutOfRange(fmt::format_string<Args...> f, Args&&... args) {
    return Status(StatusCode::kOutOfRange, fmt::format(f, std::forward<Args>(args)...));
  }

  bool ok() const { return state_ == nullptr; }
  StatusCode code() const { return state_ ? state_->code : StatusCode::kOk; }
  // The message without the code name; empty for OK.
  const std::string& message() const;

  bool IsInvalidArgument() const { return code() == StatusCode::kInvalidArgument; }
  bool IsNotFound() const { return code() == StatusCode::kNotFound; }
  bool IsAlreadyExists() const { return code() == StatusCode::kAlreadyExists; }
  bool IsResourceExhausted() const { return code() == StatusCode::kResourceExhausted; }
  bool IsIOError() const { return code() == StatusCode::kIOError; }
  bool IsCorruption() const { return code() == StatusCode::kCorruption; }
  bool IsNotImplemented() const { return code() == StatusCode::kNotImplemented; }
  bool IsCancelled() const { return code() == StatusCode::kCancelled; }

  // "<code name>: <message>", or "OK".
  std::string ToString() const;

  // Returns a copy whose message is "<context>: <message>"; OK stays OK.
  Status WithContext(std::string_view context) const;

 private:
  struct State {
    StatusCode code;
    std::string message;
  };
  std::unique_ptr<State> state_;
};

inline bool operator==(const Status& a, const Status& b) {
  return a.code() == b.code() && a.message() == b.message();
}

}  // namespace quiver

#define QUIVER_CONCAT_IMPL(a, b) a##b
#define QUIVER_CONCAT(a, b) QUIVER_CONCAT_IMPL(a, b)

// Returns from the enclosing function if `expr` (a Status or Result) is not OK.
#define RETURN_NOT_OK(expr)                                                          \
  do {                                                                               \
    auto&& _quiver_status = (expr);                                                  \
    if (__builtin_expect(!_quiver_status.ok(), 0)) {                                 \
      return ::quiver::internal::StatusOf(                                           \
          std::forward<decltype(_quiver_status)>(_quiver_status));                   \
    }                                                                                \
  } while (false)

namespace quiver::internal {
inline Status StatusOf(const Status& s) { return s; }
inline Status StatusOf(Status&& s) { return std::move(s); }
}  // namespace quiver::internal
