#include "lineproto/utf8.h"

#include <gtest/gtest.h>

#include <string>

#include "testing/status_matchers.h"

namespace quiver::lineproto {
namespace {

std::string Message(std::string_view text) { return ValidateUtf8(text).message(); }

TEST(Utf8Test, Valid) {
  EXPECT_OK(ValidateUtf8(""));
  EXPECT_OK(ValidateUtf8("plain ascii line protocol m,t=v f=1i 123\n"));
  EXPECT_OK(
      ValidateUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xEF\xBF\xBF \xF4\x8F\xBF\xBF"));
  EXPECT_OK(ValidateUtf8(std::string(1000, 'a') + "\xC3\xA9" + std::string(1000, 'b')));
  EXPECT_OK(ValidateUtf8(std::string_view("\0", 1)));
}

TEST(Utf8Test, InvalidWithRustWording) {
  EXPECT_EQ(Message("ab\xFF"), "invalid utf-8 sequence of 1 bytes from index 2");
  EXPECT_EQ(Message("\x80"), "invalid utf-8 sequence of 1 bytes from index 0");
  EXPECT_EQ(Message("\xC0\x80"), "invalid utf-8 sequence of 1 bytes from index 0");  // overlong
  EXPECT_EQ(Message("\xE0\x80\x80"), "invalid utf-8 sequence of 1 bytes from index 0");
  EXPECT_EQ(Message("\xED\xA0\x80"),
            "invalid utf-8 sequence of 1 bytes from index 0");  // surrogate
  EXPECT_EQ(Message("\xF4\x90\x80\x80"), "invalid utf-8 sequence of 1 bytes from index 0");
  EXPECT_EQ(Message("\xF5\x80\x80\x80"), "invalid utf-8 sequence of 1 bytes from index 0");
  EXPECT_EQ(Message("\xE2\x82x"), "invalid utf-8 sequence of 2 bytes from index 0");
  EXPECT_EQ(Message("\xF0\x9F\x98x"), "invalid utf-8 sequence of 3 bytes from index 0");
  EXPECT_EQ(Message("abc\xC3"), "incomplete utf-8 byte sequence from index 3");
  EXPECT_EQ(Message("\xF0\x9F\x98"), "incomplete utf-8 byte sequence from index 0");
  EXPECT_EQ(Message(std::string(40, 'a') + "\xFE"),
            "invalid utf-8 sequence of 1 bytes from index 40");
}

}  // namespace
}  // namespace quiver::lineproto
