// in_list(value, item1, item2, ...): value IN (item1, item2, ...) with SQL semantics: true
// if value equals an item; else null if value is null or any item is null; else false.
// NOT IN is not(in_list(...)), which keeps the three-valued result right.
//
// All arguments are coerced to one type. When every item is a literal, KernelInit builds a
// set once per call site (linear scan for up to kSmallList items, else a hash set); a
// Dictionary(Int32, Utf8) value is tested once per dictionary entry and the answer mapped
// through the indices (`WHERE host IN ('a', 'b')`). Items that are not literals fall back
// to OR-ing equality comparisons.
#include <unordered_set>

#include "base/hash.h"

#include "function/comparison_internal.h"
#include "function/function_list_internal.h"

namespace quiver {
namespace function_internal {
namespace {

constexpr size_t kSmallList = 8;

// Canonical 64-bit key of a fixed-width value (doubles: -0.0 -> 0.0, one NaN).
inline uint64_t DoubleKey(double v) {
  if (v == 0) v = 0;
  if (v != v) return 0x7ff8000000000000ULL;
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof(bits));
  return bits;
}

// Open-addressing set of 64-bit keys.
class KeySet {
 public:
  void Build(const std::vector<uint64_t>& keys) {
    size_t capacity = 16;
    while (capacity < keys.size() * 2) capacity *= 2;
    slots_.assign(capacity, 0);
    used_.assign(capacity, 0);
    mask_ = capacity - 1;
    for (uint64_t key : keys) {
      size_t pos = HashInt(key) & mask_;
      while (used_[pos] && slots_[pos] != key) pos = (pos + 1) & mask_;
      slots_[pos] = key;
      used_[pos] = 1;
    }
  }
  bool Contains(uint64_t key) const {
    size_t pos = HashInt(key) & mask_;
    while (used_[pos]) {
      if (slots_[pos] == key) return true;
      pos = (pos + 1) & mask_;
    }
    return false;
  }

 private:
  std::vector<uint64_t> slots_;
  std::vector<uint8_t> used_;
  size_t mask_ = 0;
};

struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return HashString(s); }
};

class InListState : public KernelState {
 public:
  bool has_null = false;
  // Fixed-width items as canonical keys (int64 values, uint64 bits, DoubleKey, 0/1).
  std::vector<uint64_t> keys;
  KeySet key_set;
  // String items.
  std::vector<std::string> strings;
  std::unordered_set<std::string, StringViewHash, std::equal_to<>> string_set;
  // Membership per dictionary entry, kept across batches.
  DictionaryLutCache dictionary_tables;

  bool ContainsString(std::string_view s) const {
    if (strings.size() <= kSmallList) {
      for (const std::string& item : strings) {
        if (item.size() == s.size() && std::memcmp(item.data(), s.data(), s.size()) == 0)
          return true;
      }
      return false;
    }
    return string_set.find(s) != string_set.end();
  }
};

uint64_t KeyOf(const Scalar& s) {
  const DataType& type = ValueTypeOf(s.type());
  switch (type.id()) {
    case TypeId::kFloat64:
    case TypeId::kFloat32:
      return DoubleKey(s.double_value());
    case TypeId::kBoolean:
      return s.bool_value() ? 1 : 0;
    case TypeId::kUInt64:
      return s.uint64_value();
    default:
      return static_cast<uint64_t>(s.int64_value());
  }
}

Result<std::shared_ptr<KernelState>> InitInList(std::span<const std::optional<Scalar>> literals) {
  if (literals.size() < 2) return std::shared_ptr<KernelState>();
  for (size_t i = 1; i < literals.size(); ++i) {
    if (!literals[i]) return std::shared_ptr<KernelState>();  // a non-literal item
  }
  auto state = std::make_shared<InListState>();
  for (size_t i = 1; i < literals.size(); ++i) {
    const Scalar& item = *literals[i];
    if (item.is_null()) {
      state->has_null = true;
    } else if (IsStringLike(item.type())) {
      state->strings.push_back(item.string_value());
    } else {
      state->keys.push_back(KeyOf(item));
    }
  }
  state->key_set.Build(state->keys);
  if (state->strings.size() > kSmallList) {
    state->string_set.insert(state->strings.begin(), state->strings.end());
  }
  return std::shared_ptr<KernelState>(std::move(state));
}

