#include "function/kernel.h"

#include <algorithm>
#include <vector>

namespace quiver {

TypeMatcher TypeMatcher::Exact(DataType type) {
  DataType copy = type;
  TypeMatcher matcher(type.ToString(), [copy](const DataType& t) { return t == copy; });
  matcher.exact_type_ = std::move(type);
  return matcher;
}

TypeMatcher TypeMatcher::Any() {
  return TypeMatcher("any", [](const DataType&) { return true; });
}

TypeMatcher TypeMatcher::AnyInteger() {
  return TypeMatcher("integer", [](const DataType& t) { return t.is_integer(); });
}

TypeMatcher TypeMatcher::AnyNumeric() {
  return TypeMatcher("numeric", [](const DataType& t) { return t.is_numeric(); });
}

TypeMatcher TypeMatcher::AnyTimestamp() {
  return TypeMatcher("timestamp", [](const DataType& t) { return t.id() == TypeId::kTimestamp; });
}

TypeMatcher TypeMatcher::TimestampNanos() {
  return TypeMatcher("timestamp[ns]", [](const DataType& t) {
    return t.id() == TypeId::kTimestamp && t.unit() == TimeUnit::kNano;
  });
}

TypeMatcher TypeMatcher::AnyString() {
  return TypeMatcher("string", [](const DataType& t) { return t.id() == TypeId::kUtf8; });
}

TypeMatcher TypeMatcher::AnyDictionary() {
  return TypeMatcher("dictionary", [](const DataType& t) { return t.id() == TypeId::kDictionary; });
}

TypeMatcher TypeMatcher::StringDictionary() {
  return TypeMatcher("dictionary<values=string, indices=int32>", [](const DataType& t) {
    return t.id() == TypeId::kDictionary && t.index_type().id() == TypeId::kInt32 &&
           t.value_type().id() == TypeId::kUtf8;
  });
}

TypeMatcher TypeMatcher::Custom(std::string name, std::function<bool(const DataType&)> predicate) {
  return TypeMatcher(std::move(name), std::move(predicate));
}

OutputTypeResolver FixedOutput(DataType type) {
  return [type](std::span<const DataType>) -> Result<DataType> { return type; };
}

OutputTypeResolver SameAsArgument(size_t index) {
  return [index](std::span<const DataType> args) -> Result<DataType> {
    if (index >= args.size()) {
      return Status::Internal("output type refers to argument {} of {}", index, args.size());
    }
    return args[index];
  };
}

namespace {

bool MatchesInputs(const std::vector<TypeMatcher>& inputs, bool variadic,
                   std::span<const DataType> types) {
  if (variadic) {
    if (inputs.empty()) return types.empty();
    if (types.size() + 1 < inputs.size()) return false;
  } else if (types.size() != inputs.size()) {
    return false;
  }
  for (size_t i = 0; i < types.size(); ++i) {
    const TypeMatcher& matcher = inputs[std::min(i, inputs.size() - 1)];
    if (!matcher.Matches(types[i])) return false;
  }
  return true;
}

}  // namespace

bool ScalarKernel::Matches(std::span<const DataType> types) const {
  return MatchesInputs(inputs, variadic, types);
}

bool AggregateKernel::Matches(std::span<const DataType> types) const {
  return MatchesInputs(inputs, /*variadic=*/false, types);
}

Status GroupedAggregator::ConsumeOneGroup(std::span<const Datum> args, int64_t rows,
                                          uint32_t group_id) {
  std::vector<uint32_t> ids(static_cast<size_t>(rows), group_id);
  return Consume(args, ids);
}

}  // namespace quiver
