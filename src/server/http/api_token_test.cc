#include "server/http/api_token.h"

#include <gtest/gtest.h>

#include <set>

#include "testing/status_matchers.h"

namespace quiver::http {
namespace {

TEST(ApiTokenTest, Sha256KnownVector) {
  EXPECT_EQ(TokenDigestToHex(HashToken("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(TokenDigestToHex(HashToken("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(ApiTokenTest, HexRoundTrip) {
  TokenDigest digest = HashToken("secret");
  ASSERT_OK_AND_ASSIGN(TokenDigest parsed, TokenDigestFromHex(TokenDigestToHex(digest)));
  EXPECT_TRUE(TokenDigestsEqual(parsed, digest));
  std::string upper = TokenDigestToHex(digest);
  for (char& c : upper) c = static_cast<char>(toupper(c));
  ASSERT_OK_AND_ASSIGN(parsed, TokenDigestFromHex(upper));
  EXPECT_TRUE(TokenDigestsEqual(parsed, digest));
  ASSERT_RAISES(kInvalidArgument, TokenDigestFromHex("abc"));
  ASSERT_RAISES(kInvalidArgument, TokenDigestFromHex(std::string(64, 'g')));
}

TEST(ApiTokenTest, DigestsEqual) {
  EXPECT_TRUE(TokenDigestsEqual(HashToken("a"), HashToken("a")));
  EXPECT_FALSE(TokenDigestsEqual(HashToken("a"), HashToken("b")));
}

TEST(ApiTokenTest, GeneratedTokensHaveInfluxFormat) {
  std::set<std::string> seen;
  for (int index = 0; index < 20; ++index) {
    ASSERT_OK_AND_ASSIGN(std::string token, GenerateApiToken());
    ASSERT_EQ(token.size(), 6u + 86u) << token;
    EXPECT_TRUE(token.starts_with("apiv3_"));
    for (char c : token.substr(6)) {
      EXPECT_TRUE(isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << token;
    }
    EXPECT_TRUE(seen.insert(token).second);
  }
}

}  // namespace
}  // namespace quiver::http
