#include "server/http/base64.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace quiver::http {
namespace {

TEST(Base64Test, Rfc4648Vectors) {
  const std::pair<std::string, std::string> vectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(Base64Encode(plain, Base64Alphabet::kStandard, true), encoded);
    ASSERT_OK_AND_ASSIGN(std::string decoded, Base64Decode(encoded, Base64Alphabet::kStandard));
    EXPECT_EQ(decoded, plain);
  }
}

TEST(Base64Test, UnpaddedAndUrlSafe) {
  EXPECT_EQ(Base64Encode("fo", Base64Alphabet::kStandard, false), "Zm8");
  ASSERT_OK_AND_ASSIGN(std::string decoded, Base64Decode("Zm8", Base64Alphabet::kStandard));
  EXPECT_EQ(decoded, "fo");
  std::string bytes = "\xfb\xff\xbf";
  EXPECT_EQ(Base64Encode(bytes, Base64Alphabet::kStandard, true), "+/+/");
  EXPECT_EQ(Base64Encode(bytes, Base64Alphabet::kUrlSafe, true), "-_-_");
  ASSERT_OK_AND_ASSIGN(decoded, Base64Decode("-_-_", Base64Alphabet::kUrlSafe));
  EXPECT_EQ(decoded, bytes);
}

TEST(Base64Test, RejectsBadInput) {
  ASSERT_RAISES(kInvalidArgument, Base64Decode("Zm9v!", Base64Alphabet::kStandard));
  ASSERT_RAISES(kInvalidArgument, Base64Decode("Z", Base64Alphabet::kStandard));
  ASSERT_RAISES(kInvalidArgument, Base64Decode("-_-_", Base64Alphabet::kStandard));
  ASSERT_RAISES(kInvalidArgument, Base64Decode("Zm=v", Base64Alphabet::kStandard));
}

}  // namespace
}  // namespace quiver::http
