#include "sql/sql_planner.h"

#include "sql/binder_internal.h"
#include "sql/parser.h"

namespace quiver {

Result<BoundStatement> PlanSql(std::string_view sql, const SchemaProvider& schemas,
                               const std::map<std::string, Scalar>& params) {
  ASSIGN_OR_RETURN(sql::Statement statement, sql::ParseSql(sql));
  sql::Binder binder(sql, schemas, params);
  return binder.BindStatement(statement);
}

}  // namespace quiver
