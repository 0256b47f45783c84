#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "function/function_registry.h"
#include "types/scalar.h"
#include "types/schema.h"

namespace quiver {

class Expr;
using ExprPtr = std::shared_ptr<const Expr>;

// A bound, typed scalar expression over the columns of one input schema (the output of a
// plan node's child). Immutable and shareable; built by the SQL and InfluxQL binders and
// rewritten by optimizer rules (which build new trees rather than mutating).
//
// Kinds:
//   kColumn   input column `column_index` (its name is kept for display)
//   kLiteral  a constant Scalar (parameters are bound as literals)
//   kCall     a scalar function resolved in the FunctionRegistry; arguments are already
//             cast to the kernel's input types (casts appear as kCast children)
//   kCast     CAST(arg AS type)
//   kCase     CASE WHEN c1 THEN v1 ... ELSE e END, evaluated lazily per branch (a THEN
//             branch only sees rows whose condition holds, so 1/x under x <> 0 is safe);
//             a "simple" CASE x WHEN a ... is bound as searched CASE with x = a conditions
class Expr {
 public:
  enum class Kind { kColumn, kLiteral, kCall, kCast, kCase };

  static ExprPtr Column(int index, std::string name, DataType type, bool nullable = true);
  static ExprPtr Literal(Scalar value);
  // REQUIRES: args[i] already has type call.cast_to[i] (use MakeCall to insert casts).
  static ExprPtr Call(ResolvedScalarCall call, std::vector<ExprPtr> args,
                      std::shared_ptr<KernelState> state = nullptr);
  static ExprPtr Cast(ExprPtr arg, DataType type);
  // whens[i] = (condition, value); every value and `otherwise` share `type`.
  static ExprPtr Case(std::vector<std::pair<ExprPtr, ExprPtr>> whens, ExprPtr otherwise, DataType type);

  Kind kind() const { return kind_; }
  const DataType& type() const { return type_; }

  // kColumn.
  int column_index() const { return column_index_; }
  const std::string& column_name() const { return name_; }
  // kLiteral.
  const Scalar& literal() const { return literal_; }
  // kCall.
  const ResolvedScalarCall& call() const { return call_; }
  const std::string& function_name() const { return call_.function->name; }
  const std::shared_ptr<KernelState>& kernel_state() const { return state_; }
  // kCall, kCast: arguments; kCase: [c1, v1, c2, v2, ..., otherwise (if any)].
  const std::vector<ExprPtr>& args() const { return args_; }
  // kCase.
  size_t num_whens() const { return num_whens_; }
  bool has_else() const { return args_.size() > num_whens_ * 2; }

  bool is_literal() const { return kind_ == Kind::kLiteral; }
  bool is_column() const { return kind_ == Kind::kColumn; }
  // True if the expression reads no column (constant foldable, unless it calls now()-like
  // functions, which are still constant within one query).
  bool IsConstant() const;
  // Every column index the expression reads.
  void CollectColumns(std::vector<int>* columns) const;

  // SQL-like text for EXPLAIN and error messages: "hostname = 'a'", "max(usage_user)".
  std::string ToString() const;
  bool Equals(const Expr& other) const;

  // Copy with new arguments (same kind, function, type). For rewrites.
  ExprPtr WithArgs(std::vector<ExprPtr> args) const;

 private:
  Expr() = default;

  Kind kind_ = Kind::kLiteral;
  DataType type_;
  int column_index_ = -1;
  std::string name_;
  bool nullable_ = true;
  Scalar literal_;
  ResolvedScalarCall call_;
  std::shared_ptr<KernelState> state_;
  std::vector<ExprPtr> args_;
  size_t num_whens_ = 0;
};

// Resolves `function` for the argument types, inserts the casts the resolution asks for,
// and runs the kernel's init on literal arguments. Errors: InvalidArgument naming the
// function and argument types, or the init's error (e.g. an invalid regex).
Result<ExprPtr> MakeCall(std::string_view function, std::vector<ExprPtr> args);

// Casts `expr` to `type` unless it already has it; a literal is cast at bind time.
Result<ExprPtr> CastTo(ExprPtr expr, const DataType& type);

// Rewrites column references: column i becomes mapping[i] (mapping[i] < 0 is an error
// the caller guarantees cannot happen).
ExprPtr RemapColumns(const ExprPtr& expr, const std::vector<int>& mapping);
// Replaces column references with the given expressions (column i becomes
// replacements[i]); used to push filters through projections.
ExprPtr SubstituteColumns(const ExprPtr& expr, const std::vector<ExprPtr>& replacements);

}  // namespace quiver
