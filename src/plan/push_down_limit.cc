#include "plan/optimizer.h"

namespace quiver {

namespace {

using Kind = LogicalPlan::Kind;

// Applies "at most `needed` rows are consumed from `plan`" below it where that is safe.
Result<LogicalPlanPtr> Push(const LogicalPlanPtr& plan, std::optional<int64_t> needed);

Result<LogicalPlanPtr> PushChildren(const LogicalPlanPtr& plan) {
  std::vector<LogicalPlanPtr> inputs;
  for (const LogicalPlanPtr& input : plan->inputs()) {
    ASSIGN_OR_RETURN(LogicalPlanPtr pushed, Push(input, std::nullopt));
    inputs.push_back(std::move(pushed));
  }
  return inputs.empty() ? plan : plan->WithInputs(std::move(inputs));
}

Result<LogicalPlanPtr> Push(const LogicalPlanPtr& plan, std::optional<int64_t> needed) {
  switch (plan->kind()) {
    case Kind::kLimit: {
      std::optional<int64_t> below;
      if (plan->fetch()) below = plan->offset() + *plan->fetch();
      if (needed && below) below = std::min(*below, plan->offset() + *needed);
      else if (needed) below = plan->offset() + *needed;
      ASSIGN_OR_RETURN(LogicalPlanPtr input, Push(plan->input(), below));
      return plan->WithInputs({input});
    }
    case Kind::kSort: {
      ASSIGN_OR_RETURN(LogicalPlanPtr input, Push(plan->input(), std::nullopt));
      std::optional<int64_t> fetch = plan->fetch();
      if (needed && (!fetch || *needed < *fetch)) fetch = needed;
      return LogicalPlan::Sort(input, plan->sort_keys(), fetch);
    }
    case Kind::kProject: {
      ASSIGN_OR_RETURN(LogicalPlanPtr input, Push(plan->input(), needed));
      return plan->WithInputs({input});
    }
    case Kind::kUnionAll: {
      std::vector<LogicalPlanPtr> inputs;
      for (const LogicalPlanPtr& input : plan->inputs()) {
        ASSIGN_OR_RETURN(LogicalPlanPtr pushed, Push(input, needed));
        inputs.push_back(std::move(pushed));
      }
      return plan->WithInputs(std::move(inputs));
    }
    case Kind::kScan: {
      if (!needed || !plan->scan().filters.empty()) return plan;
      ScanSpec spec = plan->scan();
      if (!spec.limit || *needed < *spec.limit) spec.limit = needed;
      return LogicalPlan::Scan(std::move(spec));
    }
    default: return PushChildren(plan);
  }
}

}  // namespace

Result<LogicalPlanPtr> PushDownLimit(const LogicalPlanPtr& plan) { return Push(plan, std::nullopt); }

}  // namespace quiver
