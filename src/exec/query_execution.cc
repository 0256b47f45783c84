#include "exec/query_execution.h"

#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "columnar/builder.h"
#include "columnar/concatenate.h"
#include "exec/expr_evaluator.h"
#include "exec/filter_operator.h"
#include "exec/hash_aggregate_sink.h"
#include "exec/sort_sink.h"

namespace quiver {

namespace {

// Pulls morsels from several pipelines in turn (UNION ALL); each morsel runs its own
// pipeline's operators when loaded, so workers can process the union in parallel.
class UnionSource final : public Source {
 public:
  explicit UnionSource(std::vector<Pipeline> inputs) : inputs_(std::move(inputs)) {}

  Result<std::optional<Morsel>> Next(ExecContext& ctx) override {
    std::lock_guard lock(mu_);
    while (current_ < inputs_.size()) {
      Pipeline& input = inputs_[current_];
      ASSIGN_OR_RETURN(auto morsel, input.source->Next(ctx));
      if (!morsel) {
        ++current_;
        continue;
      }
      Pipeline* owner = &input;
      Morsel loaded = std::move(*morsel);
      return std::optional<Morsel>(Morsel{nullptr, [owner, loaded, &ctx]() -> Result<RecordBatchPtr> {
                                            ASSIGN_OR_RETURN(RecordBatchPtr batch, loaded.Get());
                                            return ApplyOperators(owner->operators, std::move(batch), ctx);
                                          }});
    }
    return std::optional<Morsel>();
  }

