#include "sql/binder_internal.h"
#include "sql/sql_error.h"

namespace quiver::sql {

Status Binder::PlanError(std::string_view message, int location) const {
  return PlanningError(message, sql_, location);
}

Status Binder::NotImplemented(std::string_view message, int location) const {
  return NotImplementedError(message, sql_, location);
}

Status Binder::SchemaError(std::string_view message, int location) const {
  return Status::InvalidArgument("Schema error: {}{}", message, PositionSuffix(sql_, location));
}

Status Binder::Rewrap(const Status& status, int location) const {
  switch (status.code()) {
    case StatusCode::kNotImplemented: return NotImplementedError(status.message(), sql_, location);
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
    case StatusCode::kOutOfRange: return PlanningError(status.message(), sql_, location);
    default: return status;
  }
}

const ParsedExpr* Binder::Own(ParsedExprPtr expr) {
  owned_.push_back(std::move(expr));
  return owned_.back().get();
}

Result<BoundStatement> Binder::BindStatement(const Statement& statement) {
  BoundStatement bound;
  switch (statement.type) {
    case Statement::Type::kQuery: {
      ASSIGN_OR_RETURN(bound.plan, BindQuery(*statement.query));
      return bound;
    }
    case Statement::Type::kExplain: {
      bound.kind = statement.analyze ? BoundStatement::Kind::kExplainAnalyze : BoundStatement::Kind::kExplain;
      bound.verbose = statement.verbose;
      ASSIGN_OR_RETURN(bound.plan, BindQuery(*statement.query));
      return bound;
    }
    case Statement::Type::kShowTables:
    case Statement::Type::kShowColumns:
    case Statement::Type::kShowVariable: {
      ASSIGN_OR_RETURN(bound.plan, BindShow(statement));
      return bound;
    }
  }
  return Status::Internal("unknown statement type");
}

}  // namespace quiver::sql
