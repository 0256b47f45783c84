#include <string>

#include "sql/transformer_internal.h"

namespace quiver::sql {

Result<std::unique_ptr<QueryNode>> Transformer::TransformSelect(const PgQuery__SelectStmt& stmt) {
  DepthGuard guard(this);
  if (guard.exceeded()) return SyntaxError("query nesting is too deep", -1);
  std::unique_ptr<QueryNode> node;
  switch (stmt.op) {
    case PG_QUERY__SET_OPERATION__SETOP_NONE:
    case PG_QUERY__SET_OPERATION__SET_OPERATION_UNDEFINED: {
      ASSIGN_OR_RETURN(node, TransformSelectCore(stmt));
      break;
    }
    case PG_QUERY__SET_OPERATION__SETOP_UNION: {
      if (stmt.larg == nullptr || stmt.rarg == nullptr) return SyntaxError("UNION without operands", -1);
      node = std::make_unique<QueryNode>();
      node->type = QueryNode::Type::kSetOperation;
      node->set_operation = stmt.all ? QueryNode::SetOperation::kUnionAll : QueryNode::SetOperation::kUnion;
      ASSIGN_OR_RETURN(node->left, TransformSelect(*stmt.larg));
      ASSIGN_OR_RETURN(node->right, TransformSelect(*stmt.rarg));
      node->location = node->left->location;
      break;
    }
    case PG_QUERY__SET_OPERATION__SETOP_INTERSECT: return Unsupported("INTERSECT", -1);
    case PG_QUERY__SET_OPERATION__SETOP_EXCEPT: return Unsupported("EXCEPT", -1);
    default: return Unsupported("set operation", -1);
  }
  RETURN_NOT_OK(TransformModifiers(stmt, node.get()));
  return node;
}

Result<std::unique_ptr<QueryNode>> Transformer::TransformSelectCore(const PgQuery__SelectStmt& stmt) {
  auto node = std::make_unique<QueryNode>();
  if (stmt.n_values_lists > 0) {
    node->type = QueryNode::Type::kValues;
    for (size_t row = 0; row < stmt.n_values_lists; ++row) {
      const PgQuery__Node* list = stmt.values_lists[row];
      if (list == nullptr || list->node_case != PG_QUERY__NODE__NODE_LIST) {
        return SyntaxError("VALUES row is not a list", -1);
      }
      ASSIGN_OR_RETURN(std::vector<ParsedExprPtr> values,
                       TransformExprList(list->list->items, list->list->n_items));
      if (row > 0 && values.size() != node->values[0].size()) {
        return SyntaxError("VALUES lists must all be the same length", -1);
      }
      node->values.push_back(std::move(values));
    }
    if (!node->values.empty() && !node->values[0].empty()) node->location = node->values[0][0]->location;
    return node;
  }

  node->type = QueryNode::Type::kSelect;
  if (stmt.into_clause != nullptr) return Unsupported("SELECT INTO", -1);
  if (stmt.n_distinct_clause > 0) {
    // DISTINCT is a list holding one empty node; DISTINCT ON (...) lists expressions.
    if (stmt.n_distinct_clause == 1 && (stmt.distinct_clause[0] == nullptr ||
                                        stmt.distinct_clause[0]->node_case == PG_QUERY__NODE__NODE__NOT_SET)) {
      node->distinct = true;
    } else {
      return Unsupported("SELECT DISTINCT ON", -1);
    }
  }
  for (size_t i = 0; i < stmt.n_target_list; ++i) {
    const PgQuery__Node* target = stmt.target_list[i];
    if (target->node_case != PG_QUERY__NODE__NODE_RES_TARGET) return SyntaxError("invalid select item", -1);
    const PgQuery__ResTarget& res = *target->res_target;
    if (res.n_indirection > 0) return Unsupported("indirection in the select list", res.location);
    SelectItem item;
    item.location = Loc(res.location);
    ASSIGN_OR_RETURN(item.expr, TransformExpr(res.val));
    if (res.name != nullptr && res.name[0] != '\0') item.alias = Identifier(res.name);
    node->select_list.push_back(std::move(item));
  }
  // A SELECT has no location of its own: use its first item's.
  if (!node->select_list.empty()) node->location = node->select_list[0].location;
  if (stmt.n_from_clause > 1) {
    return Unsupported("joins (several tables in FROM)", -1);
  }
  if (stmt.n_from_clause == 1) {
    ASSIGN_OR_RETURN(node->from, TransformTableRef(stmt.from_clause[0]));
  }
  if (stmt.where_clause != nullptr) {
    ASSIGN_OR_RETURN(node->where, TransformExpr(stmt.where_clause));
  }
  if (stmt.group_distinct) return Unsupported("GROUP BY DISTINCT", -1);
  for (size_t i = 0; i < stmt.n_group_clause; ++i) {
    const PgQuery__Node* item = stmt.group_clause[i];
    if (item->node_case == PG_QUERY__NODE__NODE_GROUPING_SET) {
      return Unsupported("GROUPING SETS, ROLLUP and CUBE", item->grouping_set->location);
    }
    ASSIGN_OR_RETURN(ParsedExprPtr expr, TransformExpr(item));
    node->group_by.push_back(std::move(expr));
  }
  if (stmt.having_clause != nullptr) {
    ASSIGN_OR_RETURN(node->having, TransformExpr(stmt.having_clause));
  }
  if (stmt.n_window_clause > 0) return Unsupported("window functions (WINDOW clause)", -1);
  return node;
}

Status Transformer::TransformModifiers(const PgQuery__SelectStmt& stmt, QueryNode* node) {
  if (stmt.with_clause != nullptr) RETURN_NOT_OK(TransformWithClause(*stmt.with_clause, node));
  if (stmt.n_locking_clause > 0) return Unsupported("locking clauses (FOR UPDATE / FOR SHARE)", -1);
  ASSIGN_OR_RETURN(node->order_by, TransformSortClause(stmt.sort_clause, stmt.n_sort_clause));
  if (stmt.limit_option == PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_WITH_TIES) {
    return Unsupported("FETCH ... WITH TIES", -1);
  }
  if (stmt.limit_count != nullptr) {
    // LIMIT ALL is a NULL constant: no limit.
    bool limit_all = stmt.limit_count->node_case == PG_QUERY__NODE__NODE_A_CONST && stmt.limit_count->a_const->isnull;
    if (!limit_all) {
      ASSIGN_OR_RETURN(node->limit, TransformExpr(stmt.limit_count));
    }
  }
  if (stmt.limit_offset != nullptr) {
    ASSIGN_OR_RETURN(node->offset, TransformExpr(stmt.limit_offset));
  }
  return Status::OK();
}

Status Transformer::TransformWithClause(const PgQuery__WithClause& with, QueryNode* node) {
  if (with.recursive) return Unsupported("recursive CTEs (WITH RECURSIVE)", with.location);
  for (size_t i = 0; i < with.n_ctes; ++i) {
    const PgQuery__Node* cte_node = with.ctes[i];
    if (cte_node->node_case != PG_QUERY__NODE__NODE_COMMON_TABLE_EXPR) return SyntaxError("invalid WITH item", with.location);
    const PgQuery__CommonTableExpr& cte = *cte_node->common_table_expr;
    if (cte.search_clause != nullptr || cte.cycle_clause != nullptr) {
      return Unsupported("SEARCH / CYCLE clauses of CTEs", cte.location);
    }
    if (cte.ctequery == nullptr || cte.ctequery->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
      return Unsupported("CTEs that are not queries", cte.location);
    }
    CommonTableExpr out;
    out.name = Identifier(cte.ctename);
    out.location = Loc(cte.location);
    for (size_t c = 0; c < cte.n_aliascolnames; ++c) {
      const char* name = StringValue(cte.aliascolnames[c]);
      if (name == nullptr) return SyntaxError("invalid CTE column name", cte.location);
      out.column_names.push_back(Identifier(name));
    }
    for (const CommonTableExpr& existing : node->ctes) {
      if (existing.name == out.name) {
        return SyntaxError("WITH query name \"" + out.name + "\" specified more than once", cte.location);
      }
    }
    ASSIGN_OR_RETURN(out.query, TransformSelect(*cte.ctequery->select_stmt));
    node->ctes.push_back(std::move(out));
  }
  return Status::OK();
}

Result<std::vector<OrderByItem>> Transformer::TransformSortClause(PgQuery__Node* const* items, size_t count) {
  std::vector<OrderByItem> out;
  for (size_t i = 0; i < count; ++i) {
    const PgQuery__Node* item = items[i];
    if (item->node_case != PG_QUERY__NODE__NODE_SORT_BY) return SyntaxError("invalid ORDER BY item", -1);
    const PgQuery__SortBy& sort = *item->sort_by;
    OrderByItem order;
    order.location = Loc(sort.location);
    switch (sort.sortby_dir) {
      case PG_QUERY__SORT_BY_DIR__SORTBY_DESC: order.descending = true; break;
      case PG_QUERY__SORT_BY_DIR__SORTBY_USING: return Unsupported("ORDER BY ... USING", sort.location);
      default: break;
    }
    switch (sort.sortby_nulls) {
      case PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST: order.nulls_first = true; break;
      case PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST: order.nulls_first = false; break;
      default: break;
    }
    ASSIGN_OR_RETURN(order.expr, TransformExpr(sort.node));
    if (order.location < 0) order.location = order.expr->location;
    out.push_back(std::move(order));
  }
  return out;
}

}  // namespace quiver::sql
