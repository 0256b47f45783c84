#include <algorithm>
#include <limits>
#include <set>

#include "plan/optimizer.h"

namespace quiver {

namespace {

using Kind = LogicalPlan::Kind;

// The column a comparison operand refers to, looking through casts (a tag compared as
// Utf8 is CAST(tag AS Utf8)). -1 if the operand is not a (cast) column.
int ColumnOf(const ExprPtr& e) {
  if (e->is_column()) return e->column_index();
  if (e->kind() == Expr::Kind::kCast && e->args()[0]->is_column()) return e->args()[0]->column_index();
  return -1;
}

// Tightens `range` with one conjunct of the form `time <op> literal` (either side).
void ApplyTimeBound(const ExprPtr& conjunct, int time_column, TimeRange* range) {
  if (conjunct->kind() != Expr::Kind::kCall || conjunct->args().size() != 2) return;
  std::string op = conjunct->function_name();
  ExprPtr left = conjunct->args()[0], right = conjunct->args()[1];
  if (ColumnOf(right) == time_column && right->is_column() && left->is_literal()) {
    std::swap(left, right);
    if (op == "lt") op = "gt";
    else if (op == "lt_eq") op = "gt_eq";
    else if (op == "gt") op = "lt";
    else if (op == "gt_eq") op = "lt_eq";
  }
  if (!(left->is_column() && left->column_index() == time_column && right->is_literal())) return;
  const Scalar& value = right->literal();
  if (value.is_null() || value.type().id() != TypeId::kTimestamp) return;
  int64_t t = value.int64_value() * TimeUnitNanos(value.type().unit());
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  if (op == "gt_eq") range->min = std::max(range->min, t);
  else if (op == "gt") range->min = std::max(range->min, t == kMax ? kMax : t + 1);
  else if (op == "lt_eq") range->max = std::min(range->max, t);
  else if (op == "lt") range->max = std::min(range->max, t == kMin ? kMin : t - 1);
  else if (op == "eq") *range = range->Intersect(TimeRange::Point(t));
}

bool StringLiteral(const ExprPtr& e, std::string* out) {
  if (!e->is_literal() || e->literal().is_null()) return false;
  const DataType& t = e->literal().type();
  if (t.id() == TypeId::kUtf8 || (t.id() == TypeId::kDictionary && t.value_type().id() == TypeId::kUtf8)) {
    *out = e->literal().string_value();
    return true;
  }
  return false;
}

// Recognises `tag = 'v'`, `tag IN ('a', 'b')`, and ORs of equalities on one tag.
bool TagValues(const ExprPtr& e, const std::vector<ColumnRole>& roles, int* column,
               std::vector<std::string>* values) {
  if (e->kind() != Expr::Kind::kCall) return false;
  const std::string& name = e->function_name();
  if (name == "eq" && e->args().size() == 2) {
    ExprPtr a = e->args()[0], b = e->args()[1];
    if (ColumnOf(a) < 0) std::swap(a, b);
    int c = ColumnOf(a);
    std::string value;
    if (c < 0 || roles[c] != ColumnRole::kTag || !StringLiteral(b, &value)) return false;
    if (*column >= 0 && *column != c) return false;
    *column = c;
    values->push_back(std::move(value));
    return true;
  }
  if (name == "in_list" && e->args().size() >= 2) {
    int c = ColumnOf(e->args()[0]);
    if (c < 0 || roles[c] != ColumnRole::kTag || (*column >= 0 && *column != c)) return false;
    for (size_t i = 1; i < e->args().size(); ++i) {
      std::string value;
      if (!StringLiteral(e->args()[i], &value)) return false;
      values->push_back(std::move(value));
    }
    *column = c;
    return true;
  }
  if (name == "or" && e->args().size() == 2) {
    return TagValues(e->args()[0], roles, column, values) && TagValues(e->args()[1], roles, column, values);
  }
  return false;
}

// Adds conjuncts (over the scan's output columns) to a scan.
LogicalPlanPtr PushIntoScan(const LogicalPlan& scan_node, const std::vector<ExprPtr>& conjuncts) {
  ScanSpec spec = scan_node.scan();
  const std::vector<int>& projection = spec.projection;
  int time_column = spec.table.time_column();
  for (const ExprPtr& conjunct : conjuncts) {
    ExprPtr over_table = RemapColumns(conjunct, projection);
    spec.filters.push_back(over_table);
    if (time_column >= 0) ApplyTimeBound(over_table, time_column, &spec.time_range);
    int column = -1;
    std::vector<std::string> values;
    if (!spec.table.roles.empty() && TagValues(over_table, spec.table.roles, &column, &values)) {
      std::sort(values.begin(), values.end());
      values.erase(std::unique(values.begin(), values.end()), values.end());
      spec.tag_predicates.push_back(TagPredicate{column, std::move(values), false});
    }
  }
  return LogicalPlan::Scan(std::move(spec));
}

// Cheap, deterministic expressions may be duplicated into a filter below a projection.
bool Substitutable(const ExprPtr& e) {
  if (e->kind() == Expr::Kind::kCall) {
    const std::string& name = e->function_name();
    if (name == "random") return false;
  }
  for (const ExprPtr& arg : e->args()) {
    if (!Substitutable(arg)) return false;
  }
  return true;
}

Result<LogicalPlanPtr> Push(const LogicalPlanPtr& plan, std::vector<ExprPtr> pending);

// Pushes `pending` (over plan's output) as far down as possible; what cannot go lower is
// kept in a Filter above the result.
Result<LogicalPlanPtr> WrapRemaining(LogicalPlanPtr node, const std::vector<ExprPtr>& remaining) {
  if (remaining.empty()) return node;
  ASSIGN_OR_RETURN(ExprPtr predicate, JoinConjunction(remaining));
  return LogicalPlan::Filter(std::move(node), predicate);
}

Result<LogicalPlanPtr> PushChildren(const LogicalPlanPtr& plan) {
  std::vector<LogicalPlanPtr> inputs;
  for (const LogicalPlanPtr& input : plan->inputs()) {
    ASSIGN_OR_RETURN(LogicalPlanPtr pushed, Push(input, {}));
    inputs.push_back(std::move(pushed));
  }
  return inputs.empty() ? plan : plan->WithInputs(std::move(inputs));
}

Result<LogicalPlanPtr> Push(const LogicalPlanPtr& plan, std::vector<ExprPtr> pending) {
  switch (plan->kind()) {
    case Kind::kFilter: {
      SplitConjunction(plan->predicate(), &pending);
      return Push(plan->input(), std::move(pending));
    }
    case Kind::kScan:
      if (pending.empty()) return plan;
      return PushIntoScan(*plan, pending);
    case Kind::kProject: {
      std::vector<ExprPtr> below, above;
      for (const ExprPtr& conjunct : pending) {
        std::vector<int> columns;
        conjunct->CollectColumns(&columns);
        bool ok = true;
        for (int c : columns) ok &= Substitutable(plan->exprs()[c]);
        if (ok) {
          below.push_back(SubstituteColumns(conjunct, plan->exprs()));
        } else {
          above.push_back(conjunct);
        }
      }
      ASSIGN_OR_RETURN(LogicalPlanPtr input, Push(plan->input(), std::move(below)));
      return WrapRemaining(plan->WithInputs({input}), above);
    }
    case Kind::kSort:
      if (plan->fetch()) break;  // TopK: filtering first would change which rows survive
      {
        ASSIGN_OR_RETURN(LogicalPlanPtr input, Push(plan->input(), std::move(pending)));
        return plan->WithInputs({input});
      }
    case Kind::kAggregate: {
      // Conjuncts over group keys only can run before grouping.
      size_t groups = plan->exprs().size();
      std::vector<ExprPtr> below, above;
      for (const ExprPtr& conjunct : pending) {
        std::vector<int> columns;
        conjunct->CollectColumns(&columns);
        bool on_keys = !columns.empty();
        for (int c : columns) on_keys &= static_cast<size_t>(c) < groups;
        if (on_keys) {
          std::vector<ExprPtr> replacements = plan->exprs();
          below.push_back(SubstituteColumns(conjunct, replacements));
        } else {
          above.push_back(conjunct);
        }
      }
      ASSIGN_OR_RETURN(LogicalPlanPtr input, Push(plan->input(), std::move(below)));
      return WrapRemaining(plan->WithInputs({input}), above);
    }
    case Kind::kUnionAll: {
      std::vector<LogicalPlanPtr> inputs;
      for (const LogicalPlanPtr& input : plan->inputs()) {
        ASSIGN_OR_RETURN(LogicalPlanPtr pushed, Push(input, pending));
        inputs.push_back(std::move(pushed));
      }
      return plan->WithInputs(std::move(inputs));
    }
    case Kind::kEmpty: return plan;
    default: break;
  }
  ASSIGN_OR_RETURN(LogicalPlanPtr node, PushChildren(plan));
  return WrapRemaining(std::move(node), pending);
}

}  // namespace

Result<LogicalPlanPtr> PushDownFilter(const LogicalPlanPtr& plan) { return Push(plan, {}); }

}  // namespace quiver
