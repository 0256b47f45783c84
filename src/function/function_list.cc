// The explicit list of every function family in the default registry (no static
// initialisers). Adding a family: write its Register* function in its own file, declare it
// in function_list_internal.h and call it here (see README.md).
#include "function/function_list_internal.h"

namespace quiver::function_internal {

void RegisterAllFunctions(FunctionRegistry& registry) {
  // Scalar functions. Order matters only within one name: kernels are tried in
  // registration order, so the numeric operators come before their temporal forms.
  RegisterArithmeticFunctions(registry);
  RegisterTemporalArithmeticFunctions(registry);
  RegisterComparisonFunctions(registry);
  RegisterBooleanFunctions(registry);
  RegisterNullFunctions(registry);
  RegisterConditionalFunctions(registry);
  RegisterInListFunction(registry);
  RegisterLikeFunctions(registry);
  RegisterRegexFunctions(registry);
  RegisterStringFunctions(registry);
  RegisterStringSearchFunctions(registry);
  RegisterMathFunctions(registry);
  RegisterTimeFunctions(registry);
  RegisterDateBinFunction(registry);

  // Aggregates.
  RegisterCountAggregates(registry);
  RegisterSumAvgAggregates(registry);
  RegisterMinMaxAggregates(registry);
  RegisterVarianceAggregates(registry);
  RegisterPercentileAggregates(registry);
  RegisterFirstLastAggregates(registry);
}

}  // namespace quiver::function_internal
