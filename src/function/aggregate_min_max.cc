// min(x) / max(x) over numbers (every width, result of the input type), timestamps,
// durations, dates, Boolean (false < true), Utf8/Binary (byte order = code point order) and
// string dictionaries (result: the value type, Utf8). Null for a group without non-null
// values. Floats: NaN is the largest value (PostgreSQL), so max is NaN if any value is.
#include <limits>

#include "function/aggregate_internal.h"
#include "function/function_list_internal.h"

namespace quiver::function_internal {
namespace {

template <typename T, bool kMax>
struct Extremum {
  // Starting value of an empty group; also what null rows contribute.
  static constexpr T Identity() {
    if constexpr (std::is_floating_point_v<T>) {
      return kMax ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::quiet_NaN();
    } else {
      return kMax ? std::numeric_limits<T>::lowest() : std::numeric_limits<T>::max();
    }
  }
  // The better of the current state `m` and a candidate `v`.
  static T Combine(T m, T v) {
    if constexpr (std::is_floating_point_v<T>) {
      if constexpr (kMax) return (v > m || v != v) ? v : m;
      return (v < m || m != m) ? v : m;
    } else {
      if constexpr (kMax) return v > m ? v : m;
      return v < m ? v : m;
    }
  }
};

template <typename T, bool kMax>
class NumericMinMax : public GroupedAggregator {
  using Ops = Extremum<T, kMax>;

 public:
  NumericMinMax(DataType type, MemoryPool* pool) : type_(std::move(type)), pool_(pool) {}

  Status Resize(int64_t num_groups) override {
    GrowTo(values_, num_groups, Ops::Identity());
    GrowTo(has_, num_groups);
    return Status::OK();
  }

  Status Consume(std::span<const Datum> args, std::span<const uint32_t> group_ids) override {
    ASSIGN_OR_RETURN(AggregateInput<T> in, ReadInput<T>(args[0], pool_));
    int64_t rows = static_cast<int64_t>(group_ids.size());
    const uint32_t* ids = group_ids.data();
    T* m = values_.data();
    uint8_t* has = has_.data();
    if (in.is_scalar()) {
      if (!in.scalar_valid) return Status::OK();
      for (int64_t i = 0; i < rows; ++i) {
        uint32_t g = ids[i];
        m[g] = Ops::Combine(m[g], in.scalar);
        has[g] = 1;
      }
      return Status::OK();
    }
    const T* v = in.values;
    if (in.validity == nullptr) {
      for (int64_t i = 0; i < rows; ++i) {
        uint32_t g = ids[i];
        m[g] = Ops::Combine(m[g], v[i]);
        has[g] = 1;
      }
    } else {
      const T identity = Ops::Identity();
      for (int64_t i = 0; i < rows; ++i) {
        uint32_t g = ids[i];
        bool valid = bit_util::GetBit(in.validity, in.validity_offset + i);
        m[g] = Ops::Combine(m[g], valid ? v[i] : identity);
        has[g] |= static_cast<uint8_t>(valid);
      }
    }
    return Status::OK();
  }

  Status ConsumeOneGroup(std::span<const Datum> args, int64_t rows, uint32_t group_id) override {
    ASSIGN_OR_RETURN(AggregateInput<T> in, ReadInput<T>(args[0], pool_));
    if (in.is_scalar()) {
      if (!in.scalar_valid || rows == 0) return Status::OK();
      values_[group_id] = Ops::Combine(values_[group_id], in.scalar);
      has_[group_id] = 1;
      return Status::OK();
    }
    const T identity = Ops::Identity();
    T partial[4] = {identity, identity, identity, identity};
    bool any = false;
    const T* v = in.values;
    int64_t i = 0;
    if (in.validity == nullptr) {
      for (; i + 4 <= rows; i += 4) {
        for (int k = 0; k < 4; ++k) partial[k] = Ops::Combine(partial[k], v[i + k]);
      }
      for (; i < rows; ++i) partial[0] = Ops::Combine(partial[0], v[i]);
      any = rows > 0;
    } else {
      for (; i < rows; ++i) {
        bool valid = bit_util::GetBit(in.validity, in.validity_offset + i);
        partial[i & 3] = Ops::Combine(partial[i & 3], valid ? v[i] : identity);
        any |= valid;
      }
    }
    if (!any) return Status::OK();
    T& m = values_[group_id];
    for (int k = 0; k < 4; ++k) m = Ops::Combine(m, partial[k]);
    has_[group_id] = 1;
    return Status::OK();
  }

