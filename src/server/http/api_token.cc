#include "server/http/api_token.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "base/check.h"
#include "server/http/base64.h"

namespace quiver::http {

namespace {
constexpr std::string_view kTokenPrefix = "apiv3_";
constexpr int kTokenRandomBytes = 64;
}  // namespace

TokenDigest HashToken(std::string_view token) {
  TokenDigest digest{};
  unsigned int length = 0;
  int ok = EVP_Digest(token.data(), token.size(), digest.data(), &length, EVP_sha256(), nullptr);
  CHECK(ok == 1 && length == digest.size()) << "EVP_Digest(sha256) failed";
  return digest;
}

std::string TokenDigestToHex(const TokenDigest& digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (uint8_t byte : digest) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 15]);
  }
  return hex;
}

Result<TokenDigest> TokenDigestFromHex(std::string_view hex) {
  TokenDigest digest{};
  if (hex.size() != digest.size() * 2) {
    return Status::InvalidArgument("token hash must be {} hex digits, got {} characters",
                                   digest.size() * 2, hex.size());
  }
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t index = 0; index < digest.size(); ++index) {
    int high = nibble(hex[2 * index]);
    int low = nibble(hex[2 * index + 1]);
    if (high < 0 || low < 0) return Status::InvalidArgument("token hash is not hex");
    digest[index] = static_cast<uint8_t>(high * 16 + low);
  }
  return digest;
}

bool TokenDigestsEqual(const TokenDigest& a, const TokenDigest& b) {
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

Result<std::string> GenerateApiToken() {
  unsigned char random[kTokenRandomBytes];
  if (RAND_bytes(random, sizeof(random)) != 1) {
    return Status::Internal("cannot generate a token: the OpenSSL random generator failed");
  }
  std::string token(kTokenPrefix);
  token += Base64Encode(std::string_view(reinterpret_cast<const char*>(random), sizeof(random)),
                        Base64Alphabet::kUrlSafe, /*pad=*/false);
  OPENSSL_cleanse(random, sizeof(random));
  return token;
}

}  // namespace quiver::http
