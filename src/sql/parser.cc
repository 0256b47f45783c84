#include "sql/parser.h"

#include <pg_query.h>

#include <optional>
#include <string>

#include "sql/named_placeholders_internal.h"
#include "sql/show_columns_parser_internal.h"
#include "sql/sql_error.h"
#include "sql/transformer_internal.h"

namespace quiver::sql {

namespace {

// Owns libpg_query's protobuf result and its unpacked tree.
class ParseTree {
 public:
  explicit ParseTree(const std::string& text) : result_(pg_query_parse_protobuf(text.c_str())) {
    if (result_.error == nullptr) {
      tree_ = pg_query__parse_result__unpack(nullptr, result_.parse_tree.len,
                                             reinterpret_cast<const uint8_t*>(result_.parse_tree.data));
    }
  }
  ~ParseTree() {
    if (tree_ != nullptr) pg_query__parse_result__free_unpacked(tree_, nullptr);
    pg_query_free_protobuf_parse_result(result_);
  }
  ParseTree(const ParseTree&) = delete;
  ParseTree& operator=(const ParseTree&) = delete;

  const PgQueryError* error() const { return result_.error; }
  const PgQuery__ParseResult* tree() const { return tree_; }

 private:
  PgQueryProtobufParseResult result_;
  PgQuery__ParseResult* tree_ = nullptr;
};

// libpg_query reports error cursors in characters (1-based), while tree locations are
// byte offsets: converts a 0-based character index into a byte offset of `text`.
int ByteOffsetOfCharacter(std::string_view text, int character) {
  int seen = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // UTF-8 continuation
    if (seen == character) return static_cast<int>(i);
    ++seen;
  }
  return static_cast<int>(text.size());
}

}  // namespace

Result<Statement> ParseSql(std::string_view sql) {
  if (std::optional<Result<Statement>> show = ParseShowColumns(sql)) return std::move(*show);

  RewrittenSql rewritten = RewriteNamedPlaceholders(sql);
  ParseTree parse(rewritten.text);
  if (const PgQueryError* error = parse.error()) {
    // cursorpos is a 1-based character position; 0 means unknown.
    int offset = error->cursorpos > 0
                     ? rewritten.OriginalOffset(ByteOffsetOfCharacter(rewritten.text, error->cursorpos - 1))
                     : -1;
    return ParserError(error->message != nullptr ? error->message : "syntax error", sql, offset);
  }
  const PgQuery__ParseResult* tree = parse.tree();
  if (tree == nullptr) return Status::Internal("libpg_query returned an unreadable parse tree");
  if (tree->n_stmts == 0) return PlanningError("No SQL statements were provided in the query string");
  if (tree->n_stmts > 1) {
    return Status::NotImplemented(
        "This feature is not implemented: The context currently only supports a single SQL statement");
  }
  Transformer transformer(sql, rewritten);
  return transformer.TransformStatement(*tree->stmts[0]);
}

}  // namespace quiver::sql