// Membership bits of `value` (an array) against the literal set.
template <typename T, typename ToKey>
void MemberBits(const InListState& state, const T* values, int64_t rows, uint8_t* bytes,
                ToKey to_key) {
  const std::vector<uint64_t>& keys = state.keys;
  if (keys.size() <= kSmallList) {
    for (int64_t i = 0; i < rows; ++i) {
      uint64_t key = to_key(values[i]);
      bool hit = false;
      for (uint64_t k : keys) hit |= key == k;
      bytes[i] = hit;
    }
  } else {
    for (int64_t i = 0; i < rows; ++i) bytes[i] = state.key_set.Contains(to_key(values[i]));
  }
}

Result<Datum> InListWithState(KernelContext& ctx, const InListState& state, const Datum& value,
                              int64_t rows) {
  if (value.is_scalar()) {
    ASSIGN_OR_RETURN(Array one, ArrayFromScalar(value.scalar(), 1, ctx.pool));
    ASSIGN_OR_RETURN(Datum result, InListWithState(ctx, state, Datum(one), 1));
    ASSIGN_OR_RETURN(Scalar scalar, ScalarAt(result.array(), 0));
    return Datum(std::move(scalar));
  }
  const Array& array = value.array();
  const DataType& type = array.type();
  ASSIGN_OR_RETURN(MutableBuffer bits, AllocateBitmap(ctx.pool, rows));
  if (type.id() == TypeId::kDictionary) {
    auto lut = state.dictionary_tables.GetOrBuild(
        array.data()->dictionary, [&](std::vector<uint8_t>* table) {
          StringArray dictionary(DictionaryArray(array).dictionary());
          table->resize(static_cast<size_t>(dictionary.length()));
          for (int64_t k = 0; k < dictionary.length(); ++k) {
            (*table)[k] = dictionary.IsValid(k) && state.ContainsString(dictionary.Value(k));
          }
        });
    ASSIGN_OR_RETURN(Array mapped, MapDictionaryToBoolean(array, *lut, ctx.pool));
    std::memcpy(bits.data, mapped.data()->buffers[1]->data(),
                static_cast<size_t>(bit_util::BytesForBits(rows)));
  } else {
    std::vector<uint8_t> bytes(static_cast<size_t>(rows));
    switch (type.id()) {
      case TypeId::kUtf8:
      case TypeId::kBinary: {
        StringArray strings(array);
        for (int64_t i = 0; i < rows; ++i) bytes[i] = state.ContainsString(strings.Value(i));
        break;
      }
      case TypeId::kFloat64:
        MemberBits(state, ValuesOf<double>(array), rows, bytes.data(), DoubleKey);
        break;
      case TypeId::kBoolean: {
        BooleanArray bools(array);
        bool has_true = false, has_false = false;
        for (uint64_t k : state.keys) (k ? has_true : has_false) = true;
        for (int64_t i = 0; i < rows; ++i) bytes[i] = bools.Value(i) ? has_true : has_false;
        break;
      }
      case TypeId::kDate32:
      case TypeId::kInt32:
        MemberBits(state, ValuesOf<int32_t>(array), rows, bytes.data(),
                   [](int32_t v) { return static_cast<uint64_t>(static_cast<int64_t>(v)); });
        break;
      default:
        if (type.bit_width() != 64)
          return Status::InvalidArgument("IN is not supported for {}", type.ToString());
        MemberBits(state, ValuesOf<uint64_t>(array), rows, bytes.data(),
                   [](uint64_t v) { return v; });
        break;
    }
    PackBytesToBits(bytes.data(), rows, bits.data);
  }
  // Valid where the value is valid and (matched or the list has no null).
  const Datum args[] = {value};
  ASSIGN_OR_RETURN(OutputValidity validity, IntersectValidity(ctx.pool, args, rows));
  if (state.has_null) {
    ASSIGN_OR_RETURN(MutableBuffer valid, AllocateBitmap(ctx.pool, rows));
    int64_t bytes = bit_util::BytesForBits(rows);
    std::memcpy(valid.data, bits.data, static_cast<size_t>(bytes));
    if (validity.bitmap) AndBitsInto(valid.data, validity.bitmap->data(), 0, rows);
    validity.null_count = CountZeroBits(valid.data, rows);
    validity.bitmap = validity.null_count > 0 ? valid.buffer : nullptr;
  }
  return Datum(MakeBooleanArray(rows, bits.buffer, validity));
}

