#include "sql/long_identifiers_internal.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <cstring>

namespace quiver::sql {

namespace {

// PostgreSQL truncates to at most 63 bytes, at a character boundary (so possibly fewer).
constexpr size_t kMaxIdentifierBytes = 63;
constexpr size_t kMinTruncatedBytes = kMaxIdentifierBytes - 3;

// The identifier a token spells: "quoted" names unescaped, plain names lower-cased (ASCII
// only, as PostgreSQL does for UTF-8).
std::string IdentifierText(std::string_view token) {
  std::string out;
  if (!token.empty() && token.front() == '"') {
    for (size_t i = 1; i + 1 < token.size(); ++i) {
      out.push_back(token[i]);
      if (token[i] == '"') ++i;  // "" -> "
    }
    return out;
  }
  for (char c : token) out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  return out;
}

}  // namespace

void LongIdentifiers::Scan() {
  scanned_ = true;
  std::string text(text_);
  PgQueryScanResult result = pg_query_scan(text.c_str());
  if (result.error == nullptr) {
    PgQuery__ScanResult* scan = pg_query__scan_result__unpack(nullptr, result.pbuf.len,
                                                              reinterpret_cast<const uint8_t*>(result.pbuf.data));
    if (scan != nullptr) {
      for (size_t i = 0; i < scan->n_tokens; ++i) {
        const PgQuery__ScanToken& token = *scan->tokens[i];
        if (token.token != PG_QUERY__TOKEN__IDENT || token.start < 0 || token.end > static_cast<int>(text.size())) {
          continue;
        }
        std::string identifier = IdentifierText(std::string_view(text).substr(token.start, token.end - token.start));
        if (identifier.size() > kMaxIdentifierBytes) long_identifiers_.push_back(std::move(identifier));
      }
      pg_query__scan_result__free_unpacked(scan, nullptr);
    }
  }
  pg_query_free_scan_result(result);
}

std::string LongIdentifiers::Restore(const char* name) {
  size_t length = std::strlen(name);
  if (length < kMinTruncatedBytes || length > kMaxIdentifierBytes) return name;
  if (!scanned_) Scan();
  const std::string* match = nullptr;
  for (const std::string& identifier : long_identifiers_) {
    if (identifier.compare(0, length, name) != 0) continue;
    if (match != nullptr && *match != identifier) return name;  // ambiguous: keep the truncated form
    match = &identifier;
  }
  return match != nullptr ? *match : std::string(name);
}

}  // namespace quiver::sql
