#include "server/http/http_headers.h"

#include <algorithm>

namespace quiver::http {

namespace {
char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t index = 0; index < a.size(); ++index) {
    if (LowerAscii(a[index]) != LowerAscii(b[index])) return false;
  }
  return true;
}

void HttpHeaders::Add(std::string name, std::string value) {
  entries_.emplace_back(std::move(name), std::move(value));
}

void HttpHeaders::Set(std::string name, std::string value) {
  Remove(name);
  entries_.emplace_back(std::move(name), std::move(value));
}

void HttpHeaders::Remove(std::string_view name) {
  std::erase_if(entries_,
                [name](const Entry& entry) { return EqualsIgnoreCase(entry.first, name); });
}

std::optional<std::string_view> HttpHeaders::Get(std::string_view name) const {
  for (const Entry& entry : entries_) {
    if (EqualsIgnoreCase(entry.first, name)) return std::string_view(entry.second);
  }
  return std::nullopt;
}

std::vector<std::string_view> HttpHeaders::GetAll(std::string_view name) const {
  std::vector<std::string_view> values;
  for (const Entry& entry : entries_) {
    if (EqualsIgnoreCase(entry.first, name)) values.emplace_back(entry.second);
  }
  return values;
}

}  // namespace quiver::http
