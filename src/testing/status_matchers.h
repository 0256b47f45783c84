#pragma once

#include <gtest/gtest.h>

#include "base/result.h"
#include "base/status.h"

// ASSERT_OK(expr) / EXPECT_OK(expr): expr is a Status or Result<T>.
// ASSERT_OK_AND_ASSIGN(lhs, expr): lhs = value of the Result, or fail the test.
// ASSERT_RAISES(code, expr): expr fails with StatusCode::code (kNotFound, ...).

namespace quiver::testing {
inline const Status& ToStatus(const Status& s) { return s; }
template <typename T>
const Status& ToStatus(const Result<T>& r) {
  return r.status();
}
}  // namespace quiver::testing

#define ASSERT_OK(expr)                                                 \
  do {                                                                  \
    const auto& _st = (expr);                                           \
    ASSERT_TRUE(_st.ok()) << ::quiver::testing::ToStatus(_st).ToString(); \
  } while (false)

#define EXPECT_OK(expr)                                                 \
  do {                                                                  \
    const auto& _st = (expr);                                           \
    EXPECT_TRUE(_st.ok()) << ::quiver::testing::ToStatus(_st).ToString(); \
  } while (false)

#define QUIVER_ASSERT_OK_AND_ASSIGN_IMPL(result_name, lhs, rexpr)              \
  auto result_name = (rexpr);                                                  \
  ASSERT_TRUE(result_name.ok()) << result_name.status().ToString();            \
  lhs = std::move(result_name.ValueUnsafe());

#define ASSERT_OK_AND_ASSIGN(lhs, rexpr) \
  QUIVER_ASSERT_OK_AND_ASSIGN_IMPL(QUIVER_CONCAT(_assert_result_, __COUNTER__), lhs, rexpr)

#define ASSERT_RAISES(expected_code, expr)                                              \
  do {                                                                                  \
    const ::quiver::Status _st = ::quiver::testing::ToStatus(expr);                     \
    ASSERT_EQ(_st.code(), ::quiver::StatusCode::expected_code) << _st.ToString();       \
  } while (false)
