// first_value(x ORDER BY key) / last_value(x ORDER BY key), called with (x, key). x may be
// of any non-nested type (string dictionaries give their value type); key is an integer,
// timestamp, duration, date or float. NULL x values are respected (SQL RESPECT NULLS: the
// first row may carry a null x). Rows with a null key sort last for ASC and first for DESC
// unless AggregateOptions::nulls_first says otherwise.
//
// Ties on the key: first_value keeps the earliest row, last_value the latest; "earlier"
// is consumption order, and in Merge the other aggregator's rows count as later.
//
// Per batch, a first pass compares keys only (winning row per touched group), a second
// copies each touched group's winning value once, so the per-row work is independent of
// the value type.
#include <cmath>

#include "function/aggregate_internal.h"
#include "function/function_list_internal.h"

namespace quiver::function_internal {
namespace {

// A totally ordered key: null placement first, then the value as order-preserving bits.
struct OrderKey {
  uint8_t null_rank = 0;
  uint64_t bits = 0;
  friend bool operator<(const OrderKey& a, const OrderKey& b) {
    return a.null_rank < b.null_rank || (a.null_rank == b.null_rank && a.bits < b.bits);
  }
};

template <typename K>
inline uint64_t OrderBits(K v) {
  if constexpr (std::is_floating_point_v<K>) {
    double d = static_cast<double>(v);
    if (d != d) d = std::numeric_limits<double>::quiet_NaN();  // one NaN, above +inf
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof(bits));
    return (bits >> 63) ? ~bits : bits | (uint64_t{1} << 63);
  } else if constexpr (std::is_signed_v<K>) {
    return static_cast<uint64_t>(static_cast<int64_t>(v)) ^ (uint64_t{1} << 63);
  } else {
    return static_cast<uint64_t>(v);
  }
}

// Per-group storage of the winning x values.
class ValueStore {
 public:
  explicit ValueStore(DataType type) : type_(std::move(type)) {
    const DataType& value_type = ValueTypeOf(type_);
    if (value_type.is_binary_like()) {
      kind_ = Kind::kString;
    } else if (value_type.id() == TypeId::kBoolean) {
      kind_ = Kind::kBool;
    } else if (value_type.id() == TypeId::kNull) {
      kind_ = Kind::kNull;
    } else {
      kind_ = Kind::kFixed;
      width_ = value_type.bit_width() / 8;
    }
  }

  Status Check() const {
    if (kind_ == Kind::kFixed && (width_ <= 0 || ValueTypeOf(type_).is_nested())) {
      return Status::NotImplemented("first_value/last_value over {} is not supported",
                                    type_.ToString());
    }
    return Status::OK();
  }

  void Resize(int64_t n) {
    GrowTo(valid_, n);
    if (kind_ == Kind::kFixed) GrowTo(fixed_, n * width_);
    if (kind_ == Kind::kBool) GrowTo(bools_, n);
    if (kind_ == Kind::kString) GrowTo(strings_, n);
  }

  // Binds the batch's x argument (before CopyFrom calls).
  Status Bind(const Datum& x, MemoryPool* pool) {
    x_ = &x;
    if (x.is_array()) {
      ASSIGN_OR_RETURN(validity_, LogicalValidity(x.array(), pool));
      if (kind_ == Kind::kString) reader_.emplace(x.array());
    }
    return Status::OK();
  }

  void CopyFrom(uint32_t g, int64_t row) {
    const Datum& x = *x_;
    if (x.is_scalar()) {
      const Scalar& s = x.scalar();
      valid_[g] = s.is_valid() && kind_ != Kind::kNull;
      if (!valid_[g]) return;
      switch (kind_) {
        case Kind::kString:
          strings_[g] = s.string_value();
          break;
        case Kind::kBool:
          bools_[g] = s.bool_value();
          break;
        case Kind::kFixed: {
          Result<Array> one = ArrayFromScalar(s, 1, DefaultMemoryPool());
          if (one.ok())
            std::memcpy(&fixed_[g * width_], one->data()->buffers[1]->data(),
                        static_cast<size_t>(width_));
          break;
        }
        case Kind::kNull:
          break;
      }
      return;
    }
    const Array& array = x.array();
    bool valid = kind_ != Kind::kNull && (validity_.data == nullptr ||
                                          bit_util::GetBit(validity_.data, validity_.offset + row));
    valid_[g] = valid;
    if (!valid) return;
    switch (kind_) {
      case Kind::kString:
        strings_[g].assign((*reader_)[row]);
        break;
      case Kind::kBool:
        bools_[g] = BooleanArray(array).Value(row);
        break;
      case Kind::kFixed:
        std::memcpy(&fixed_[g * width_],
                    array.data()->buffers[1]->data() + (array.offset() + row) * width_,
                    static_cast<size_t>(width_));
        break;
      case Kind::kNull:
        break;
    }
  }