 private:
  std::mutex mu_;
  std::vector<Pipeline> inputs_;
  size_t current_ = 0;
};

Result<RecordBatchPtr> ValuesBatch(const SchemaPtr& schema, const std::vector<std::vector<Scalar>>& rows,
                                   ExecContext& ctx) {
  std::vector<Array> columns;
  for (int c = 0; c < schema->num_fields(); ++c) {
    std::vector<Array> cells;
    for (const auto& row : rows) {
      ASSIGN_OR_RETURN(Array cell, BroadcastScalar(row[c], 1, ctx.pool()));
      cells.push_back(std::move(cell));
    }
    if (cells.empty()) {
      columns.push_back(MakeNullArray(schema->field(c).type(), 0));
      continue;
    }
    Array column = cells[0];
    if (cells.size() > 1) {
      ASSIGN_OR_RETURN(column, Concatenate(cells, ctx.pool()));
    }
    columns.push_back(std::move(column));
  }
  return RecordBatch::MakeUnchecked(schema, static_cast<int64_t>(rows.size()), std::move(columns));
}

}  // namespace

// A physical plan node: a leaf source, a streaming operator over its child, a blocking
// sink over its child, or a union.
struct QueryExecution::Node {
  enum class Kind { kScan, kOperator, kSink, kUnion, kBatches };
  Kind kind = Kind::kBatches;
  std::vector<std::unique_ptr<Node>> children;
  // kScan
  ScanSpec scan_spec;          // what the source is asked for (projection incl. filter columns)
  std::shared_ptr<TableSource> source;
  std::vector<std::unique_ptr<Operator>> scan_operators;  // filter and final projection
  std::string scan_description;
  // kOperator
  std::unique_ptr<Operator> op;
  // kSink
  std::unique_ptr<Sink> sink;
  // kBatches (VALUES, EMPTY)
  LogicalPlanPtr values_plan;
};

QueryExecution::~QueryExecution() = default;

Result<std::unique_ptr<QueryExecution>> QueryExecution::Make(LogicalPlanPtr plan, TableSourceProvider* sources,
                                                            ExecOptions options, int64_t query_time_nanos) {
  std::unique_ptr<QueryExecution> execution(new QueryExecution());
  execution->plan_ = std::move(plan);
  execution->sources_ = sources;
  execution->ctx_ = std::make_unique<ExecContext>(options, query_time_nanos);
  ASSIGN_OR_RETURN(execution->root_, execution->Build(execution->plan_));
  return execution;
}

Result<std::unique_ptr<QueryExecution::Node>> QueryExecution::Build(const LogicalPlanPtr& plan) {
  auto node = std::make_unique<Node>();
  using Kind = LogicalPlan::Kind;
  switch (plan->kind()) {
    case Kind::kScan: {
      const ScanSpec& spec = plan->scan();
      node->kind = Node::Kind::kScan;
      ASSIGN_OR_RETURN(node->source, sources_->GetSource(spec.table.ref));
      // Read the projected columns, then any further columns the filters need; after
      // filtering, the extra columns are dropped again.
      std::vector<int> read_columns = spec.projection;
      for (const ExprPtr& f : spec.filters) {
        std::vector<int> columns;
        f->CollectColumns(&columns);
        for (int c : columns) {
          if (std::find(read_columns.begin(), read_columns.end(), c) == read_columns.end()) {
            read_columns.push_back(c);
          }
        }
      }
      std::vector<int> table_to_read(spec.table.schema->num_fields(), -1);
      for (size_t i = 0; i < read_columns.size(); ++i) table_to_read[read_columns[i]] = static_cast<int>(i);
      node->scan_spec = spec;
      node->scan_spec.projection = read_columns;
      if (!spec.filters.empty()) {
        std::vector<ExprPtr> conjuncts;
        for (const ExprPtr& f : spec.filters) conjuncts.push_back(RemapColumns(f, table_to_read));
        ExprPtr predicate = conjuncts[0];
        for (size_t i = 1; i < conjuncts.size(); ++i) {
          ASSIGN_OR_RETURN(predicate, MakeCall("and", {predicate, conjuncts[i]}));
        }
        node->scan_operators.push_back(std::make_unique<FilterOperator>(predicate));
      }
      if (read_columns.size() != spec.projection.size()) {
        std::vector<ExprPtr> exprs;
        for (size_t i = 0; i < spec.projection.size(); ++i) {
          const Field& f = spec.table.schema->field(spec.projection[i]);
          exprs.push_back(Expr::Column(static_cast<int>(i), f.name(), f.type()));
        }
        node->scan_operators.push_back(std::make_unique<ProjectOperator>(std::move(exprs), plan->schema()));
      }
      node->scan_description = "TableScan: " + spec.table.ref.ToString();
      return node;
    }
    case Kind::kFilter: {
      node->kind = Node::Kind::kOperator;
      node->op = std::make_unique<FilterOperator>(plan->predicate());
      break;
    }
    case Kind::kProject: {
      node->kind = Node::Kind::kOperator;
      node->op = std::make_unique<ProjectOperator>(plan->exprs(), plan->schema());
      break;
    }
    case Kind::kLimit: {
      node->kind = Node::Kind::kOperator;
      node->op = std::make_unique<LimitOperator>(plan->offset(), plan->fetch());
      break;
    }
    case Kind::kAggregate: {
      node->kind = Node::Kind::kSink;
      ASSIGN_OR_RETURN(node->sink, HashAggregateSink::Make(plan->schema(), plan->exprs(), plan->aggregates()));
      break;
    }
    case Kind::kDistinct: {
      node->kind = Node::Kind::kSink;
      std::vector<ExprPtr> keys;
      for (int i = 0; i < plan->schema()->num_fields(); ++i) {
        const Field& f = plan->schema()->field(i);
        keys.push_back(Expr::Column(i, f.name(), f.type()));
      }
      ASSIGN_OR_RETURN(node->sink, HashAggregateSink::Make(plan->schema(), std::move(keys), {}));
      break;
    }
    case Kind::kSort: {
      node->kind = Node::Kind::kSink;
      node->sink = std::make_unique<SortSink>(plan->input()->schema(), plan->sort_keys(), plan->fetch());
      break;
    }
    case Kind::kUnionAll: {
      node->kind = Node::Kind::kUnion;
      break;
    }
    case Kind::kValues:
    case Kind::kEmpty: {
      node->kind = Node::Kind::kBatches;
      node->values_plan = plan;
      return node;
    }
  }
  for (const LogicalPlanPtr& input : plan->inputs()) {
    ASSIGN_OR_RETURN(auto child, Build(input));
    node->children.push_back(std::move(child));
  }
  return node;
}

Result<Pipeline> QueryExecution::Open(Node& node) {
  Pipeline pipeline;
  switch (node.kind) {
    case Node::Kind::kScan: {
      ASSIGN_OR_RETURN(auto morsels, node.source->Scan(node.scan_spec, *ctx_));
      pipeline.source = std::make_unique<MorselSource>(std::move(morsels));
      for (auto& op : node.scan_operators) pipeline.operators.push_back(op.get());
      return pipeline;
    }
    case Node::Kind::kOperator: {
      ASSIGN_OR_RETURN(pipeline, Open(*node.children[0]));
      pipeline.operators.push_back(node.op.get());
      return pipeline;
    }
    case Node::Kind::kSink: {
      ASSIGN_OR_RETURN(Pipeline input, Open(*node.children[0]));
      ASSIGN_OR_RETURN(pipeline.source, RunPipeline(input, *node.sink, *ctx_));
      return pipeline;
    }
    case Node::Kind::kUnion: {
      std::vector<Pipeline> inputs;
      for (auto& child : node.children) {
        ASSIGN_OR_RETURN(Pipeline input, Open(*child));
        inputs.push_back(std::move(input));
      }
      pipeline.source = std::make_unique<UnionSource>(std::move(inputs));
      return pipeline;
    }
    case Node::Kind::kBatches: {
      std::vector<RecordBatchPtr> batches;
      if (node.values_plan->kind() == LogicalPlan::Kind::kValues) {
        ASSIGN_OR_RETURN(RecordBatchPtr batch, ValuesBatch(node.values_plan->schema(), node.values_plan->values(), *ctx_));
        batches.push_back(std::move(batch));
      }
      pipeline.source = std::make_unique<BatchSource>(std::move(batches), /*ordered=*/true);
      return pipeline;
    }
  }
  return Status::Internal("unknown physical node");
}

Result<RecordBatchPtr> QueryExecution::Next() {
  if (done_) return RecordBatchPtr();
  if (!opened_) {
    opened_ = true;
    auto pipeline = Open(*root_);
    if (!pipeline.ok()) {
      done_ = true;
      return pipeline.status();
    }
    pipeline_ = std::move(*pipeline);
  }
  while (true) {
    RETURN_NOT_OK(ctx_->CheckCancelled());
    for (const auto& op : pipeline_.operators) {
      if (op->Finished()) {
        done_ = true;
        return RecordBatchPtr();
      }
    }
    ASSIGN_OR_RETURN(auto morsel, pipeline_.source->Next(*ctx_));
    if (!morsel) {
      done_ = true;
      return RecordBatchPtr();
    }
    ASSIGN_OR_RETURN(RecordBatchPtr batch, morsel->Get());
    ASSIGN_OR_RETURN(batch, ApplyOperators(pipeline_.operators, std::move(batch), *ctx_));
    if (batch && batch->num_rows() > 0) {
      // The final schema is the plan's (names chosen by the binder).
      if (batch->schema() != schema() && batch->num_columns() == schema()->num_fields()) {
        batch = batch->WithSchema(schema());
      }
      return batch;
    }
  }
}

Result<std::vector<RecordBatchPtr>> QueryExecution::CollectAll() {
  std::vector<RecordBatchPtr> batches;
  while (true) {
    ASSIGN_OR_RETURN(RecordBatchPtr batch, Next());
    if (!batch) return batches;
    batches.push_back(std::move(batch));
  }
}

std::string QueryExecution::Describe(bool with_metrics) const {
  std::string out;
  struct Walker {
    bool with_metrics;
    std::string* out;
    void Line(int depth, const std::string& text, const OperatorMetrics* metrics) {
      out->append(static_cast<size_t>(depth) * 2, ' ');
      *out += text;
      if (with_metrics && metrics) *out += ", metrics=[" + metrics->ToString() + "]";
      *out += '\n';
    }
  } walker{with_metrics, &out};
  std::function<void(const Node&, int)> walk = [&](const Node& node, int depth) {
    switch (node.kind) {
      case Node::Kind::kScan:
        for (auto it = node.scan_operators.rbegin(); it != node.scan_operators.rend(); ++it) {
          walker.Line(depth++, (*it)->Describe(), &(*it)->metrics());
        }
        walker.Line(depth, node.scan_description + " " + node.source->Describe(), nullptr);
        break;
      case Node::Kind::kOperator:
        if (node.op) walker.Line(depth, node.op->Describe(), &node.op->metrics());
        break;
      case Node::Kind::kSink: walker.Line(depth, node.sink->Describe(), &node.sink->metrics()); break;
      case Node::Kind::kUnion: walker.Line(depth, "UnionExec", nullptr); break;
      case Node::Kind::kBatches:
        walker.Line(depth, node.values_plan->kind() == LogicalPlan::Kind::kValues ? "ValuesExec" : "EmptyExec", nullptr);
        break;
    }
    for (const auto& child : node.children) walk(*child, depth + 1);
  };
  walk(*root_, 0);
  return out;
}

}  // namespace quiver
