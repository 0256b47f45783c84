#include <algorithm>
#include <set>

#include "plan/optimizer.h"

namespace quiver {

namespace {

using Kind = LogicalPlan::Kind;

// A pruned plan: `plan` produces a subset of the original node's columns; mapping[i] is
// the new index of the original output column i, or -1 if it was dropped.
struct Pruned {
  LogicalPlanPtr plan;
  std::vector<int> mapping;
};

void AddColumns(const ExprPtr& e, std::set<int>* out) {
  if (!e) return;
  std::vector<int> columns;
  e->CollectColumns(&columns);
  out->insert(columns.begin(), columns.end());
}

std::vector<int> IdentityMapping(int n) {
  std::vector<int> mapping(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) mapping[i] = i;
  return mapping;
}

Result<Pruned> Prune(const LogicalPlanPtr& plan, const std::set<int>& required);

// Prunes an input to exactly `required` in increasing order (a Project is added when the
// pruned input carries extra columns), so the caller can rely on positions.
Result<Pruned> PruneExactly(const LogicalPlanPtr& plan, const std::set<int>& required) {
  ASSIGN_OR_RETURN(Pruned pruned, Prune(plan, required));
  int expected = static_cast<int>(required.size());
  bool exact = pruned.plan->schema()->num_fields() == expected;
  int position = 0;
  for (int c : required) exact &= pruned.mapping[c] == position++;
  if (exact) return pruned;
  std::vector<ExprPtr> exprs;
  std::vector<std::string> names;
  std::vector<int> mapping(plan->schema()->num_fields(), -1);
  position = 0;
  for (int c : required) {
    const Field& field = pruned.plan->schema()->field(pruned.mapping[c]);
    exprs.push_back(Expr::Column(pruned.mapping[c], field.name(), field.type()));
    names.push_back(field.name());
    mapping[c] = position++;
  }
  return Pruned{LogicalPlan::Project(pruned.plan, std::move(exprs), std::move(names)), mapping};
}

Result<Pruned> Prune(const LogicalPlanPtr& plan, const std::set<int>& required) {
  const int width = plan->schema()->num_fields();
  switch (plan->kind()) {
    case Kind::kScan: {
      ScanSpec spec = plan->scan();
      std::vector<int> projection;
      std::vector<int> mapping(width, -1);
      for (int c : required) {
        mapping[c] = static_cast<int>(projection.size());
        projection.push_back(spec.projection[c]);
      }
      spec.projection = std::move(projection);
      return Pruned{LogicalPlan::Scan(std::move(spec)), mapping};
    }
    case Kind::kFilter: {
      std::set<int> needed = required;
      AddColumns(plan->predicate(), &needed);
      ASSIGN_OR_RETURN(Pruned input, Prune(plan->input(), needed));
      return Pruned{LogicalPlan::Filter(input.plan, RemapColumns(plan->predicate(), input.mapping)),
                    input.mapping};
    }
    case Kind::kSort: {
      std::set<int> needed = required;
      for (const SortKey& key : plan->sort_keys()) AddColumns(key.expr, &needed);
      ASSIGN_OR_RETURN(Pruned input, Prune(plan->input(), needed));
      std::vector<SortKey> keys = plan->sort_keys();
      for (SortKey& key : keys) key.expr = RemapColumns(key.expr, input.mapping);
      return Pruned{LogicalPlan::Sort(input.plan, std::move(keys), plan->fetch()), input.mapping};
    }
    case Kind::kLimit: {
      ASSIGN_OR_RETURN(Pruned input, Prune(plan->input(), required));
      return Pruned{plan->WithInputs({input.plan}), input.mapping};
    }
    case Kind::kProject: {
      std::vector<ExprPtr> exprs;
      std::vector<std::string> names;
      std::vector<int> mapping(width, -1);
      std::set<int> needed;
      for (int c : required) {
        mapping[c] = static_cast<int>(exprs.size());
        exprs.push_back(plan->exprs()[c]);
        names.push_back(plan->schema()->field(c).name());
        AddColumns(exprs.back(), &needed);
      }
      ASSIGN_OR_RETURN(Pruned input, Prune(plan->input(), needed));
      for (ExprPtr& e : exprs) e = RemapColumns(e, input.mapping);
      return Pruned{LogicalPlan::Project(input.plan, std::move(exprs), std::move(names)), mapping};
    }
    case Kind::kAggregate: {
      const size_t groups = plan->exprs().size();
      std::set<int> needed;
      for (const ExprPtr& e : plan->exprs()) AddColumns(e, &needed);
      std::vector<AggregateCall> aggregates;
      std::vector<std::string> aggregate_names;
      std::vector<int> mapping(width, -1);
      for (size_t g = 0; g < groups; ++g) mapping[g] = static_cast<int>(g);
      for (size_t a = 0; a < plan->aggregates().size(); ++a) {
        int column = static_cast<int>(groups + a);
        if (!required.count(column)) continue;
        const AggregateCall& call = plan->aggregates()[a];
        for (const ExprPtr& arg : call.args) AddColumns(arg, &needed);
        AddColumns(call.filter, &needed);
        mapping[column] = static_cast<int>(groups + aggregates.size());
        aggregates.push_back(call);
        aggregate_names.push_back(plan->schema()->field(column).name());
      }
      ASSIGN_OR_RETURN(Pruned input, Prune(plan->input(), needed));
      std::vector<ExprPtr> group_exprs;
      std::vector<std::string> group_names;
      for (size_t g = 0; g < groups; ++g) {
        group_exprs.push_back(RemapColumns(plan->exprs()[g], input.mapping));
        group_names.push_back(plan->schema()->field(static_cast<int>(g)).name());
      }
      for (AggregateCall& call : aggregates) {
        for (ExprPtr& arg : call.args) arg = RemapColumns(arg, input.mapping);
        if (call.filter) call.filter = RemapColumns(call.filter, input.mapping);
      }
      return Pruned{LogicalPlan::Aggregate(input.plan, std::move(group_exprs), std::move(group_names),
                                           std::move(aggregates), std::move(aggregate_names)),
                    mapping};
    }
    case Kind::kUnionAll: {
      std::vector<LogicalPlanPtr> inputs;
      for (const LogicalPlanPtr& input : plan->inputs()) {
        ASSIGN_OR_RETURN(Pruned pruned, PruneExactly(input, required));
        inputs.push_back(pruned.plan);
      }
      std::vector<int> mapping(width, -1);
      int position = 0;
      for (int c : required) mapping[c] = position++;
      return Pruned{LogicalPlan::UnionAll(std::move(inputs)), mapping};
    }
    default: {
      // Distinct, Values, Empty: every column matters (or there is nothing to prune).
      std::set<int> all;
      for (int i = 0; i < width; ++i) all.insert(i);
      std::vector<LogicalPlanPtr> inputs;
      for (const LogicalPlanPtr& input : plan->inputs()) {
        std::set<int> input_all;
        for (int i = 0; i < input->schema()->num_fields(); ++i) input_all.insert(i);
        ASSIGN_OR_RETURN(Pruned pruned, PruneExactly(input, input_all));
        inputs.push_back(pruned.plan);
      }
      return Pruned{inputs.empty() ? plan : plan->WithInputs(std::move(inputs)), IdentityMapping(width)};
    }
  }
}

}  // namespace

Result<LogicalPlanPtr> PushDownProjection(const LogicalPlanPtr& plan) {
  std::set<int> all;
  for (int i = 0; i < plan->schema()->num_fields(); ++i) all.insert(i);
  ASSIGN_OR_RETURN(Pruned pruned, PruneExactly(plan, all));
  return pruned.plan;
}

}  // namespace quiver