  void CopyFrom(uint32_t g, ValueStore& other, uint32_t h) {
    valid_[g] = other.valid_[h];
    if (!valid_[g]) return;
    switch (kind_) {
      case Kind::kString:
        strings_[g].swap(other.strings_[h]);
        break;
      case Kind::kBool:
        bools_[g] = other.bools_[h];
        break;
      case Kind::kFixed:
        std::memcpy(&fixed_[g * width_], &other.fixed_[h * width_], static_cast<size_t>(width_));
        break;
      case Kind::kNull:
        break;
    }
  }

  Result<Array> Finish(int64_t n, MemoryPool* pool) const {
    const DataType& out_type = ValueTypeOf(type_);
    switch (kind_) {
      case Kind::kNull:
        return MakeNullArray(out_type, n);
      case Kind::kString: {
        StringBuilder builder(out_type, pool);
        RETURN_NOT_OK(builder.Reserve(n));
        for (int64_t g = 0; g < n; ++g) {
          if (valid_[g]) {
            RETURN_NOT_OK(builder.Append(strings_[g]));
          } else {
            RETURN_NOT_OK(builder.AppendNull());
          }
        }
        return builder.Finish();
      }
      case Kind::kBool: {
        ASSIGN_OR_RETURN(Array bytes, BuildFixedResult(DataType::UInt8(), bools_, &valid_, pool));
        ASSIGN_OR_RETURN(MutableBuffer bits, AllocateBitmap(pool, n));
        PackBytesToBits(bools_.data(), n, bits.data);
        return MakeArray(out_type, n, bytes.data()->buffers[0], bytes.null_count(), {bits.buffer});
      }
      case Kind::kFixed: {
        ASSIGN_OR_RETURN(Array bytes, BuildFixedResult(DataType::UInt8(), valid_, &valid_, pool));
        ASSIGN_OR_RETURN(MutableBuffer values, AllocateBuffer(pool, n * width_));
        if (n > 0) std::memcpy(values.data, fixed_.data(), static_cast<size_t>(n * width_));
        return MakeArray(out_type, n, bytes.data()->buffers[0], bytes.null_count(),
                         {values.buffer});
      }
    }
    return Status::Internal("unreachable value kind");
  }

 private:
  enum class Kind { kFixed, kBool, kString, kNull };
  DataType type_;
  Kind kind_ = Kind::kFixed;
  int64_t width_ = 0;
  std::vector<uint8_t> valid_;
  std::vector<uint8_t> fixed_;
  std::vector<uint8_t> bools_;
  std::vector<std::string> strings_;
  // Bound batch.
  const Datum* x_ = nullptr;
  ValidityView validity_;
  std::optional<StringReader> reader_;
};

template <typename K>
class FirstLastAggregator : public GroupedAggregator {
 public:
  FirstLastAggregator(bool last, const AggregateOptions& options)
      : last_(last),
        descending_(options.descending),
        nulls_first_(options.nulls_first),
        pool_(options.pool),
        store_(options.arg_types[0]) {}

  Status Init() const { return store_.Check(); }

  Status Resize(int64_t num_groups) override {
    GrowTo(has_, num_groups);
    GrowTo(keys_, num_groups);
    GrowTo(winner_row_, num_groups, int64_t{-1});
    store_.Resize(num_groups);
    num_groups_ = std::max(num_groups_, num_groups);
    return Status::OK();
  }

  Status Consume(std::span<const Datum> args, std::span<const uint32_t> group_ids) override {
    ASSIGN_OR_RETURN(AggregateInput<K> key, ReadInput<K>(args[1], pool_));
    int64_t rows = static_cast<int64_t>(group_ids.size());
    const uint8_t valid_rank = nulls_first_ ? 1 : 0;
    const uint8_t null_rank = nulls_first_ ? 0 : 1;
    const uint64_t flip = descending_ ? ~uint64_t{0} : 0;
    touched_.clear();
    for (int64_t i = 0; i < rows; ++i) {
      uint32_t g = group_ids[i];
      OrderKey k;
      if (key.IsValid(i)) {
        k.null_rank = valid_rank;
        k.bits = OrderBits(key.Value(i)) ^ flip;
      } else {
        k.null_rank = null_rank;
      }
      bool better = !has_[g] || (last_ ? !(k < keys_[g]) : k < keys_[g]);
      if (better) {
        keys_[g] = k;
        has_[g] = 1;
        if (winner_row_[g] < 0) touched_.push_back(g);
        winner_row_[g] = i;
      }
    }
    RETURN_NOT_OK(store_.Bind(args[0], pool_));
    for (uint32_t g : touched_) {
      store_.CopyFrom(g, winner_row_[g]);
      winner_row_[g] = -1;
    }
    return Status::OK();
  }