// value = item1 OR value = item2 ... with Kleene OR (items that are not literals).
Result<Datum> InListByComparisons(KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  if (args.size() == 1) {
    if (args[0].is_scalar()) {
      return Datum(args[0].scalar().is_null() ? Scalar::Null(DataType::Boolean())
                                              : Scalar::Boolean(false));
    }
    ASSIGN_OR_RETURN(Datum no, ArrayFromScalar(Scalar::Boolean(false), rows, ctx.pool));
    const Datum value_args[] = {args[0]};
    ASSIGN_OR_RETURN(OutputValidity validity, IntersectValidity(ctx.pool, value_args, rows));
    return Datum(MakeBooleanArray(rows, no.array().data()->buffers[1], validity));
  }
  std::vector<uint64_t> any_true, any_null;
  int64_t words = (rows + 63) / 64;
  any_true.assign(static_cast<size_t>(words), 0);
  any_null.assign(static_cast<size_t>(words), 0);
  bool all_scalar = AllScalars(args);
  int64_t n = all_scalar ? 1 : rows;
  Datum value = args[0];
  if (all_scalar) {
    ASSIGN_OR_RETURN(Array one, ArrayFromScalar(value.scalar(), 1, ctx.pool));
    value = Datum(std::move(one));
  }
  for (size_t k = 1; k < args.size(); ++k) {
    ASSIGN_OR_RETURN(Datum eq, CompareDatums(CompareOp::kEq, ctx, value, args[k], n));
    ASSIGN_OR_RETURN(BooleanWords w, LoadBooleanWords(eq, n, ctx.pool));
    for (size_t j = 0; j < any_true.size() && j < w.values.size(); ++j) {
      any_true[j] |= w.values[j] & w.validity[j];
      any_null[j] |= ~w.validity[j];
    }
  }
  if (all_scalar) {
    bool hit = any_true[0] & 1, null = any_null[0] & 1;
    return Datum(hit    ? Scalar::Boolean(true)
                 : null ? Scalar::Null(DataType::Boolean())
                        : Scalar::Boolean(false));
  }
  std::vector<uint64_t> validity(any_true.size());
  for (size_t j = 0; j < validity.size(); ++j) validity[j] = any_true[j] | ~any_null[j];
  ASSIGN_OR_RETURN(Array out, BooleanArrayFromWords(any_true, &validity, rows, ctx.pool));
  return Datum(std::move(out));
}

Result<Datum> ExecInList(KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  const auto* state = dynamic_cast<const InListState*>(ctx.state);
  if (state != nullptr && !args.empty()) return InListWithState(ctx, *state, args[0], rows);
  // No state (not initialised or items not all literal): build one if the items are
  // scalars, else compare item by item.
  bool items_scalar = true;
  for (size_t i = 1; i < args.size(); ++i) items_scalar &= args[i].is_scalar();
  if (items_scalar && args.size() > 1) {
    std::vector<std::optional<Scalar>> literals(args.size());
    for (size_t i = 1; i < args.size(); ++i) literals[i] = args[i].scalar();
    ASSIGN_OR_RETURN(std::shared_ptr<KernelState> built, InitInList(literals));
    return InListWithState(ctx, static_cast<const InListState&>(*built), args[0], rows);
  }
  return InListByComparisons(ctx, args, rows);
}

}  // namespace

void RegisterInListFunction(FunctionRegistry& registry) {
  ScalarFunction function;
  function.name = "in_list";
  function.description = "value IN (item, ...)";
  function.coercion = ArgumentCoercion::kCommonType;
  auto add = [&](TypeMatcher value, TypeMatcher item) {
    ScalarKernel kernel;
    kernel.inputs = {std::move(value), std::move(item)};
    kernel.variadic = true;
    kernel.output = FixedOutput(DataType::Boolean());
    kernel.exec = ExecInList;
    kernel.init = InitInList;
    kernel.null_handling = NullHandling::kComputedByKernel;
    function.kernels.push_back(std::move(kernel));
  };
  add(TypeMatcher::StringDictionary(), TypeMatcher::AnyString());
  add(TypeMatcher::AnyString(), TypeMatcher::AnyString());
  for (DataType type :
       {DataType::Int64(), DataType::UInt64(), DataType::Float64(), DataType::Boolean(),
        DataType::Date32(), DataType::Duration(), DataType::Binary()}) {
    add(TypeMatcher::Exact(type), TypeMatcher::Exact(type));
  }
  add(TypeMatcher::TimestampNanos(), TypeMatcher::TimestampNanos());
  registry.AddScalar(std::move(function), {"in"});
}

}  // namespace function_internal
}  // namespace quiver
