#include "function/function_registry.h"

#include <algorithm>

#include <fmt/format.h>

#include "function/function_list_internal.h"

namespace quiver {
namespace {

std::string Lower(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

std::string TypeList(std::span<const DataType> types) {
  std::string out;
  for (size_t i = 0; i < types.size(); ++i) {
    if (i > 0) out += ", ";
    out += types[i].ToString();
  }
  return out;
}

template <typename Kernel>
std::string Signatures(const std::string& name, const std::vector<Kernel>& kernels,
                       bool variadic_capable) {
  std::string out;
  for (size_t k = 0; k < kernels.size(); ++k) {
    if (k > 0) out += ", ";
    out += name + "(";
    const auto& inputs = kernels[k].inputs;
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (i > 0) out += ", ";
      out += inputs[i].name();
    }
    if constexpr (std::is_same_v<Kernel, ScalarKernel>) {
      if (kernels[k].variadic) out += "...";
    }
    out += ")";
  }
  (void)variadic_capable;
  return out;
}

// Types each argument becomes to reach `inputs` through implicit casts, or nullopt.
std::optional<std::vector<DataType>> ReachWithImplicitCasts(const std::vector<TypeMatcher>& inputs,
                                                            bool variadic,
                                                            std::span<const DataType> types) {
  if (variadic) {
    if (inputs.empty() ? !types.empty() : types.size() + 1 < inputs.size()) return std::nullopt;
  } else if (types.size() != inputs.size()) {
    return std::nullopt;
  }
  std::vector<DataType> out(types.begin(), types.end());
  for (size_t i = 0; i < types.size(); ++i) {
    const TypeMatcher& matcher = inputs[std::min(i, inputs.size() - 1)];
    if (matcher.Matches(types[i])) continue;
    std::optional<DataType> target = ImplicitCastTarget(types[i], matcher);
    if (!target) return std::nullopt;
    out[i] = *target;
  }
  return out;
}

}  // namespace

const FunctionRegistry& FunctionRegistry::Default() {
  static const FunctionRegistry* registry = [] {
    auto* r = new FunctionRegistry();
    function_internal::RegisterAllFunctions(*r);
    return r;
  }();
  return *registry;
}

const ScalarFunction* FunctionRegistry::FindScalar(std::string_view name) const {
  auto it = scalar_by_name_.find(Lower(name));
  return it == scalar_by_name_.end() ? nullptr : it->second;
}

const AggregateFunction* FunctionRegistry::FindAggregate(std::string_view name) const {
  auto it = aggregate_by_name_.find(Lower(name));
  return it == aggregate_by_name_.end() ? nullptr : it->second;
}

Result<ResolvedScalarCall> FunctionRegistry::ResolveScalar(
    std::string_view name, std::span<const DataType> arg_types,
    std::span<const std::optional<Scalar>> literal_args) const {
  const ScalarFunction* function = FindScalar(name);
  if (function == nullptr) return Status::NotFound("unknown function: {}", name);

  auto finish = [&](const ScalarKernel& kernel,
                    std::vector<DataType> types) -> Result<ResolvedScalarCall> {
    ResolvedScalarCall call;
    call.function = function;
    call.kernel = &kernel;
    if (kernel.literal_output) {
      std::vector<std::optional<Scalar>> literals(types.size());
      for (size_t i = 0; i < types.size() && i < literal_args.size(); ++i) {
        if (!literal_args[i]) continue;
        if (literal_args[i]->type() == types[i]) {
          literals[i] = literal_args[i];
        } else {
          ASSIGN_OR_RETURN(literals[i], CastScalar(*literal_args[i], types[i]));
        }
      }
      ASSIGN_OR_RETURN(call.output_type, kernel.literal_output(types, literals));
    } else {
      ASSIGN_OR_RETURN(call.output_type, kernel.output(types));
    }
    call.cast_to = std::move(types);
    return call;
  };

  for (const ScalarKernel& kernel : function->kernels) {
    if (kernel.Matches(arg_types)) return finish(kernel, {arg_types.begin(), arg_types.end()});
  }
  bool numeric_only = function->coercion == ArgumentCoercion::kNumericCommonType;
  bool all_numeric = true;
  for (size_t i = function->common_type_first_arg; i < arg_types.size(); ++i) {
    const DataType& t =
        arg_types[i].id() == TypeId::kDictionary ? arg_types[i].value_type() : arg_types[i];
    all_numeric &= t.is_numeric() || t.id() == TypeId::kNull;
  }
  if ((function->coercion == ArgumentCoercion::kCommonType || (numeric_only && all_numeric)) &&
      arg_types.size() > function->common_type_first_arg) {
    std::optional<DataType> common = arg_types[function->common_type_first_arg];
    for (size_t i = function->common_type_first_arg + 1; common && i < arg_types.size(); ++i) {
      common = CommonType(*common, arg_types[i]);
    }
    if (common) {
      std::vector<DataType> types(arg_types.begin(), arg_types.end());
      for (size_t i = function->common_type_first_arg; i < types.size(); ++i) types[i] = *common;
      for (const ScalarKernel& kernel : function->kernels) {
        if (kernel.Matches(types)) return finish(kernel, types);
      }
      for (const ScalarKernel& kernel : function->kernels) {
        if (auto reached = ReachWithImplicitCasts(kernel.inputs, kernel.variadic, types)) {
          return finish(kernel, std::move(*reached));
        }
      }
    }
  }
  for (const ScalarKernel& kernel : function->kernels) {
    if (auto reached = ReachWithImplicitCasts(kernel.inputs, kernel.variadic, arg_types)) {
      return finish(kernel, std::move(*reached));
    }
  }
  return Status::InvalidArgument("no function matches {}({}); candidates: {}", function->name,
                                 TypeList(arg_types),
                                 Signatures(function->name, function->kernels, true));
}

Result<ResolvedAggregateCall> FunctionRegistry::ResolveAggregate(
    std::string_view name, std::span<const DataType> arg_types) const {
  const AggregateFunction* function = FindAggregate(name);
  if (function == nullptr) return Status::NotFound("unknown aggregate function: {}", name);
  auto finish = [&](const AggregateKernel& kernel,
                    std::vector<DataType> types) -> Result<ResolvedAggregateCall> {
    ResolvedAggregateCall call;
    call.function = function;
    call.kernel = &kernel;
    ASSIGN_OR_RETURN(call.output_type, kernel.output(types));
    call.cast_to = std::move(types);
    return call;
  };
  for (const AggregateKernel& kernel : function->kernels) {
    if (kernel.Matches(arg_types)) return finish(kernel, {arg_types.begin(), arg_types.end()});
  }
  for (const AggregateKernel& kernel : function->kernels) {
    if (auto reached = ReachWithImplicitCasts(kernel.inputs, false, arg_types)) {
      return finish(kernel, std::move(*reached));
    }
  }
  return Status::InvalidArgument("no aggregate function matches {}({}); candidates: {}",
                                 function->name, TypeList(arg_types),
                                 Signatures(function->name, function->kernels, false));
}

std::vector<std::string> FunctionRegistry::ScalarNames() const {
  std::vector<std::string> names;
  for (const auto& [name, function] : scalar_by_name_) names.push_back(name);
  return names;
}

std::vector<std::string> FunctionRegistry::AggregateNames() const {
  std::vector<std::string> names;
  for (const auto& [name, function] : aggregate_by_name_) names.push_back(name);
  return names;
}

void FunctionRegistry::AddScalar(ScalarFunction function, std::vector<std::string> aliases) {
  std::string name = Lower(function.name);
  auto existing = scalar_by_name_.find(name);
  const ScalarFunction* target;
  if (existing != scalar_by_name_.end()) {
    // Same name again: append the kernels (families extend operators, e.g. temporal "add").
    ScalarFunction* mutable_target = nullptr;
    for (auto& owned : scalars_) {
      if (owned.get() == existing->second) mutable_target = owned.get();
    }
    for (auto& kernel : function.kernels) mutable_target->kernels.push_back(std::move(kernel));
    target = mutable_target;
  } else {
    function.name = name;
    scalars_.push_back(std::make_unique<ScalarFunction>(std::move(function)));
    target = scalars_.back().get();
    scalar_by_name_[name] = target;
  }
  for (const std::string& alias : aliases) scalar_by_name_[Lower(alias)] = target;
}

void FunctionRegistry::AddAggregate(AggregateFunction function, std::vector<std::string> aliases) {
  std::string name = Lower(function.name);
  auto existing = aggregate_by_name_.find(name);
  const AggregateFunction* target;
  if (existing != aggregate_by_name_.end()) {
    AggregateFunction* mutable_target = nullptr;
    for (auto& owned : aggregates_) {
      if (owned.get() == existing->second) mutable_target = owned.get();
    }
    for (auto& kernel : function.kernels) mutable_target->kernels.push_back(std::move(kernel));
    target = mutable_target;
  } else {
    function.name = name;
    aggregates_.push_back(std::make_unique<AggregateFunction>(std::move(function)));
    target = aggregates_.back().get();
    aggregate_by_name_[name] = target;
  }
  for (const std::string& alias : aliases) aggregate_by_name_[Lower(alias)] = target;
}

Result<Datum> CallScalarFunction(std::string_view name, std::span<const Datum> args, int64_t rows,
                                 KernelContext ctx) {
  std::vector<DataType> types;
  std::vector<std::optional<Scalar>> literals;
  for (const Datum& arg : args) {
    types.push_back(arg.type());
    literals.push_back(arg.is_scalar() ? std::optional<Scalar>(arg.scalar()) : std::nullopt);
  }
  ASSIGN_OR_RETURN(ResolvedScalarCall call,
                   FunctionRegistry::Default().ResolveScalar(name, types, literals));
  std::vector<Datum> cast_args;
  cast_args.reserve(args.size());
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].type() == call.cast_to[i]) {
      cast_args.push_back(args[i]);
    } else {
      ASSIGN_OR_RETURN(Datum cast, Cast(ctx, args[i], call.cast_to[i]));
      cast_args.push_back(std::move(cast));
    }
    literals[i] =
        cast_args[i].is_scalar() ? std::optional<Scalar>(cast_args[i].scalar()) : std::nullopt;
  }
  std::shared_ptr<KernelState> state;
  if (call.kernel->init) {
    ASSIGN_OR_RETURN(state, call.kernel->init(literals));
  }
  ctx.state = state.get();
  return call.kernel->exec(ctx, cast_args, rows);
}

}  // namespace quiver