  Status Merge(GroupedAggregator& other_base, std::span<const uint32_t> mapping) override {
    auto& other = static_cast<FirstLastAggregator&>(other_base);
    for (size_t h = 0; h < mapping.size(); ++h) {
      if (!other.has_[h]) continue;
      uint32_t g = mapping[h];
      const OrderKey& k = other.keys_[h];
      bool better = !has_[g] || (last_ ? !(k < keys_[g]) : k < keys_[g]);
      if (!better) continue;
      keys_[g] = k;
      has_[g] = 1;
      store_.CopyFrom(g, other.store_, static_cast<uint32_t>(h));
    }
    return Status::OK();
  }

  Result<Array> Finalize() override {
    ASSIGN_OR_RETURN(Array values, store_.Finish(num_groups_, pool_));
    // Groups without rows are null.
    bool all = true;
    for (int64_t g = 0; g < num_groups_; ++g) all &= has_[g] != 0;
    if (all || values.type().id() == TypeId::kNull) return values;
    auto data = std::make_shared<ArrayData>(*values.data());
    ASSIGN_OR_RETURN(MutableBuffer bits, AllocateBitmap(pool_, num_groups_));
    std::vector<uint8_t> valid(static_cast<size_t>(num_groups_));
    for (int64_t g = 0; g < num_groups_; ++g) valid[g] = has_[g] && values.IsValid(g);
    PackBytesToBits(valid.data(), num_groups_, bits.data);
    data->buffers[0] = bits.buffer;
    data->null_count = CountZeroBits(bits.data, num_groups_);
    return Array(std::move(data));
  }

 private:
  bool last_;
  bool descending_;
  bool nulls_first_;
  MemoryPool* pool_;
  ValueStore store_;
  int64_t num_groups_ = 0;
  std::vector<uint8_t> has_;
  std::vector<OrderKey> keys_;
  std::vector<int64_t> winner_row_;
  std::vector<uint32_t> touched_;
};

bool IsOrderKeyType(const DataType& t) {
  switch (t.id()) {
    case TypeId::kInt64:
    case TypeId::kInt32:
    case TypeId::kUInt64:
    case TypeId::kFloat64:
    case TypeId::kTimestamp:
    case TypeId::kDuration:
    case TypeId::kDate32:
      return true;
    default:
      return false;
  }
}

AggregatorFactory MakeFirstLast(bool last) {
  return [last](const AggregateOptions& options) -> Result<std::unique_ptr<GroupedAggregator>> {
    if (options.arg_types.size() != 2) {
      return Status::InvalidArgument("{} takes (value, order key)",
                                     last ? "last_value" : "first_value");
    }
    const DataType& key = options.arg_types[1];
    auto make = [&](auto* aggregator) -> Result<std::unique_ptr<GroupedAggregator>> {
      std::unique_ptr<GroupedAggregator> owned(aggregator);
      RETURN_NOT_OK(aggregator->Init());
      return owned;
    };
    switch (key.id()) {
      case TypeId::kInt32:
      case TypeId::kDate32:
        return make(new FirstLastAggregator<int32_t>(last, options));
      case TypeId::kUInt64:
        return make(new FirstLastAggregator<uint64_t>(last, options));
      case TypeId::kFloat64:
        return make(new FirstLastAggregator<double>(last, options));
      default:
        return make(new FirstLastAggregator<int64_t>(last, options));
    }
  };
}

void Register(FunctionRegistry& registry, const char* name, const char* description, bool last) {
  AggregateFunction function;
  function.name = name;
  function.description = description;
  function.ordered = true;
  TypeMatcher value =
      TypeMatcher::Custom("non-nested", [](const DataType& t) { return !t.is_nested(); });
  TypeMatcher key = TypeMatcher::Custom("orderable key", IsOrderKeyType);
  function.kernels.push_back(MakeAggregateKernel(
      {value, key},
      [](std::span<const DataType> types) -> Result<DataType> { return ValueTypeOf(types[0]); },
      MakeFirstLast(last), false));
  registry.AddAggregate(std::move(function));
}

}  // namespace

void RegisterFirstLastAggregates(FunctionRegistry& registry) {
  Register(registry, "first_value", "first_value(x ORDER BY key): x of the first row", false);
  Register(registry, "last_value", "last_value(x ORDER BY key): x of the last row", true);
}

}  // namespace quiver::function_internal
