// Comparison operators: eq, not_eq, lt, lt_eq, gt, gt_eq, is_distinct_from,
// is_not_distinct_from.
//
// Kernels: equal numeric types (Int64, UInt64, Float64; others are widened by
// coercion), Int64 with UInt64 both ways (exact, no widening), Timestamp(ns) (any zone),
// Duration(ns), Date32, Boolean, Utf8, Binary, Interval (eq/not_eq only), and
// Dictionary(Int32, Utf8) with Utf8 or with itself. A dictionary compared with a string
// literal is evaluated once per dictionary entry and then mapped through the indices
// (MapDictionaryToBoolean), the hot path of `WHERE tag = 'value'`.
//
// Floats: NaN equals NaN and sorts above every number; -0.0 equals 0.0 (PostgreSQL).
#include "function/comparison_internal.h"
#include "function/function_list_internal.h"

namespace quiver {
namespace function_internal {
namespace {

template <CompareOp kOp>
inline bool OnOrder(int order) {
  if constexpr (kOp == CompareOp::kEq) return order == 0;
  if constexpr (kOp == CompareOp::kNe) return order != 0;
  if constexpr (kOp == CompareOp::kLt) return order < 0;
  if constexpr (kOp == CompareOp::kLe) return order <= 0;
  if constexpr (kOp == CompareOp::kGt) return order > 0;
  return order >= 0;
}

template <typename Fn>
void WithOp(CompareOp op, Fn&& fn) {
  switch (op) {
    case CompareOp::kEq:
      fn.template operator()<CompareOp::kEq>();
      break;
    case CompareOp::kNe:
      fn.template operator()<CompareOp::kNe>();
      break;
    case CompareOp::kLt:
      fn.template operator()<CompareOp::kLt>();
      break;
    case CompareOp::kLe:
      fn.template operator()<CompareOp::kLe>();
      break;
    case CompareOp::kGt:
      fn.template operator()<CompareOp::kGt>();
      break;
    case CompareOp::kGe:
      fn.template operator()<CompareOp::kGe>();
      break;
  }
}

// Packs pred(i) for every row.
template <typename Pred>
void PackRows(int64_t rows, uint8_t* out, Pred pred) {
  int64_t i = 0;
  for (; i + 8 <= rows; i += 8) {
    uint8_t byte = 0;
    for (int j = 0; j < 8; ++j) byte |= static_cast<uint8_t>(pred(i + j)) << j;
    out[i >> 3] = byte;
  }
  if (i < rows) {
    uint8_t byte = 0;
    for (int j = 0; i + j < rows; ++j) byte |= static_cast<uint8_t>(pred(i + j)) << j;
    out[i >> 3] = byte;
  }
}

inline int Order(int64_t a, uint64_t b) {
  if (a < 0) return -1;
  uint64_t x = static_cast<uint64_t>(a);
  return x < b ? -1 : (x > b ? 1 : 0);
}
inline int Order(uint64_t a, int64_t b) { return -Order(b, a); }
inline int Order(std::string_view a, std::string_view b) {
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}
template <typename T>
inline int Order(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// Value reader over an array or a broadcast scalar.
template <typename T>
struct FixedReader {
  const T* values = nullptr;
  T scalar{};
  explicit FixedReader(const Datum& d) {
    if (d.is_array()) {
      values = ValuesOf<T>(d.array());
    } else if (d.scalar().is_valid()) {
      scalar = ScalarValue<T>(d.scalar());
    }
  }
  T operator[](int64_t i) const { return values ? values[i] : scalar; }
};

struct StringSource {
  std::optional<StringReader> reader;
  std::string_view scalar;
  explicit StringSource(const Datum& d) {
    if (d.is_array()) {
      reader.emplace(d.array());
    } else if (d.scalar().is_valid()) {
      scalar = d.scalar().string_value();
    }
  }
  std::string_view operator[](int64_t i) const { return reader ? (*reader)[i] : scalar; }
};

// Generic three-way comparison loop.
template <typename ReadA, typename ReadB>
void CompareByOrder(CompareOp op, const ReadA& a, const ReadB& b, int64_t rows, uint8_t* out) {
  WithOp(op, [&]<CompareOp kOp>() {
    PackRows(rows, out, [&](int64_t i) { return OnOrder<kOp>(Order(a[i], b[i])); });
  });
}

// Same-type fixed-width values through the SIMD loops.
template <typename T>
void CompareSimd(CompareOp op, const Datum& a, const Datum& b, int64_t rows, uint8_t* out) {
  if (a.is_array() && b.is_array()) {
    CompareArrayArrayToBits(op, ValuesOf<T>(a.array()), ValuesOf<T>(b.array()), rows, out);
  } else if (a.is_array()) {
    T scalar = b.scalar().is_valid() ? ScalarValue<T>(b.scalar()) : T{};
    CompareArrayScalarToBits(op, ValuesOf<T>(a.array()), scalar, rows, out);
  } else {
    T scalar = a.scalar().is_valid() ? ScalarValue<T>(a.scalar()) : T{};
    CompareArrayScalarToBits(FlipCompareOp(op), ValuesOf<T>(b.array()), scalar, rows, out);
  }
}

void CompareBooleans(CompareOp op, const Datum& a, const Datum& b, int64_t rows, uint8_t* out) {
  int64_t bytes = bit_util::BytesForBits(rows);
  auto load = [&](const Datum& d, std::vector<uint8_t>& bits) {
    bits.assign(static_cast<size_t>(bytes), 0);
    if (d.is_array()) {
      CopyBitsAligned(BooleanArray(d.array()).values_bitmap(), d.array().offset(), rows,
                      bits.data());
    } else if (d.scalar().is_valid() && d.scalar().bool_value()) {
      std::fill(bits.begin(), bits.end(), 0xFF);
    }
  };
  std::vector<uint8_t> x, y;
  load(a, x);
  load(b, y);
  for (int64_t j = 0; j < bytes; ++j) {
    uint8_t p = x[j], q = y[j];
    uint8_t r = 0;
    switch (op) {
      case CompareOp::kEq:
        r = static_cast<uint8_t>(~(p ^ q));
        break;
      case CompareOp::kNe:
        r = p ^ q;
        break;
      case CompareOp::kLt:
        r = static_cast<uint8_t>(~p & q);
        break;
      case CompareOp::kLe:
        r = static_cast<uint8_t>(~p | q);
        break;
      case CompareOp::kGt:
        r = static_cast<uint8_t>(p & ~q);
        break;
      case CompareOp::kGe:
        r = static_cast<uint8_t>(p | ~q);
        break;
    }
    out[j] = r;
  }
}

bool IsStringDictionary(const DataType& t) {
  return t.id() == TypeId::kDictionary && t.value_type().is_binary_like();
}

// A string dictionary array compared with a string scalar: one comparison per dictionary
// entry, then the indices map through the table. Returns false (nothing written) when the
// dictionary is much larger than the batch, where a per-row comparison is cheaper.
Result<std::optional<BufferPtr>> CompareDictionaryWithScalar(CompareOp op, KernelContext& ctx,
                                                             const Array& dictionary_array,
                                                             std::string_view value, int64_t rows,
                                                             const DictionaryLutCache* cache) {
  DictionaryArray dict(dictionary_array);
  int64_t size = dict.dictionary().length();
  // Without a cache the table is rebuilt per batch: not worth it for a huge dictionary.
  if (cache == nullptr && size > 4 * rows + 1024) return std::optional<BufferPtr>();
  auto build = [&](std::vector<uint8_t>* lut) {
    StringArray values(dict.dictionary());
    lut->resize(static_cast<size_t>(size));
    WithOp(op, [&]<CompareOp kOp>() {
      for (int64_t k = 0; k < size; ++k) (*lut)[k] = OnOrder<kOp>(Order(values.Value(k), value));
    });
  };
  std::shared_ptr<const std::vector<uint8_t>> lut;
  if (cache != nullptr) {
    lut = cache->GetOrBuild(dictionary_array.data()->dictionary, build);
  } else {
    auto local = std::make_shared<std::vector<uint8_t>>();
    build(local.get());
    lut = std::move(local);
  }
  ASSIGN_OR_RETURN(Array mapped, MapDictionaryToBoolean(dictionary_array, *lut, ctx.pool));
  return std::optional<BufferPtr>(mapped.data()->buffers[1]);
}

}  // namespace

Result<BufferPtr> CompareBits(CompareOp op, KernelContext& ctx, const Datum& a, const Datum& b,
                              int64_t rows, const DictionaryLutCache* cache) {
  const DataType& ta = a.type();
  const DataType& tb = b.type();
  // Dictionary with a scalar string: evaluate the dictionary once.
  if (IsStringDictionary(ta) && a.is_array() && b.is_scalar()) {
    std::string_view value =
        b.scalar().is_valid() ? std::string_view(b.scalar().string_value()) : "";
    ASSIGN_OR_RETURN(auto bits,
                     CompareDictionaryWithScalar(op, ctx, a.array(), value, rows, cache));
    if (bits) return *bits;
  }
  if (IsStringDictionary(tb) && b.is_array() && a.is_scalar()) {
    return CompareBits(FlipCompareOp(op), ctx, b, a, rows, cache);
  }
  ASSIGN_OR_RETURN(MutableBuffer out, AllocateBitmap(ctx.pool, rows));
  // Two arrays of the same dictionary: compare indices for (in)equality.
  if (IsStringDictionary(ta) && IsStringDictionary(tb) && a.is_array() && b.is_array() &&
      a.array().data()->dictionary == b.array().data()->dictionary &&
      (op == CompareOp::kEq || op == CompareOp::kNe)) {
    FixedReader<int32_t> x(a), y(b);
    CompareByOrder(op, x, y, rows, out.data);
    return out.buffer;
  }
  if (IsStringLike(ta) && IsStringLike(tb)) {
    StringSource x(a), y(b);
    CompareByOrder(op, x, y, rows, out.data);
    return out.buffer;
  }
  switch (ta.id()) {
    case TypeId::kInt64:
      if (tb.id() == TypeId::kUInt64) {
        CompareByOrder(op, FixedReader<int64_t>(a), FixedReader<uint64_t>(b), rows, out.data);
      } else {
        CompareSimd<int64_t>(op, a, b, rows, out.data);
      }
      return out.buffer;
    case TypeId::kUInt64:
      if (tb.id() == TypeId::kInt64) {
        CompareByOrder(op, FixedReader<uint64_t>(a), FixedReader<int64_t>(b), rows, out.data);
      } else {
        CompareSimd<uint64_t>(op, a, b, rows, out.data);
      }
      return out.buffer;
    case TypeId::kTimestamp:
    case TypeId::kDuration:
      CompareSimd<int64_t>(op, a, b, rows, out.data);
      return out.buffer;
    case TypeId::kFloat64:
      CompareSimd<double>(op, a, b, rows, out.data);
      return out.buffer;
    case TypeId::kDate32:
    case TypeId::kInt32:
      CompareByOrder(op, FixedReader<int32_t>(a), FixedReader<int32_t>(b), rows, out.data);
      return out.buffer;
    case TypeId::kBoolean:
      CompareBooleans(op, a, b, rows, out.data);
      return out.buffer;
    case TypeId::kIntervalMonthDayNano: {
      if (op != CompareOp::kEq && op != CompareOp::kNe) break;
      FixedReader<MonthDayNano> x(a), y(b);
      bool want_equal = op == CompareOp::kEq;
      PackRows(rows, out.data, [&](int64_t i) { return (x[i] == y[i]) == want_equal; });
      return out.buffer;
    }
    default:
      break;
  }
  return Status::InvalidArgument("cannot compare {} with {}", ta.ToString(), tb.ToString());
}

Result<Datum> CompareDatums(CompareOp op, KernelContext& ctx, const Datum& a, const Datum& b,
                            int64_t rows, const DictionaryLutCache* cache) {
  if (a.is_scalar() && b.is_scalar()) {
    if (a.scalar().is_null() || b.scalar().is_null())
      return Datum(Scalar::Null(DataType::Boolean()));
    ASSIGN_OR_RETURN(Array one, ArrayFromScalar(a.scalar(), 1, ctx.pool));
    ASSIGN_OR_RETURN(BufferPtr bits, CompareBits(op, ctx, Datum(one), b, 1));
    return Datum(Scalar::Boolean(bit_util::GetBit(bits->data(), 0)));
  }
  const Datum args[] = {a, b};
  if (AnyNullScalar(args)) return Datum(MakeNullArray(DataType::Boolean(), rows));
  ASSIGN_OR_RETURN(BufferPtr bits, CompareBits(op, ctx, a, b, rows, cache));
  ASSIGN_OR_RETURN(OutputValidity validity, IntersectValidity(ctx.pool, args, rows));
  return Datum(MakeBooleanArray(rows, std::move(bits), validity));
}

Result<Datum> DistinctDatums(bool distinct, KernelContext& ctx, const Datum& a, const Datum& b,
                             int64_t rows) {
  if (a.is_scalar() && b.is_scalar()) {
    bool a_null = a.scalar().is_null(), b_null = b.scalar().is_null();
    bool same;
    if (a_null || b_null) {
      same = a_null && b_null;
    } else {
      ASSIGN_OR_RETURN(Datum eq, CompareDatums(CompareOp::kEq, ctx, a, b, 1));
      same = eq.scalar().bool_value();
    }
    return Datum(Scalar::Boolean(distinct ? !same : same));
  }
  int64_t bytes = bit_util::BytesForBits(rows);
  // Value equality (garbage where either side is null), then fix up null rows.
  std::vector<uint8_t> equal(static_cast<size_t>(bytes), 0);
  const bool a_null_scalar = a.is_scalar() && a.scalar().is_null();
  const bool b_null_scalar = b.is_scalar() && b.scalar().is_null();
  if (!a_null_scalar && !b_null_scalar) {
    ASSIGN_OR_RETURN(BufferPtr bits, CompareBits(CompareOp::kEq, ctx, a, b, rows));
    std::memcpy(equal.data(), bits->data(), static_cast<size_t>(bytes));
  }
  auto validity_of = [&](const Datum& d, std::vector<uint8_t>& out) -> Status {
    out.assign(static_cast<size_t>(bytes), 0xFF);
    if (d.is_scalar()) {
      if (d.scalar().is_null()) std::fill(out.begin(), out.end(), 0);
      return Status::OK();
    }
    ASSIGN_OR_RETURN(ValidityView view, LogicalValidity(d.array(), ctx.pool));
    if (view.data != nullptr) CopyBitsAligned(view.data, view.offset, rows, out.data());
    return Status::OK();
  };
  std::vector<uint8_t> va, vb;
  RETURN_NOT_OK(validity_of(a, va));
  RETURN_NOT_OK(validity_of(b, vb));
  ASSIGN_OR_RETURN(MutableBuffer out, AllocateBitmap(ctx.pool, rows));
  for (int64_t j = 0; j < bytes; ++j) {
    uint8_t same = static_cast<uint8_t>((va[j] & vb[j] & equal[j]) | (~va[j] & ~vb[j]));
    out.data[j] = distinct ? static_cast<uint8_t>(~same) : same;
  }
  return Datum(MakeBooleanArray(rows, out.buffer, OutputValidity{}));
}

namespace {

std::vector<std::pair<TypeMatcher, TypeMatcher>> ComparableSignatures(bool ordered) {
  std::vector<std::pair<TypeMatcher, TypeMatcher>> out = {
      {TypeMatcher::Exact(DataType::Int64()), TypeMatcher::Exact(DataType::Int64())},
      {TypeMatcher::Exact(DataType::UInt64()), TypeMatcher::Exact(DataType::UInt64())},
      {TypeMatcher::Exact(DataType::Float64()), TypeMatcher::Exact(DataType::Float64())},
      {TypeMatcher::Exact(DataType::Int64()), TypeMatcher::Exact(DataType::UInt64())},
      {TypeMatcher::Exact(DataType::UInt64()), TypeMatcher::Exact(DataType::Int64())},
      {TypeMatcher::TimestampNanos(), TypeMatcher::TimestampNanos()},
      {TypeMatcher::Exact(DataType::Duration()), TypeMatcher::Exact(DataType::Duration())},
      {TypeMatcher::Exact(DataType::Date32()), TypeMatcher::Exact(DataType::Date32())},
      {TypeMatcher::Exact(DataType::Boolean()), TypeMatcher::Exact(DataType::Boolean())},
      {TypeMatcher::AnyString(), TypeMatcher::AnyString()},
      {TypeMatcher::Exact(DataType::Binary()), TypeMatcher::Exact(DataType::Binary())},
      {TypeMatcher::StringDictionary(), TypeMatcher::AnyString()},
      {TypeMatcher::AnyString(), TypeMatcher::StringDictionary()},
      {TypeMatcher::StringDictionary(), TypeMatcher::StringDictionary()},
  };
  if (!ordered) {
    out.push_back({TypeMatcher::Exact(DataType::IntervalMonthDayNano()),
                   TypeMatcher::Exact(DataType::IntervalMonthDayNano())});
  }
  return out;
}

// State of a dictionary-vs-literal comparison: the literal and its per-dictionary tables.
class ComparisonState : public KernelState {
 public:
  std::string literal;
  DictionaryLutCache dictionary_tables;
};

Result<std::shared_ptr<KernelState>> InitDictionaryComparison(
    std::span<const std::optional<Scalar>> literals) {
  for (const auto& literal : literals) {
    if (literal && literal->is_valid() && IsStringLike(literal->type())) {
      auto state = std::make_shared<ComparisonState>();
      state->literal = literal->string_value();
      return std::shared_ptr<KernelState>(std::move(state));
    }
  }
  return std::shared_ptr<KernelState>();
}

// The cache of `state` if it was made for the scalar argument of this call.
const DictionaryLutCache* CacheFor(const KernelState* state, std::span<const Datum> args) {
  const auto* comparison = dynamic_cast<const ComparisonState*>(state);
  if (comparison == nullptr) return nullptr;
  for (const Datum& arg : args) {
    if (arg.is_scalar() && arg.scalar().is_valid() && IsStringLike(arg.type()) &&
        arg.scalar().string_value() == comparison->literal) {
      return &comparison->dictionary_tables;
    }
  }
  return nullptr;
}

void AddComparison(FunctionRegistry& registry, const char* name, const char* description,
                   CompareOp op, std::vector<std::string> aliases) {
  ScalarFunction function;
  function.name = name;
  function.description = description;
  function.coercion = ArgumentCoercion::kCommonType;
  bool ordered = op != CompareOp::kEq && op != CompareOp::kNe;
  for (auto& [left, right] : ComparableSignatures(ordered)) {
    ScalarKernel kernel;
    kernel.inputs = {left, right};
    kernel.output = FixedOutput(DataType::Boolean());
    // Dictionary kernels keep the dictionary tables of a literal across batches.
    const std::string dictionary_name = TypeMatcher::StringDictionary().name();
    bool dictionary = left.name() == dictionary_name || right.name() == dictionary_name;
    if (dictionary) kernel.init = InitDictionaryComparison;
    kernel.exec = [op](KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
      return CompareDatums(op, ctx, args[0], args[1], rows, CacheFor(ctx.state, args));
    };
    function.kernels.push_back(std::move(kernel));
  }
  registry.AddScalar(std::move(function), std::move(aliases));
}

void AddDistinct(FunctionRegistry& registry, const char* name, const char* description,
                 bool distinct) {
  ScalarFunction function;
  function.name = name;
  function.description = description;
  function.coercion = ArgumentCoercion::kCommonType;
  for (auto& [left, right] : ComparableSignatures(false)) {
    ScalarKernel kernel;
    kernel.inputs = {left, right};
    kernel.output = FixedOutput(DataType::Boolean());
    kernel.null_handling = NullHandling::kComputedByKernel;
    kernel.exec = [distinct](KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
      return DistinctDatums(distinct, ctx, args[0], args[1], rows);
    };
    function.kernels.push_back(std::move(kernel));
  }
  registry.AddScalar(std::move(function));
}

}  // namespace

void RegisterComparisonFunctions(FunctionRegistry& registry) {
  AddComparison(registry, "eq", "a = b", CompareOp::kEq, {"="});
  AddComparison(registry, "not_eq", "a <> b", CompareOp::kNe, {"<>", "!=", "neq"});
  AddComparison(registry, "lt", "a < b", CompareOp::kLt, {"<"});
  AddComparison(registry, "lt_eq", "a <= b", CompareOp::kLe, {"<=", "lte"});
  AddComparison(registry, "gt", "a > b", CompareOp::kGt, {">"});
  AddComparison(registry, "gt_eq", "a >= b", CompareOp::kGe, {">=", "gte"});
  AddDistinct(registry, "is_distinct_from", "a IS DISTINCT FROM b (null-safe <>)", true);
  AddDistinct(registry, "is_not_distinct_from", "a IS NOT DISTINCT FROM b (null-safe =)", false);
}

}  // namespace function_internal
}  // namespace quiver
