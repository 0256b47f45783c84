#pragma once

// PostgreSQL's lexer truncates identifiers to NAMEDATALEN - 1 = 63 bytes, but InfluxDB
// table, column and tag names may be longer. The transformer passes every identifier of
// the parse tree through LongIdentifiers, which recovers the full text of truncated ones
// from libpg_query's scanner tokens (scanning only when a name is long enough to have been
// truncated).

#include <string>
#include <string_view>
#include <vector>

namespace quiver::sql {

class LongIdentifiers {
 public:
  // `text` is what libpg_query parsed; it must outlive this object.
  explicit LongIdentifiers(std::string_view text) : text_(text) {}

  // The identifier `name` was truncated from (case-folded like PostgreSQL: unquoted
  // names lower-cased, quoted names unescaped), or `name` itself if it was not truncated
  // or the full form is ambiguous.
  std::string Restore(const char* name);

 private:
  void Scan();

  std::string_view text_;
  bool scanned_ = false;
  std::vector<std::string> long_identifiers_;  // full identifiers of 60 bytes or more
};

}  // namespace quiver::sql
