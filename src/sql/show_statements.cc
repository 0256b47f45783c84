// SHOW statements, planned as queries over information_schema (as DataFusion does):
//   SHOW TABLES          SELECT table_catalog, table_schema, table_name, table_type
//                        FROM information_schema.tables
//                        ORDER BY table_catalog, table_schema, table_name
//   SHOW COLUMNS FROM t  SELECT table_catalog, table_schema, table_name, column_name,
//                               data_type, is_nullable
//                        FROM information_schema.columns
//                        WHERE table_catalog = 'public' AND table_schema = 'iox'
//                          AND table_name = 't'
//                        ORDER BY ordinal_position
//                        (FULL / EXTENDED: every column of information_schema.columns)
//   SHOW ALL             SELECT name, value FROM information_schema.df_settings ORDER BY name
//   SHOW x               ... WHERE name = 'x'

#include "sql/binder_internal.h"
#include "sql/information_schema.h"

namespace quiver::sql {

namespace {

std::unique_ptr<QueryNode> SelectFromInformationSchema(const std::string& table,
                                                       const std::vector<std::string>& columns) {
  auto query = std::make_unique<QueryNode>();
  query->type = QueryNode::Type::kSelect;
  for (const std::string& column : columns) {
    SelectItem item;
    item.expr = ParsedExpr::MakeColumnRef({column});
    query->select_list.push_back(std::move(item));
  }
  query->from = std::make_unique<TableRefNode>();
  query->from->type = TableRefNode::Type::kBaseTable;
  query->from->schema = std::string(kInformationSchemaName);
  query->from->name = table;
  return query;
}

ParsedExprPtr ColumnEquals(const std::string& column, const std::string& value) {
  std::vector<ParsedExprPtr> operands;
  operands.push_back(ParsedExpr::MakeColumnRef({column}));
  operands.push_back(ParsedExpr::MakeConstant(Scalar::Utf8(value)));
  return ParsedExpr::MakeOperator(OperatorType::kEq, std::move(operands));
}

ParsedExprPtr And(ParsedExprPtr a, ParsedExprPtr b) {
  std::vector<ParsedExprPtr> operands;
  operands.push_back(std::move(a));
  operands.push_back(std::move(b));
  return ParsedExpr::MakeOperator(OperatorType::kAnd, std::move(operands));
}

void OrderBy(QueryNode* query, const std::vector<std::string>& columns) {
  for (const std::string& column : columns) {
    OrderByItem item;
    item.expr = ParsedExpr::MakeColumnRef({column});
    query->order_by.push_back(std::move(item));
  }
}

}  // namespace

Result<LogicalPlanPtr> Binder::BindShow(const Statement& statement) {
  std::unique_ptr<QueryNode> query;
  switch (statement.type) {
    case Statement::Type::kShowTables: {
      query = SelectFromInformationSchema("tables", {"table_catalog", "table_schema", "table_name", "table_type"});
      OrderBy(query.get(), {"table_catalog", "table_schema", "table_name"});
      break;
    }
    case Statement::Type::kShowColumns: {
      const std::vector<std::string>& parts = statement.table_name;
      std::string name = parts.back();
      std::string schema = parts.size() >= 2 ? parts[parts.size() - 2] : "";
      std::string catalog = parts.size() == 3 ? parts[0] : "";
      // The table must exist (the same error as a query naming it).
      RETURN_NOT_OK(ResolveTable(catalog, schema, name, statement.location).status());
      if (schema.empty()) schema = std::string(kUserTableSchemaName);
      std::vector<std::string> columns;
      if (statement.full) {
        for (const Field& field : InformationSchemaColumnsSchema()->fields()) columns.push_back(field.name());
      } else {
        columns = {"table_catalog", "table_schema", "table_name", "column_name", "data_type", "is_nullable"};
      }
      query = SelectFromInformationSchema("columns", columns);
      query->where = And(And(ColumnEquals("table_catalog", std::string(kDefaultCatalogName)),
                             ColumnEquals("table_schema", schema)),
                         ColumnEquals("table_name", name));
      OrderBy(query.get(), {"ordinal_position"});
      break;
    }
    case Statement::Type::kShowVariable: {
      query = SelectFromInformationSchema("df_settings", {"name", "value"});
      if (statement.variable != "all") {
        std::string variable = statement.variable;
        if (variable == "timezone" || variable == "time.zone") variable = "datafusion.execution.time_zone";
        query->where = ColumnEquals("name", variable);
      }
      OrderBy(query.get(), {"name"});
      break;
    }
    default: return Status::Internal("not a SHOW statement");
  }
  return BindQuery(*query);
}

}  // namespace quiver::sql
