#include <string>

#include "sql/transformer_internal.h"

namespace quiver::sql {

Result<std::unique_ptr<TableRefNode>> Transformer::TransformTableRef(const PgQuery__Node* node) {
  auto ref = std::make_unique<TableRefNode>();
  // AS alias (column aliases).
  auto transform_alias = [&](const PgQuery__Alias* alias) -> Status {
    if (alias == nullptr) return Status::OK();
    ref->alias = Identifier(alias->aliasname);
    for (size_t i = 0; i < alias->n_colnames; ++i) {
      const char* name = StringValue(alias->colnames[i]);
      if (name == nullptr) return Status::InvalidArgument("invalid column alias");
      ref->column_aliases.push_back(Identifier(name));
    }
    return Status::OK();
  };
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_RANGE_VAR: {
      const PgQuery__RangeVar& var = *node->range_var;
      ref->type = TableRefNode::Type::kBaseTable;
      ref->catalog = Identifier(var.catalogname);
      ref->schema = Identifier(var.schemaname);
      ref->name = Identifier(var.relname);
      ref->location = Loc(var.location);
      if (!transform_alias(var.alias).ok()) return SyntaxError("invalid table alias", var.location);
      return ref;
    }
    case PG_QUERY__NODE__NODE_RANGE_SUBSELECT: {
      const PgQuery__RangeSubselect& sub = *node->range_subselect;
      if (sub.lateral) return Unsupported("LATERAL subqueries", -1);
      if (sub.subquery == nullptr || sub.subquery->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
        return Unsupported("this kind of subquery in FROM", -1);
      }
      ref->type = TableRefNode::Type::kSubquery;
      ASSIGN_OR_RETURN(ref->subquery, TransformSelect(*sub.subquery->select_stmt));
      ref->location = ref->subquery->location;
      if (!transform_alias(sub.alias).ok()) return SyntaxError("invalid subquery alias", -1);
      return ref;
    }
    case PG_QUERY__NODE__NODE_JOIN_EXPR: return Unsupported("joins", -1);
    case PG_QUERY__NODE__NODE_RANGE_FUNCTION: return Unsupported("table functions in FROM", -1);
    case PG_QUERY__NODE__NODE_RANGE_TABLE_SAMPLE:
      return Unsupported("TABLESAMPLE", node->range_table_sample->location);
    default: return Unsupported("this kind of FROM item", -1);
  }
}

}  // namespace quiver::sql
