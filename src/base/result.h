#pragma once

#include <new>
#include <type_traits>
#include <utility>

#include "base/check.h"
#include "base/status.h"

namespace quiver {

// Either a value of type T or a non-OK Status. Like arrow::Result: construct from a
// value or from an error Status (constructing from Status::OK() is a programmer error).
template <typename T>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<T, Status>, "Result<Status> is not allowed");

 public:
  Result(const T& value) : has_value_(true) { new (&storage_) T(value); }  // NOLINT
  Result(T&& value) : has_value_(true) { new (&storage_) T(std::move(value)); }  // NOLINT
  template <typename U,
            typename = std::enable_if_t<std::is_constructible_v<T, U&&> &&
                                        !std::is_same_v<std::decay_t<U>, T> &&
                                        !std::is_same_v<std::decay_t<U>, Status> &&
                                        !std::is_same_v<std::decay_t<U>, Result<T>>>>
  Result(U&& value) : has_value_(true) {  // NOLINT
    new (&storage_) T(std::forward<U>(value));
  }
  Result(Status status) : status_(std::move(status)), has_value_(false) {  // NOLINT
    DCHECK(!status_.ok()) << "Result constructed from an OK status";
    if (status_.ok()) status_ = Status::Internal("Result constructed from an OK status");
  }

  Result(const Result& other) : status_(other.status_), has_value_(other.has_value_) {
    if (has_value_) new (&storage_) T(other.ValueUnsafe());
  }
  Result(Result&& other) noexcept(std::is_nothrow_move_constructible_v<T>)
      : status_(std::move(other.status_)), has_value_(other.has_value_) {
    if (has_value_) new (&storage_) T(std::move(other.ValueUnsafe()));
  }
  Result& operator=(const Result& other) {
    if (this != &other) {
      Destroy();
      status_ = other.status_;
      has_value_ = other.has_value_;
      if (has_value_) new (&storage_) T(other.ValueUnsafe());
    }
    return *this;
  }
  Result& operator=(Result&& other) noexcept(std::is_nothrow_move_constructible_v<T>) {
    if (this != &other) {
      Destroy();
      status_ = std::move(other.status_);
      has_value_ = other.has_value_;
      if (has_value_) new (&storage_) T(std::move(other.ValueUnsafe()));
    }
    return *this;
  }
  ~Result() { Destroy(); }

  bool ok() const { return has_value_; }
  const Status& status() const& { return status_; }
  Status status() && { return std::move(status_); }

  // REQUIRES: ok().
  const T& ValueOrDie() const& {
    CHECK(has_value_) << status_.ToString();
    return ValueUnsafe();
  }
  T& ValueOrDie() & {
    CHECK(has_value_) << status_.ToString();
    return ValueUnsafe();
  }
  T ValueOrDie() && {
    CHECK(has_value_) << status_.ToString();
    return std::move(ValueUnsafe());
  }
  const T& operator*() const& { return ValueOrDie(); }
  T& operator*() & { return ValueOrDie(); }
  T operator*() && { return std::move(*this).ValueOrDie(); }
  const T* operator->() const { return &ValueOrDie(); }
  T* operator->() { return &ValueOrDie(); }

  T ValueOr(T alternative) && {
    return has_value_ ? std::move(ValueUnsafe()) : std::move(alternative);
  }

  const T& ValueUnsafe() const { return *std::launder(reinterpret_cast<const T*>(&storage_)); }
  T& ValueUnsafe() { return *std::launder(reinterpret_cast<T*>(&storage_)); }

 private:
  void Destroy() {
    if (has_value_) {
      ValueUnsafe().~T();
      has_value_ = false;
    }
  }

  Status status_;
  bool has_value_;
  alignas(T) unsigned char storage_[sizeof(T)];
};

namespace internal {
template <typename T>
Status StatusOf(const Result<T>& r) {
  return r.status();
}
template <typename T>
Status StatusOf(Result<T>&& r) {
  return std::move(r).status();
}
}  // namespace internal

}  // namespace quiver

#define QUIVER_ASSIGN_OR_RETURN_IMPL(result_name, lhs, rexpr)          \
  auto&& result_name = (rexpr);                                        \
  if (__builtin_expect(!result_name.ok(), 0)) {                        \
    return std::forward<decltype(result_name)>(result_name).status();  \
  }                                                                    \
  lhs = std::move(result_name.ValueUnsafe());

// ASSIGN_OR_RETURN(auto x, MakeX()); declares/assigns `x` or returns the error.
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  QUIVER_ASSIGN_OR_RETURN_IMPL(QUIVER_CONCAT(_quiver_result_, __COUNTER__), lhs, rexpr)
