#include "lineproto/line_splitter.h"

namespace quiver::lineproto {

size_t FindLineEnd(std::string_view body, size_t start) {
  bool quoted = false;
  bool fields = false;
  size_t equals = 0;
  size_t commas = 0;
  for (size_t i = start; i < body.size(); ++i) {
    char c = body[i];
    if (c == '\\') {
      ++i;  // skip the escaped character, whatever it is
      continue;
    }
    if (c == ' ') {
      fields = true;
      continue;
    }
    if (fields) {
      if (!quoted && c == '=') {
        ++equals;
        continue;
      }
      if (!quoted && c == ',') {
        ++commas;
        continue;
      }
      if (c == '"' && equals > commas) {
        quoted = !quoted;
        continue;
      }
    }
    if (c == '\n' && !quoted) return i;
  }
  return body.size();
}

std::vector<std::string_view> SplitLines(std::string_view body) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (true) {
    size_t end = FindLineEnd(body, start);
    lines.push_back(body.substr(start, end - start));
    if (end == body.size()) break;
    start = end + 1;
  }
  return lines;
}

}  // namespace quiver::lineproto
