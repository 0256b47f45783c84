#include "plan/optimizer.h"

namespace quiver {

namespace {

bool IsIdentityProjection(const LogicalPlan& node) {
  const SchemaPtr& in = node.input()->schema();
  if (static_cast<int>(node.exprs().size()) != in->num_fields()) return false;
  for (size_t i = 0; i < node.exprs().size(); ++i) {
    const ExprPtr& e = node.exprs()[i];
    if (!e->is_column() || e->column_index() != static_cast<int>(i)) return false;
    if (node.schema()->field(static_cast<int>(i)).name() != in->field(static_cast<int>(i)).name()) return false;
  }
  return true;
}

}  // namespace

Result<LogicalPlanPtr> EliminateNoOps(const LogicalPlanPtr& plan) {
  std::vector<LogicalPlanPtr> inputs;
  for (const LogicalPlanPtr& input : plan->inputs()) {
    ASSIGN_OR_RETURN(LogicalPlanPtr simplified, EliminateNoOps(input));
    inputs.push_back(std::move(simplified));
  }
  LogicalPlanPtr node = inputs.empty() ? plan : plan->WithInputs(std::move(inputs));
  switch (node->kind()) {
    case LogicalPlan::Kind::kProject:
      if (IsIdentityProjection(*node)) return node->input();
      break;
    case LogicalPlan::Kind::kLimit:
      if (node->offset() == 0 && !node->fetch()) return node->input();
      if (node->fetch() && *node->fetch() == 0) return LogicalPlan::Empty(node->schema());
      break;
    case LogicalPlan::Kind::kSort:
      if (node->sort_keys().empty() && !node->fetch()) return node->input();
      break;
    default: break;
  }
  return node;
}

}  // namespace quiver
