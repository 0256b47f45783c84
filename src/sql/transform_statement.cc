#include <cctype>
#include <cstring>
#include <string>

#include "sql/sql_error.h"
#include "sql/transformer_internal.h"

namespace quiver::sql {

const char* StringValue(const PgQuery__Node* node) {
  if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_STRING || node->string == nullptr) return nullptr;
  return node->string->sval;
}

Status Transformer::Unsupported(std::string_view feature, int32_t location) const {
  return NotImplementedError(feature, sql_, Loc(location));
}

Status Transformer::SyntaxError(std::string_view message, int32_t location) const {
  return ParserError(message, sql_, Loc(location));
}

namespace {

// The statement's first word, upper-cased ("INSERT"), for "unsupported statement" errors.
std::string LeadingKeyword(std::string_view sql, int offset) {
  size_t i = offset < 0 ? 0 : static_cast<size_t>(offset);
  while (i < sql.size() && !std::isalpha(static_cast<unsigned char>(sql[i]))) ++i;
  std::string word;
  while (i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i]))) {
    word.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i]))));
    ++i;
  }
  return word.empty() ? "statement" : word;
}

// EXPLAIN options: ANALYZE and VERBOSE, with an optional boolean argument.
bool OptionEnabled(const PgQuery__DefElem& option) {
  if (option.arg == nullptr) return true;
  if (option.arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN) return option.arg->boolean->boolval;
  if (const char* text = StringValue(option.arg)) {
    return std::strcmp(text, "false") != 0 && std::strcmp(text, "off") != 0 && std::strcmp(text, "0") != 0;
  }
  if (option.arg->node_case == PG_QUERY__NODE__NODE_INTEGER) return option.arg->integer->ival != 0;
  return true;
}

}  // namespace

Result<Statement> Transformer::TransformStatement(const PgQuery__RawStmt& raw) {
  const PgQuery__Node* node = raw.stmt;
  Statement statement;
  statement.location = Loc(raw.stmt_location);
  if (node == nullptr) return PlanningError("No SQL statements were provided in the query string");
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_SELECT_STMT: {
      statement.type = Statement::Type::kQuery;
      ASSIGN_OR_RETURN(statement.query, TransformSelect(*node->select_stmt));
      return statement;
    }
    case PG_QUERY__NODE__NODE_EXPLAIN_STMT: {
      const PgQuery__ExplainStmt& explain = *node->explain_stmt;
      statement.type = Statement::Type::kExplain;
      for (size_t i = 0; i < explain.n_options; ++i) {
        const PgQuery__Node* option_node = explain.options[i];
        if (option_node->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
        const PgQuery__DefElem& option = *option_node->def_elem;
        std::string name = option.defname != nullptr ? option.defname : "";
        if (name == "analyze") {
          statement.analyze = OptionEnabled(option);
        } else if (name == "verbose") {
          statement.verbose = OptionEnabled(option);
        } else {
          return Unsupported("EXPLAIN option " + name, option.location);
        }
      }
      if (explain.query == nullptr || explain.query->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
        return Unsupported("EXPLAIN of a statement that is not a query", raw.stmt_location);
      }
      ASSIGN_OR_RETURN(statement.query, TransformSelect(*explain.query->select_stmt));
      return statement;
    }
    case PG_QUERY__NODE__NODE_VARIABLE_SHOW_STMT: {
      std::string name = node->variable_show_stmt->name != nullptr ? node->variable_show_stmt->name : "";
      if (name == "tables") {
        statement.type = Statement::Type::kShowTables;
      } else {
        statement.type = Statement::Type::kShowVariable;
        statement.variable = name;
      }
      return statement;
    }
    default:
      return PlanningError("Unsupported SQL statement: " + LeadingKeyword(sql_, statement.location) +
                               " (supported: SELECT, WITH, VALUES, EXPLAIN, SHOW TABLES, SHOW COLUMNS)",
                           sql_, statement.location);
  }
}

}  // namespace quiver::sql
