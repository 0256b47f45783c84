#include "plan/logical_plan.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/check.h"

namespace quiver {

std::string AggregateCall::ToString() const {
  std::string out = call.function->name + "(";
  if (distinct) out += "DISTINCT ";
  size_t value_args = call.function->ordered && !args.empty() ? args.size() - 1 : args.size();
  if (args.empty()) out += "*";
  for (size_t i = 0; i < value_args; ++i) {
    if (i > 0) out += ", ";
    out += args[i]->ToString();
  }
  if (call.function->ordered && !args.empty()) {
    out += " ORDER BY " + args.back()->ToString() + (descending ? " DESC" : "") +
           (nulls_first != descending ? (nulls_first ? " NULLS FIRST" : " NULLS LAST") : "");
  }
  out += ")";
  if (filter) out += " FILTER (WHERE " + filter->ToString() + ")";
  return out;
}

std::string SortKey::ToString() const {
  return fmt::format("{} {} NULLS {}", expr->ToString(), ascending ? "ASC" : "DESC",
                     nulls_first ? "FIRST" : "LAST");
}

const char* LogicalPlan::KindName(Kind kind) {
  switch (kind) {
    case Kind::kScan: return "TableScan";
    case Kind::kFilter: return "Filter";
    case Kind::kProject: return "Projection";
    case Kind::kAggregate: return "Aggregate";
    case Kind::kSort: return "Sort";
    case Kind::kLimit: return "Limit";
    case Kind::kDistinct: return "Distinct";
    case Kind::kValues: return "Values";
    case Kind::kUnionAll: return "UnionAll";
    case Kind::kEmpty: return "EmptyRelation";
  }
  return "?";
}

LogicalPlanPtr LogicalPlan::Scan(ScanSpec spec) {
  auto node = std::shared_ptr<LogicalPlan>(new LogicalPlan());
  node->kind_ = Kind::kScan;
  std::vector<Field> fields;
  for (int index : spec.projection) fields.push_back(spec.table.schema->field(index));
  node->schema_ = MakeSchema(std::move(fields), spec.table.schema->metadata());
  node->scan_ = std::move(spec);
  return node;
}

LogicalPlanPtr LogicalPlan::Filter(LogicalPlanPtr input, ExprPtr predicate) {
  auto node = std::shared_ptr<LogicalPlan>(new LogicalPlan());
  node->kind_ = Kind::kFilter;
  node->schema_ = input->schema();
  node->inputs_ = {std::move(input)};
  node->predicate_ = std::move(predicate);
  return node;
}

LogicalPlanPtr LogicalPlan::Project(LogicalPlanPtr input, std::vector<ExprPtr> exprs,
                                    std::vector<std::string> names) {
  DCHECK(exprs.size() == names.size());
  auto node = std::shared_ptr<LogicalPlan>(new LogicalPlan());
  node->kind_ = Kind::kProject;
  std::vector<Field> fields;
  for (size_t i = 0; i < exprs.size(); ++i) {
    // A projected input column keeps its field (metadata, nullability).
    if (exprs[i]->is_column() && exprs[i]->column_index() < input->schema()->num_fields()) {
      fields.push_back(input->schema()->field(exprs[i]->column_index()).WithName(names[i]));
    } else {
      fields.emplace_back(names[i], exprs[i]->type());
    }
  }
  node->schema_ = MakeSchema(std::move(fields));
  node->inputs_ = {std::move(input)};
  node->exprs_ = std::move(exprs);
  return node;
}

LogicalPlanPtr LogicalPlan::Aggregate(LogicalPlanPtr input, std::vector<ExprPtr> group_exprs,
                                      std::vector<std::string> group_names,
                                      std::vector<AggregateCall> aggregates,
                                      std::vector<std::string> aggregate_names) {
  auto node = std::shared_ptr<LogicalPlan>(new LogicalPlan());
  node->kind_ = Kind::kAggregate;
  std::vector<Field> fields;
  for (size_t i = 0; i < group_exprs.size(); ++i) {
    if (group_exprs[i]->is_column()) {
      fields.push_back(input->schema()->field(group_exprs[i]->column_index()).WithName(group_names[i]));
    } else {
      fields.emplace_back(group_names[i], group_exprs[i]->type());
    }
  }
  for (size_t i = 0; i < aggregates.size(); ++i) {
    fields.emplace_back(aggregate_names[i], aggregates[i].call.output_type);
  }
  node->schema_ = MakeSchema(std::move(fields));
  node->inputs_ = {std::move(input)};
  node->exprs_ = std::move(group_exprs);
  node->aggregates_ = std::move(aggregates);
  return node;
}

LogicalPlanPtr LogicalPlan::Sort(LogicalPlanPtr input, std::vector<SortKey> keys,
                                 std::optional<int64_t> fetch) {
  auto node = std::shared_ptr<LogicalPlan>(new LogicalPlan());
  node->kind_ = Kind::kSort;
  node->schema_ = input->schema();
  node->inputs_ = {std::move(input)};
  node->sort_keys_ = std::move(keys);
  node->fetch_ = fetch;
  return node;
}

LogicalPlanPtr LogicalPlan::Limit(LogicalPlanPtr input, int64_t offset, std::optional<int64_t> fetch) {
  auto node = std::shared_ptr<LogicalPlan>(new LogicalPlan());
  node->kind_ = Kind::kLimit;
  node->schema_ = input->schema();
  node->inputs_ = {std::move(input)};
  node->offset_ = offset;
  node->fetch_ = fetch;
  return node;
}

LogicalPlanPtr LogicalPlan::Distinct(LogicalPlanPtr input) {
  auto node = std::shared_ptr<LogicalPlan>(new LogicalPlan());
  node->kind_ = Kind::kDistinct;
  node->schema_ = input->schema();
  node->inputs_ = {std::move(input)};
  return node;
}

LogicalPlanPtr LogicalPlan::Values(SchemaPtr schema, std::vector<std::vector<Scalar>> rows) {
  auto node = std::shared_ptr<LogicalPlan>(new LogicalPlan());
  node->kind_ = Kind::kValues;
  node->schema_ = std::move(schema);
  node->values_ = std::move(rows);
  return node;
}

LogicalPlanPtr LogicalPlan::UnionAll(std::vector<LogicalPlanPtr> inputs) {
  auto node = std::shared_ptr<LogicalPlan>(new LogicalPlan());
  node->kind_ = Kind::kUnionAll;
  node->schema_ = inputs[0]->schema();
  node->inputs_ = std::move(inputs);
  return node;
}

LogicalPlanPtr LogicalPlan::Empty(SchemaPtr schema) {
  auto node = std::shared_ptr<LogicalPlan>(new LogicalPlan());
  node->kind_ = Kind::kEmpty;
  node->schema_ = std::move(schema);
  return node;
}

LogicalPlanPtr LogicalPlan::WithInputs(std::vector<LogicalPlanPtr> inputs) const {
  auto node = std::shared_ptr<LogicalPlan>(new LogicalPlan(*this));
  node->inputs_ = std::move(inputs);
  return node;
}

namespace {
std::string JoinExprs(const std::vector<ExprPtr>& exprs, const SchemaPtr& schema, size_t name_offset) {
  std::string out;
  for (size_t i = 0; i < exprs.size(); ++i) {
    if (i > 0) out += ", ";
    out += exprs[i]->ToString();
    const std::string& name = schema->field(static_cast<int>(name_offset + i)).name();
    if (!(exprs[i]->is_column() && exprs[i]->column_name() == name)) out += " AS " + name;
  }
  return out;
}
}  // namespace

void LogicalPlan::AppendTo(std::string* out, int depth) const {
  out->append(static_cast<size_t>(depth) * 2, ' ');
  out->append(KindName(kind_));
  if (kind_ != Kind::kDistinct && kind_ != Kind::kUnionAll && kind_ != Kind::kEmpty) out->append(": ");
  switch (kind_) {
    case Kind::kScan: {
      *out += scan_.table.ref.ToString() + " projection=[";
      for (size_t i = 0; i < scan_.projection.size(); ++i) {
        if (i > 0) *out += ", ";
        *out += scan_.table.schema->field(scan_.projection[i]).name();
      }
      *out += "]";
      if (!scan_.filters.empty()) {
        *out += " filters=[";
        for (size_t i = 0; i < scan_.filters.size(); ++i) {
          if (i > 0) *out += ", ";
          *out += scan_.filters[i]->ToString();
        }
        *out += "]";
      }
      if (!scan_.time_range.is_all()) {
        *out += fmt::format(" time=[{}, {}]", scan_.time_range.min, scan_.time_range.max);
      }
      for (const TagPredicate& p : scan_.tag_predicates) {
        *out += fmt::format(" {}{}[{}]", scan_.table.schema->field(p.column).name(), p.negated ? " NOT IN " : " IN ",
                            fmt::join(p.values, ", "));
      }
      if (scan_.limit) *out += fmt::format(" limit={}", *scan_.limit);
      break;
    }
    case Kind::kFilter: *out += predicate_->ToString(); break;
    case Kind::kProject: *out += JoinExprs(exprs_, schema_, 0); break;
    case Kind::kAggregate: {
      *out += "groupBy=[" + JoinExprs(exprs_, schema_, 0) + "], aggr=[";
      for (size_t i = 0; i < aggregates_.size(); ++i) {
        if (i > 0) *out += ", ";
        *out += aggregates_[i].ToString();
        const std::string& name = schema_->field(static_cast<int>(exprs_.size() + i)).name();
        *out += " AS " + name;
      }
      *out += "]";
      break;
    }
    case Kind::kSort:
      for (size_t i = 0; i < sort_keys_.size(); ++i) {
        if (i > 0) *out += ", ";
        *out += sort_keys_[i].ToString();
      }
      if (fetch_) *out += fmt::format(", fetch={}", *fetch_);
      break;
    case Kind::kLimit:
      *out += fmt::format("skip={}, fetch={}", offset_, fetch_ ? std::to_string(*fetch_) : "None");
      break;
    case Kind::kValues: *out += fmt::format("{} rows", values_.size()); break;
    case Kind::kDistinct:
    case Kind::kUnionAll:
    case Kind::kEmpty: break;
  }
  out->push_back('\n');
  for (const LogicalPlanPtr& input : inputs_) input->AppendTo(out, depth + 1);
}

std::string LogicalPlan::ToString() const {
  std::string out;
  AppendTo(&out, 0);
  return out;
}

}  // namespace quiver