  Status Merge(GroupedAggregator& other_base, std::span<const uint32_t> mapping) override {
    auto& other = static_cast<NumericMinMax&>(other_base);
    for (size_t g = 0; g < mapping.size(); ++g) {
      if (!other.has_[g]) continue;
      uint32_t target = mapping[g];
      values_[target] = Ops::Combine(values_[target], other.values_[g]);
      has_[target] = 1;
    }
    return Status::OK();
  }

  Result<Array> Finalize() override { return BuildFixedResult(type_, values_, &has_, pool_); }

 private:
  DataType type_;
  MemoryPool* pool_;
  std::vector<T> values_;
  std::vector<uint8_t> has_;
};

template <bool kMax>
class BooleanMinMax : public GroupedAggregator {
 public:
  explicit BooleanMinMax(MemoryPool* pool) : pool_(pool) {}

  Status Resize(int64_t num_groups) override {
    GrowTo(values_, num_groups, static_cast<uint8_t>(kMax ? 0 : 1));
    GrowTo(has_, num_groups);
    return Status::OK();
  }

  Status Consume(std::span<const Datum> args, std::span<const uint32_t> group_ids) override {
    const Datum& arg = args[0];
    int64_t rows = static_cast<int64_t>(group_ids.size());
    if (arg.is_scalar()) {
      if (arg.scalar().is_null()) return Status::OK();
      uint8_t v = arg.scalar().bool_value();
      for (int64_t i = 0; i < rows; ++i) Update(group_ids[i], v);
      return Status::OK();
    }
    ASSIGN_OR_RETURN(BooleanWords words, LoadBooleanWords(arg, rows, pool_));
    for (int64_t i = 0; i < rows; ++i) {
      uint64_t bit = uint64_t{1} << (i & 63);
      if (!(words.validity[i >> 6] & bit)) continue;
      Update(group_ids[i], (words.values[i >> 6] & bit) != 0);
    }
    return Status::OK();
  }

  Status Merge(GroupedAggregator& other_base, std::span<const uint32_t> mapping) override {
    auto& other = static_cast<BooleanMinMax&>(other_base);
    for (size_t g = 0; g < mapping.size(); ++g) {
      if (other.has_[g]) Update(mapping[g], other.values_[g]);
    }
    return Status::OK();
  }

  Result<Array> Finalize() override {
    int64_t n = static_cast<int64_t>(values_.size());
    ASSIGN_OR_RETURN(MutableBuffer bits, AllocateBitmap(pool_, n));
    PackBytesToBits(values_.data(), n, bits.data);
    ASSIGN_OR_RETURN(Array validity_source,
                     BuildFixedResult(DataType::UInt8(), values_, &has_, pool_));
    return MakeArray(DataType::Boolean(), n, validity_source.data()->buffers[0],
                     validity_source.null_count(), {bits.buffer});
  }

 private:
  void Update(uint32_t g, uint8_t v) {
    values_[g] = kMax ? (values_[g] | v) : (values_[g] & v);
    has_[g] = 1;
  }

  MemoryPool* pool_;
  std::vector<uint8_t> values_;
  std::vector<uint8_t> has_;
};

template <bool kMax>
class StringMinMax : public GroupedAggregator {
 public:
  StringMinMax(DataType type, MemoryPool* pool) : type_(std::move(type)), pool_(pool) {}

  Status Resize(int64_t num_groups) override {
    GrowTo(values_, num_groups);
    GrowTo(has_, num_groups);
    return Status::OK();
  }

