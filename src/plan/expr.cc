#include "plan/expr.h"

#include <fmt/format.h>

#include "base/check.h"

namespace quiver {

namespace {

// Infix rendering for operator functions (display only).
const char* InfixOperator(std::string_view name) {
  static const std::pair<std::string_view, const char*> kOperators[] = {
      {"add", "+"},          {"subtract", "-"},        {"multiply", "*"},      {"divide", "/"},
      {"modulo", "%"},       {"eq", "="},              {"not_eq", "<>"},       {"lt", "<"},
      {"lt_eq", "<="},       {"gt", ">"},              {"gt_eq", ">="},        {"and", "AND"},
      {"or", "OR"},          {"regex_match", "~"},     {"regex_imatch", "~*"}, {"regex_not_match", "!~"},
      {"regex_not_imatch", "!~*"}, {"like", "LIKE"},   {"ilike", "ILIKE"},     {"not_like", "NOT LIKE"},
      {"not_ilike", "NOT ILIKE"},  {"is_distinct_from", "IS DISTINCT FROM"},
      {"is_not_distinct_from", "IS NOT DISTINCT FROM"},
  };
  for (const auto& [function, op] : kOperators) {
    if (function == name) return op;
  }
  return nullptr;
}

}  // namespace

ExprPtr Expr::Column(int index, std::string name, DataType type, bool nullable) {
  auto e = std::shared_ptr<Expr>(new Expr());
  e->kind_ = Kind::kColumn;
  e->column_index_ = index;
  e->name_ = std::move(name);
  e->type_ = std::move(type);
  e->nullable_ = nullable;
  return e;
}

ExprPtr Expr::Literal(Scalar value) {
  auto e = std::shared_ptr<Expr>(new Expr());
  e->kind_ = Kind::kLiteral;
  e->type_ = value.type();
  e->literal_ = std::move(value);
  return e;
}

ExprPtr Expr::Call(ResolvedScalarCall call, std::vector<ExprPtr> args,
                   std::shared_ptr<KernelState> state) {
  auto e = std::shared_ptr<Expr>(new Expr());
  e->kind_ = Kind::kCall;
  e->type_ = call.output_type;
  e->call_ = std::move(call);
  e->args_ = std::move(args);
  e->state_ = std::move(state);
  return e;
}

ExprPtr Expr::Cast(ExprPtr arg, DataType type) {
  auto e = std::shared_ptr<Expr>(new Expr());
  e->kind_ = Kind::kCast;
  e->type_ = std::move(type);
  e->args_ = {std::move(arg)};
  return e;
}

ExprPtr Expr::Case(std::vector<std::pair<ExprPtr, ExprPtr>> whens, ExprPtr otherwise, DataType type) {
  auto e = std::shared_ptr<Expr>(new Expr());
  e->kind_ = Kind::kCase;
  e->type_ = std::move(type);
  e->num_whens_ = whens.size();
  for (auto& [condition, value] : whens) {
    e->args_.push_back(std::move(condition));
    e->args_.push_back(std::move(value));
  }
  if (otherwise) e->args_.push_back(std::move(otherwise));
  return e;
}

bool Expr::IsConstant() const {
  if (kind_ == Kind::kColumn) return false;
  for (const ExprPtr& arg : args_) {
    if (!arg->IsConstant()) return false;
  }
  return true;
}

void Expr::CollectColumns(std::vector<int>* columns) const {
  if (kind_ == Kind::kColumn) {
    columns->push_back(column_index_);
    return;
  }
  for (const ExprPtr& arg : args_) arg->CollectColumns(columns);
}

std::string Expr::ToString() const {
  switch (kind_) {
    case Kind::kColumn: return name_;
    case Kind::kLiteral: {
      if (literal_.is_null()) return "NULL";
      const DataType& t = literal_.type();
      if (t.id() == TypeId::kTimestamp) return "TIMESTAMP '" + literal_.ToString() + "'";
      if (t.id() == TypeId::kIntervalMonthDayNano) return "INTERVAL '" + literal_.ToString() + "'";
      return literal_.ToString(/*quote_strings=*/true);
    }
    case Kind::kCall: {
      const std::string& name = call_.function->name;
      if (const char* op = InfixOperator(name); op != nullptr && args_.size() == 2) {
        return fmt::format("{} {} {}", args_[0]->ToString(), op, args_[1]->ToString());
      }
      if (name == "not" && args_.size() == 1) return "NOT " + args_[0]->ToString();
      if (name == "negate" && args_.size() == 1) return "-" + args_[0]->ToString();
      if (name == "is_null" && args_.size() == 1) return args_[0]->ToString() + " IS NULL";
      if (name == "is_not_null" && args_.size() == 1) return args_[0]->ToString() + " IS NOT NULL";
      std::string out = name + "(";
      if (name == "in_list" && !args_.empty()) {
        out = args_[0]->ToString() + " IN (";
        for (size_t i = 1; i < args_.size(); ++i) {
          if (i > 1) out += ", ";
          out += args_[i]->ToString();
        }
        return out + ")";
      }
      for (size_t i = 0; i < args_.size(); ++i) {
        if (i > 0) out += ", ";
        out += args_[i]->ToString();
      }
      return out + ")";
    }
    case Kind::kCast: return fmt::format("CAST({} AS {})", args_[0]->ToString(), type_.ToString());
    case Kind::kCase: {
      std::string out = "CASE";
      for (size_t i = 0; i < num_whens_; ++i) {
        out += fmt::format(" WHEN {} THEN {}", args_[2 * i]->ToString(), args_[2 * i + 1]->ToString());
      }
      if (has_else()) out += " ELSE " + args_.back()->ToString();
      return out + " END";
    }
  }
  return "?";
}

bool Expr::Equals(const Expr& other) const {
  if (kind_ != other.kind_ || !(type_ == other.type_) || args_.size() != other.args_.size()) return false;
  switch (kind_) {
    case Kind::kColumn:
      if (column_index_ != other.column_index_) return false;
      break;
    case Kind::kLiteral:
      if (!(literal_ == other.literal_)) return false;
      break;
    case Kind::kCall:
      if (call_.function != other.call_.function || call_.kernel != other.call_.kernel) return false;
      break;
    case Kind::kCast: break;
    case Kind::kCase:
      if (num_whens_ != other.num_whens_) return false;
      break;
  }
  for (size_t i = 0; i < args_.size(); ++i) {
    if (!args_[i]->Equals(*other.args_[i])) return false;
  }
  return true;
}

ExprPtr Expr::WithArgs(std::vector<ExprPtr> args) const {
  auto e = std::shared_ptr<Expr>(new Expr(*this));
  e->args_ = std::move(args);
  return e;
}

Result<ExprPtr> CastTo(ExprPtr expr, const DataType& type) {
  if (expr->type() == type) return expr;
  if (!CanCast(expr->type(), type)) {
    return Status::InvalidArgument("cannot cast {} to {}", expr->type().ToString(), type.ToString());
  }
  if (expr->is_literal()) {
    ASSIGN_OR_RETURN(Scalar value, CastScalar(expr->literal(), type));
    return Expr::Literal(std::move(value));
  }
  return Expr::Cast(std::move(expr), type);
}

Result<ExprPtr> MakeCall(std::string_view function, std::vector<ExprPtr> args) {
  std::vector<DataType> types;
  std::vector<std::optional<Scalar>> literals;
  types.reserve(args.size());
  for (const ExprPtr& arg : args) {
    types.push_back(arg->type());
    literals.push_back(arg->is_literal() ? std::optional<Scalar>(arg->literal()) : std::nullopt);
  }
  // Literal arguments take part in resolution: some result types depend on them
  // (date_part('hour', t)).
  ASSIGN_OR_RETURN(ResolvedScalarCall call, FunctionRegistry::Default().ResolveScalar(function, types, literals));
  for (size_t i = 0; i < args.size() && i < call.cast_to.size(); ++i) {
    ASSIGN_OR_RETURN(args[i], CastTo(std::move(args[i]), call.cast_to[i]));
  }
  std::shared_ptr<KernelState> state;
  if (call.kernel->init) {
    // The kernel state sees the literals after casting.
    for (size_t i = 0; i < args.size(); ++i) {
      literals[i] = args[i]->is_literal() ? std::optional<Scalar>(args[i]->literal()) : std::nullopt;
    }
    ASSIGN_OR_RETURN(state, call.kernel->init(literals));
  }
  return Expr::Call(std::move(call), std::move(args), std::move(state));
}

ExprPtr RemapColumns(const ExprPtr& expr, const std::vector<int>& mapping) {
  if (expr->is_column()) {
    int target = mapping[expr->column_index()];
    DCHECK(target >= 0) << "column " << expr->column_name() << " has no mapping";
    if (target == expr->column_index()) return expr;
    return Expr::Column(target, expr->column_name(), expr->type());
  }
  if (expr->args().empty()) return expr;
  std::vector<ExprPtr> args;
  bool changed = false;
  for (const ExprPtr& arg : expr->args()) {
    args.push_back(RemapColumns(arg, mapping));
    changed |= args.back() != arg;
  }
  return changed ? expr->WithArgs(std::move(args)) : expr;
}

ExprPtr SubstituteColumns(const ExprPtr& expr, const std::vector<ExprPtr>& replacements) {
  if (expr->is_column()) return replacements[expr->column_index()];
  if (expr->args().empty()) return expr;
  std::vector<ExprPtr> args;
  for (const ExprPtr& arg : expr->args()) args.push_back(SubstituteColumns(arg, replacements));
  return expr->WithArgs(std::move(args));
}

}  // namespace quiver
