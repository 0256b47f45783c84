#pragma once

// PostgreSQL's grammar knows only positional placeholders ($1, $2, ...), while
// InfluxDB 3 / DataFusion queries use named ones ($host). Before parsing, every `$name`
// token outside string literals, quoted identifiers, comments and dollar-quoted strings
// is replaced by a positional placeholder; the parser maps the numbers back to the names.
// Only the placeholder token is rewritten: values are bound later, as literals.

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quiver::sql {

struct RewrittenSql {
  std::string text;  // what libpg_query parses
  // Placeholder number -> name ("host" for a rewritten $host, "2" for a written $2).
  std::map<int, std::string> names_by_number;
  // (offset in `text`, offset in the original) at the end of each rewritten token,
  // ascending. Offsets between edits shift by the same amount.
  std::vector<std::pair<int, int>> edits;

  // Maps a byte offset in `text` back to the original SQL (-1 stays -1).
  int OriginalOffset(int offset) const;
  // The name of placeholder `number` (its decimal text if unknown).
  std::string NameOf(int number) const;
};

RewrittenSql RewriteNamedPlaceholders(std::string_view sql);

}  // namespace quiver::sql