  Status Consume(std::span<const Datum> args, std::span<const uint32_t> group_ids) override {
    const Datum& arg = args[0];
    int64_t rows = static_cast<int64_t>(group_ids.size());
    if (arg.is_scalar()) {
      if (arg.scalar().is_null()) return Status::OK();
      std::string_view v = arg.scalar().string_value();
      for (int64_t i = 0; i < rows; ++i) Update(group_ids[i], v);
      return Status::OK();
    }
    const Array& array = arg.array();
    ASSIGN_OR_RETURN(ValidityView validity, LogicalValidity(array, pool_));
    StringReader reader(array);
    for (int64_t i = 0; i < rows; ++i) {
      if (validity.data != nullptr && !bit_util::GetBit(validity.data, validity.offset + i))
        continue;
      Update(group_ids[i], reader[i]);
    }
    return Status::OK();
  }

  Status Merge(GroupedAggregator& other_base, std::span<const uint32_t> mapping) override {
    auto& other = static_cast<StringMinMax&>(other_base);
    for (size_t g = 0; g < mapping.size(); ++g) {
      if (other.has_[g]) Update(mapping[g], other.values_[g]);
    }
    return Status::OK();
  }

  Result<Array> Finalize() override {
    StringBuilder builder(type_, pool_);
    RETURN_NOT_OK(builder.Reserve(static_cast<int64_t>(values_.size())));
    for (size_t g = 0; g < values_.size(); ++g) {
      if (has_[g]) {
        RETURN_NOT_OK(builder.Append(values_[g]));
      } else {
        RETURN_NOT_OK(builder.AppendNull());
      }
    }
    return builder.Finish();
  }

 private:
  void Update(uint32_t g, std::string_view v) {
    if (!has_[g] || (kMax ? v > std::string_view(values_[g]) : v < std::string_view(values_[g]))) {
      values_[g].assign(v);
      has_[g] = 1;
    }
  }

  DataType type_;
  MemoryPool* pool_;
  std::vector<std::string> values_;
  std::vector<uint8_t> has_;
};

template <bool kMax>
Result<std::unique_ptr<GroupedAggregator>> MakeMinMax(const AggregateOptions& options) {
  const DataType& type = options.arg_types[0];
  const DataType& out = options.output_type;
  switch (type.id()) {
    case TypeId::kBoolean:
      return std::unique_ptr<GroupedAggregator>(new BooleanMinMax<kMax>(options.pool));
    case TypeId::kUtf8:
    case TypeId::kBinary:
    case TypeId::kDictionary:
      return std::unique_ptr<GroupedAggregator>(new StringMinMax<kMax>(out, options.pool));
    case TypeId::kTimestamp:
    case TypeId::kDuration:
      return std::unique_ptr<GroupedAggregator>(
          new NumericMinMax<int64_t, kMax>(out, options.pool));
    case TypeId::kDate32:
      return std::unique_ptr<GroupedAggregator>(
          new NumericMinMax<int32_t, kMax>(out, options.pool));
    default:
      break;
  }
  std::unique_ptr<GroupedAggregator> result;
  VisitNumericType(type.id(), [&]<typename T>() {
    result.reset(new NumericMinMax<T, kMax>(out, options.pool));
  });
  if (!result) return Status::InvalidArgument("min/max is not supported for {}", type.ToString());
  return result;
}

void Register(FunctionRegistry& registry, const char* name, const char* description, bool is_max) {
  AggregateFunction function;
  function.name = name;
  function.description = description;
  auto make = is_max ? AggregatorFactory(MakeMinMax<true>) : AggregatorFactory(MakeMinMax<false>);
  TypeMatcher supported = TypeMatcher::Custom("orderable", [](const DataType& t) {
    if (t.is_numeric()) return true;
    switch (t.id()) {
      case TypeId::kBoolean:
      case TypeId::kUtf8:
      case TypeId::kBinary:
      case TypeId::kTimestamp:
      case TypeId::kDuration:
      case TypeId::kDate32:
        return true;
      case TypeId::kDictionary:
        return t.value_type().is_binary_like();
      default:
        return false;
    }
  });
  function.kernels.push_back(MakeAggregateKernel(
      {supported},
      [](std::span<const DataType> types) -> Result<DataType> { return ValueTypeOf(types[0]); },
      make, true));
  registry.AddAggregate(std::move(function));
}

}  // namespace

void RegisterMinMaxAggregates(FunctionRegistry& registry) {
  Register(registry, "min", "smallest non-null value", false);
  Register(registry, "max", "largest non-null value", true);
}

}  // namespace quiver::function_internal
