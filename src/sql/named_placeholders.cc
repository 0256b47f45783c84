#include "sql/named_placeholders_internal.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace quiver::sql {

namespace {

bool IsIdentStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool IsIdentChar(char c) {
  return IsIdentStart(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// A placeholder found in the text.
struct PlaceholderToken {
  size_t begin;  // offset of '$'
  size_t end;    // one past the name
  bool positional;
  std::string name;
};

// Finds every `$name` / `$123` placeholder outside literals, quoted identifiers and
// comments (following PostgreSQL's lexical rules closely enough for that purpose).
std::vector<PlaceholderToken> ScanPlaceholders(std::string_view sql) {
  std::vector<PlaceholderToken> tokens;
  size_t i = 0;
  const size_t n = sql.size();
  while (i < n) {
    char c = sql[i];
    if (c == '\'') {
      // A string literal; E'...' strings also honour backslash escapes.
      bool backslash_escapes = i > 0 && (sql[i - 1] == 'e' || sql[i - 1] == 'E') &&
                               (i < 2 || !IsIdentChar(sql[i - 2]));
      ++i;
      while (i < n) {
        if (backslash_escapes && sql[i] == '\\' && i + 1 < n) {
          i += 2;
          continue;
        }
        if (sql[i] == '\'') {
          if (i + 1 < n && sql[i + 1] == '\'') {
            i += 2;
            continue;
          }
          break;
        }
        ++i;
      }
      ++i;
    } else if (c == '"') {
      ++i;
      while (i < n) {
        if (sql[i] == '"') {
          if (i + 1 < n && sql[i + 1] == '"') {
            i += 2;
            continue;
          }
          break;
        }
        ++i;
      }
      ++i;
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      while (i < n && sql[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      int depth = 1;  // PostgreSQL block comments nest
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] == '/' && i + 1 < n && sql[i + 1] == '*') {
          ++depth;
          i += 2;
        } else if (sql[i] == '*' && i + 1 < n && sql[i + 1] == '/') {
          --depth;
          i += 2;
        } else {
          ++i;
        }
      }
    } else if (IsIdentStart(c)) {
      // An identifier or keyword; `$` inside it (a$b) is not a placeholder.
      while (i < n && IsIdentChar(sql[i])) ++i;
    } else if (IsDigit(c)) {
      while (i < n && (IsIdentChar(sql[i]) || sql[i] == '.')) ++i;
    } else if (c == '$') {
      size_t start = i;
      size_t j = i + 1;
      if (j < n && IsDigit(sql[j])) {
        while (j < n && IsDigit(sql[j])) ++j;
        tokens.push_back({start, j, true, std::string(sql.substr(start + 1, j - start - 1))});
        i = j;
        continue;
      }
      while (j < n && IsIdentChar(sql[j]) && sql[j] != '$') ++j;
      if (j < n && sql[j] == '$') {
        // Dollar-quoted string $tag$ ... $tag$ (or $$ ... $$): skip to the closing tag.
        std::string_view tag = sql.substr(start, j - start + 1);
        size_t close = sql.find(tag, j + 1);
        i = close == std::string_view::npos ? n : close + tag.size();
        continue;
      }
      if (j > start + 1) {
        tokens.push_back({start, j, false, std::string(sql.substr(start + 1, j - start - 1))});
      }
      i = j;
    } else {
      ++i;
    }
  }
  return tokens;
}

}  // namespace

int RewrittenSql::OriginalOffset(int offset) const {
  if (offset < 0) return offset;
  int shift = 0;
  for (const auto& [rewritten_end, original_end] : edits) {
    if (rewritten_end > offset) break;
    shift = original_end - rewritten_end;
  }
  return offset + shift;
}

std::string RewrittenSql::NameOf(int number) const {
  auto it = names_by_number.find(number);
  return it == names_by_number.end() ? std::to_string(number) : it->second;
}

RewrittenSql RewriteNamedPlaceholders(std::string_view sql) {
  RewrittenSql out;
  std::vector<PlaceholderToken> tokens = ScanPlaceholders(sql);
  // Named placeholders are numbered after the largest positional one written.
  int next_number = 1;
  for (const PlaceholderToken& token : tokens) {
    if (!token.positional || token.name.size() > 9) continue;
    int number = std::stoi(token.name);
    out.names_by_number[number] = token.name;
    next_number = std::max(next_number, number + 1);
  }
  std::map<std::string, int> number_by_name;
  size_t copied = 0;
  for (const PlaceholderToken& token : tokens) {
    if (token.positional) continue;
    auto [it, inserted] = number_by_name.emplace(token.name, next_number);
    if (inserted) {
      out.names_by_number[next_number] = token.name;
      ++next_number;
    }
    out.text.append(sql.substr(copied, token.begin - copied));
    out.text += "$" + std::to_string(it->second);
    copied = token.end;
    out.edits.emplace_back(static_cast<int>(out.text.size()), static_cast<int>(token.end));
  }
  out.text.append(sql.substr(copied));
  return out;
}

}  // namespace quiver::sql
