#include <cctype>
#include <string>
#include <vector>

#include "sql/show_columns_parser_internal.h"
#include "sql/sql_error.h"

namespace quiver::sql {

namespace {

struct Token {
  enum class Kind { kWord, kQuoted, kDot, kSemicolon, kOther, kEnd };
  Kind kind = Kind::kEnd;
  std::string text;  // kWord: lower-cased; kQuoted: unescaped
  int offset = 0;
};

// A tiny lexer for the SHOW COLUMNS statement: words, "quoted identifiers", '.', ';',
// whitespace and comments.
class ShowLexer {
 public:
  explicit ShowLexer(std::string_view sql) : sql_(sql) {}

  Result<Token> Next() {
    SkipSpaceAndComments();
    Token token;
    token.offset = static_cast<int>(pos_);
    if (pos_ >= sql_.size()) return token;
    char c = sql_[pos_];
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80) {
      token.kind = Token::Kind::kWord;
      while (pos_ < sql_.size() && (std::isalnum(static_cast<unsigned char>(sql_[pos_])) || sql_[pos_] == '_' ||
                                    sql_[pos_] == '$' || static_cast<unsigned char>(sql_[pos_]) >= 0x80)) {
        token.text.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(sql_[pos_]))));
        ++pos_;
      }
      return token;
    }
    if (c == '"') {
      token.kind = Token::Kind::kQuoted;
      ++pos_;
      while (true) {
        if (pos_ >= sql_.size()) {
          return ParserError("unterminated quoted identifier", sql_, token.offset);
        }
        if (sql_[pos_] == '"') {
          if (pos_ + 1 < sql_.size() && sql_[pos_ + 1] == '"') {
            token.text.push_back('"');
            pos_ += 2;
            continue;
          }
          ++pos_;
          break;
        }
        token.text.push_back(sql_[pos_++]);
      }
      if (token.text.empty()) return ParserError("zero-length delimited identifier", sql_, token.offset);
      return token;
    }
    ++pos_;
    token.text = std::string(1, c);
    token.kind = c == '.' ? Token::Kind::kDot : c == ';' ? Token::Kind::kSemicolon : Token::Kind::kOther;
    return token;
  }

 private:
  void SkipSpaceAndComments() {
    while (pos_ < sql_.size()) {
      if (std::isspace(static_cast<unsigned char>(sql_[pos_]))) {
        ++pos_;
      } else if (sql_.substr(pos_, 2) == "--") {
        while (pos_ < sql_.size() && sql_[pos_] != '\n') ++pos_;
      } else if (sql_.substr(pos_, 2) == "/*") {
        size_t end = sql_.find("*/", pos_ + 2);
        pos_ = end == std::string_view::npos ? sql_.size() : end + 2;
      } else {
        break;
      }
    }
  }

  std::string_view sql_;
  size_t pos_ = 0;
};

std::string Describe(const Token& token) {
  if (token.kind == Token::Kind::kEnd) return "end of input";
  if (token.kind == Token::Kind::kQuoted) return "\"" + token.text + "\"";
  return token.text;
}

// Parses what follows SHOW ... COLUMNS.
Result<Statement> ParseShowColumnsTarget(std::string_view sql, ShowLexer* lexer, Statement statement) {
  auto expected = [&](std::string_view what, const Token& found) -> Status {
    return ParserError("Expected: " + std::string(what) + ", found: " + Describe(found), sql, found.offset);
  };
  ASSIGN_OR_RETURN(Token token, lexer->Next());
  if (token.kind != Token::Kind::kWord || (token.text != "from" && token.text != "in")) {
    return expected("FROM or IN", token);
  }
  while (true) {
    ASSIGN_OR_RETURN(token, lexer->Next());
    if (token.kind != Token::Kind::kWord && token.kind != Token::Kind::kQuoted) {
      return expected("identifier", token);
    }
    statement.table_name.push_back(token.text);
    ASSIGN_OR_RETURN(token, lexer->Next());
    if (token.kind != Token::Kind::kDot) break;
  }
  if (statement.table_name.size() > 3) {
    return ParserError("table name has more than 3 parts", sql, statement.location);
  }
  if (token.kind == Token::Kind::kSemicolon) {
    ASSIGN_OR_RETURN(token, lexer->Next());
  }
  if (token.kind != Token::Kind::kEnd) return expected("end of statement", token);
  return statement;
}

}  // namespace

std::optional<Result<Statement>> ParseShowColumns(std::string_view sql) {
  ShowLexer lexer(sql);
  // Recognise the prefix without reporting errors: anything else is for libpg_query.
  Result<Token> first = lexer.Next();
  if (!first.ok() || first->kind != Token::Kind::kWord || first->text != "show") return std::nullopt;
  Statement statement;
  statement.type = Statement::Type::kShowColumns;
  statement.location = first->offset;
  while (true) {
    Result<Token> token = lexer.Next();
    if (!token.ok() || token->kind != Token::Kind::kWord) return std::nullopt;
    if (token->text == "extended" || token->text == "full") {
      statement.full = true;
      continue;
    }
    if (token->text != "columns") return std::nullopt;
    break;
  }
  return ParseShowColumnsTarget(sql, &lexer, std::move(statement));
}

}  // namespace quiver::sql
