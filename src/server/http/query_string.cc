#include "server/http/query_string.h"

namespace quiver::http {

namespace {
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string PercentDecode(std::string_view text, bool plus_as_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t index = 0; index < text.size(); ++index) {
    char c = text[index];
    if (c == '+' && plus_as_space) {
      out.push_back(' ');
    } else if (c == '%' && index + 2 < text.size() && HexValue(text[index + 1]) >= 0 &&
               HexValue(text[index + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(text[index + 1]) * 16 + HexValue(text[index + 2])));
      index += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

QueryParams ParseQueryString(std::string_view query) {
  QueryParams params;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view piece = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (piece.empty()) continue;
    size_t eq = piece.find('=');
    std::string_view name = piece.substr(0, eq);
    std::string_view value =
        eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1);
    params.emplace(PercentDecode(name), PercentDecode(value));
  }
  return params;
}

void SplitTarget(std::string_view target, std::string_view* path, std::string_view* query) {
  size_t hash = target.find('#');
  if (hash != std::string_view::npos) target = target.substr(0, hash);
  size_t question = target.find('?');
  *path = target.substr(0, question);
  *query = question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
}

}  // namespace quiver::http
