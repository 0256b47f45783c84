#include "server/http/base64.h"

#include <array>
#include <cstdint>

namespace quiver::http {

namespace {

constexpr std::string_view kStandardChars =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kUrlSafeChars =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string_view Chars(Base64Alphabet alphabet) {
  return alphabet == Base64Alphabet::kStandard ? kStandardChars : kUrlSafeChars;
}

std::array<int8_t, 256> DecodeTable(Base64Alphabet alphabet) {
  std::array<int8_t, 256> table;
  table.fill(-1);
  std::string_view chars = Chars(alphabet);
  for (size_t index = 0; index < chars.size(); ++index) {
    table[static_cast<unsigned char>(chars[index])] = static_cast<int8_t>(index);
  }
  return table;
}

}  // namespace

std::string Base64Encode(std::string_view data, Base64Alphabet alphabet, bool pad) {
  std::string_view chars = Chars(alphabet);
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  size_t index = 0;
  for (; index + 3 <= data.size(); index += 3) {
    uint32_t v = (static_cast<uint8_t>(data[index]) << 16) |
                 (static_cast<uint8_t>(data[index + 1]) << 8) |
                 static_cast<uint8_t>(data[index + 2]);
    out.push_back(chars[(v >> 18) & 63]);
    out.push_back(chars[(v >> 12) & 63]);
    out.push_back(chars[(v >> 6) & 63]);
    out.push_back(chars[v & 63]);
  }
  size_t rest = data.size() - index;
  if (rest == 1) {
    uint32_t v = static_cast<uint8_t>(data[index]) << 16;
    out.push_back(chars[(v >> 18) & 63]);
    out.push_back(chars[(v >> 12) & 63]);
    if (pad) out.append("==");
  } else if (rest == 2) {
    uint32_t v =
        (static_cast<uint8_t>(data[index]) << 16) | (static_cast<uint8_t>(data[index + 1]) << 8);
    out.push_back(chars[(v >> 18) & 63]);
    out.push_back(chars[(v >> 12) & 63]);
    out.push_back(chars[(v >> 6) & 63]);
    if (pad) out.push_back('=');
  }
  return out;
}

Result<std::string> Base64Decode(std::string_view text, Base64Alphabet alphabet) {
  static const std::array<int8_t, 256> kStandardTable = DecodeTable(Base64Alphabet::kStandard);
  static const std::array<int8_t, 256> kUrlSafeTable = DecodeTable(Base64Alphabet::kUrlSafe);
  const std::array<int8_t, 256>& table =
      alphabet == Base64Alphabet::kStandard ? kStandardTable : kUrlSafeTable;

  if (!text.empty() && text.size() % 4 == 0) {
    // Strip correct padding only.
    if (text.ends_with("==")) {
      text.remove_suffix(2);
    } else if (text.ends_with('=')) {
      text.remove_suffix(1);
    }
  }
  if (text.size() % 4 == 1) return Status::InvalidArgument("invalid base64: bad length");
  std::string out;
  out.reserve(text.size() / 4 * 3 + 2);
  uint32_t accumulator = 0;
  int bits = 0;
  for (char c : text) {
    int8_t value = table[static_cast<unsigned char>(c)];
    if (value < 0) return Status::InvalidArgument("invalid base64: unexpected character");
    accumulator = (accumulator << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((accumulator >> bits) & 0xFF));
    }
  }
  return out;
}

}  // namespace quiver::http
