#pragma once

#include <sstream>
#include <string>

// Assertions for programmer errors only. Bad input (line protocol, SQL, files on disk)
// is always reported with a Status, never with CHECK.
//
//   CHECK(cond) << "context";   // always evaluated; aborts with a message if false
//   DCHECK(cond) << "context";  // compiled out in release builds (NDEBUG)

namespace quiver::internal {

// Collects the streamed message and aborts in its destructor.
class CheckFailure {
 public:
  CheckFailure(const char* file, int line, const char* condition);
  [[noreturn]] ~CheckFailure();
  std::ostream& stream() { return stream_; }

 private:
  std::ostringstream stream_;
};

// Swallows a streamed message when a DCHECK is compiled out.
struct NullStream {
  template <typename T>
  NullStream& operator<<(const T&) {
    return *this;
  }
};

// Lets `CHECK(x) << ...` be a statement whose type is void either way.
struct Voidify {
  void operator&(std::ostream&) {}
  void operator&(const NullStream&) {}
};

}  // namespace quiver::internal

#define CHECK(condition)                                    \
  (__builtin_expect(static_cast<bool>(condition), 1))       \
      ? (void)0                                             \
      : ::quiver::internal::Voidify() &                     \
            ::quiver::internal::CheckFailure(__FILE__, __LINE__, #condition).stream()

#define CHECK_OK(expr)                                                              \
  do {                                                                              \
    auto&& _quiver_check_status = (expr);                                           \
    CHECK(_quiver_check_status.ok()) << ::quiver::internal::StatusOf(               \
                                            _quiver_check_status).ToString();       \
  } while (false)

#ifdef NDEBUG
#define DCHECK(condition) \
  while (false && static_cast<bool>(condition)) \
  ::quiver::internal::Voidify() & ::quiver::internal::NullStream()
#else
#define DCHECK(condition) CHECK(condition)
#endif
