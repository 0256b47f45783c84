#pragma once

// One registration function per function family (one family per .cc file). The explicit
// list that calls them all is RegisterAllFunctions in function_list.cc.

#include "function/function_registry.h"

namespace quiver::function_internal {

void RegisterAllFunctions(FunctionRegistry& registry);

void RegisterArithmeticFunctions(FunctionRegistry& registry);
void RegisterTemporalArithmeticFunctions(FunctionRegistry& registry);
void RegisterComparisonFunctions(FunctionRegistry& registry);
void RegisterBooleanFunctions(FunctionRegistry& registry);
void RegisterNullFunctions(FunctionRegistry& registry);
void RegisterConditionalFunctions(FunctionRegistry& registry);
void RegisterInListFunction(FunctionRegistry& registry);
void RegisterLikeFunctions(FunctionRegistry& registry);
void RegisterRegexFunctions(FunctionRegistry& registry);
void RegisterStringFunctions(FunctionRegistry& registry);
void RegisterStringSearchFunctions(FunctionRegistry& registry);
void RegisterMathFunctions(FunctionRegistry& registry);
void RegisterTimeFunctions(FunctionRegistry& registry);
void RegisterDateBinFunction(FunctionRegistry& registry);

void RegisterCountAggregates(FunctionRegistry& registry);
void RegisterSumAvgAggregates(FunctionRegistry& registry);
void RegisterMinMaxAggregates(FunctionRegistry& registry);
void RegisterVarianceAggregates(FunctionRegistry& registry);
void RegisterPercentileAggregates(FunctionRegistry& registry);
void RegisterFirstLastAggregates(FunctionRegistry& registry);

}  // namespace quiver::function_internal
