#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plan/expr.h"
#include "plan/table_info.h"
#include "types/time_range.h"

namespace quiver {

class LogicalPlan;
using LogicalPlanPtr = std::shared_ptr<const LogicalPlan>;

// One aggregate in an Aggregate node: function(args) [FILTER (WHERE filter)], resolved.
struct AggregateCall {
  ResolvedAggregateCall call;
  std::vector<ExprPtr> args;       // already cast to call.cast_to; empty for count(*)
  bool distinct = false;
  ExprPtr filter;                  // optional
  // Ordered aggregates (first_value/last_value): the ORDER BY key is args.back();
  // `descending` reverses it and `nulls_first` places NULL keys first.
  bool descending = false;
  bool nulls_first = false;
  std::vector<std::optional<Scalar>> literal_args;  // per arg: its value if literal
  std::string ToString() const;
};

struct SortKey {
  ExprPtr expr;
  bool ascending = true;
  bool nulls_first = false;  // SQL default: NULLS LAST for ASC, NULLS FIRST for DESC
  std::string ToString() const;
};

// A tag predicate pushed into a scan: `column` (index in the table schema) is (not)
// one of `values`. Sources prune chunks, files and row groups with it.
struct TagPredicate {
  int column = -1;
  std::vector<std::string> values;
  bool negated = false;
};

// The scan of one table, with what the optimizer pushed into it.
struct ScanSpec {
  TableInfo table;
  // Columns produced, as indices into table.schema, in output order.
  std::vector<int> projection;
  // Predicates over table.schema columns that the scan must apply (all rows it returns
  // satisfy every one).
  std::vector<ExprPtr> filters;
  // Derived from `filters`, for pruning: rows outside can be skipped without evaluating.
  TimeRange time_range = TimeRange::All();
  std::vector<TagPredicate> tag_predicates;
  // The consumer needs at most this many rows (any rows); nullopt: all.
  std::optional<int64_t> limit;
};

// A node of a logical query plan. Immutable; children are shared. Every node knows its
// output schema. Kinds and their fields:
//   kScan       scan                 (leaf)
//   kFilter     predicate            one child
//   kProject    exprs (+ names in schema)
//   kAggregate  group_exprs then aggregates form the output, in that order
//   kSort       sort_keys; `fetch` set = TopK (keep only the first `fetch` rows)
//   kLimit      offset, fetch (nullopt = no limit)
//   kDistinct   distinct rows of the child
//   kValues     literal rows (leaf)
//   kUnionAll   two or more children of equal column types
//   kEmpty      no rows (leaf), e.g. WHERE false
class LogicalPlan {
 public:
  enum class Kind { kScan, kFilter, kProject, kAggregate, kSort, kLimit, kDistinct, kValues, kUnionAll, kEmpty };

  static LogicalPlanPtr Scan(ScanSpec spec);
  static LogicalPlanPtr Filter(LogicalPlanPtr input, ExprPtr predicate);
  static LogicalPlanPtr Project(LogicalPlanPtr input, std::vector<ExprPtr> exprs, std::vector<std::string> names);
  static LogicalPlanPtr Aggregate(LogicalPlanPtr input, std::vector<ExprPtr> group_exprs,
                                  std::vector<std::string> group_names,
                                  std::vector<AggregateCall> aggregates, std::vector<std::string> aggregate_names);
  static LogicalPlanPtr Sort(LogicalPlanPtr input, std::vector<SortKey> keys,
                             std::optional<int64_t> fetch = std::nullopt);
  static LogicalPlanPtr Limit(LogicalPlanPtr input, int64_t offset, std::optional<int64_t> fetch);
  static LogicalPlanPtr Distinct(LogicalPlanPtr input);
  static LogicalPlanPtr Values(SchemaPtr schema, std::vector<std::vector<Scalar>> rows);
  static LogicalPlanPtr UnionAll(std::vector<LogicalPlanPtr> inputs);
  static LogicalPlanPtr Empty(SchemaPtr schema);

  Kind kind() const { return kind_; }
  const SchemaPtr& schema() const { return schema_; }
  const std::vector<LogicalPlanPtr>& inputs() const { return inputs_; }
  const LogicalPlanPtr& input() const { return inputs_[0]; }

  const ScanSpec& scan() const { return scan_; }
  const ExprPtr& predicate() const { return predicate_; }
  const std::vector<ExprPtr>& exprs() const { return exprs_; }  // project exprs; aggregate group exprs
  const std::vector<AggregateCall>& aggregates() const { return aggregates_; }
  const std::vector<SortKey>& sort_keys() const { return sort_keys_; }
  int64_t offset() const { return offset_; }
  const std::optional<int64_t>& fetch() const { return fetch_; }
  const std::vector<std::vector<Scalar>>& values() const { return values_; }

  // Same node with other inputs (for rewrites).
  LogicalPlanPtr WithInputs(std::vector<LogicalPlanPtr> inputs) const;
  // Indented tree, one node per line: "Aggregate: groups=[...], aggregates=[...]".
  std::string ToString() const;

  static const char* KindName(Kind kind);

 private:
  LogicalPlan() = default;
  void AppendTo(std::string* out, int depth) const;

  Kind kind_ = Kind::kEmpty;
  SchemaPtr schema_;
  std::vector<LogicalPlanPtr> inputs_;
  ScanSpec scan_;
  ExprPtr predicate_;
  std::vector<ExprPtr> exprs_;
  std::vector<AggregateCall> aggregates_;
  std::vector<SortKey> sort_keys_;
  int64_t offset_ = 0;
  std::optional<int64_t> fetch_;
  std::vector<std::vector<Scalar>> values_;
};

}  // namespace quiver
