// DISTINCT aggregates: a set of (group, value) pairs per aggregator, replayed into the
// inner aggregator at Finalize. Values are keyed as 64-bit patterns (floats canonicalised
// so -0.0 = 0.0 and all NaNs are one value) or, for strings, as interned ids; string
// dictionaries intern each dictionary entry once per batch.
#include <deque>
#include <string>
#include <unordered_map>

#include "base/hash.h"
#include "function/aggregate_internal.h"

namespace quiver::function_internal {
namespace {

// Open-addressing set of (group, key) pairs.
class PairSet {
 public:
  PairSet() { Rehash(64); }

  // True if the pair was not present.
  bool Insert(uint32_t group, uint64_t key) {
    if ((size_ + 1) * 2 > used_.size()) Rehash(used_.size() * 2);
    size_t pos = Hash(group, key) & mask_;
    while (used_[pos]) {
      if (groups_[pos] == group && keys_[pos] == key) return false;
      pos = (pos + 1) & mask_;
    }
    used_[pos] = 1;
    groups_[pos] = group;
    keys_[pos] = key;
    ++size_;
    return true;
  }

  template <typename Fn>
  void ForEach(Fn fn) const {
    for (size_t pos = 0; pos < used_.size(); ++pos) {
      if (used_[pos]) fn(groups_[pos], keys_[pos]);
    }
  }
  size_t size() const { return size_; }

 private:
  static uint64_t Hash(uint32_t group, uint64_t key) { return HashCombine(HashInt(group), key); }

  void Rehash(size_t capacity) {
    std::vector<uint64_t> keys = std::move(keys_);
    std::vector<uint32_t> groups = std::move(groups_);
    std::vector<uint8_t> used = std::move(used_);
    keys_.assign(capacity, 0);
    groups_.assign(capacity, 0);
    used_.assign(capacity, 0);
    mask_ = capacity - 1;
    size_ = 0;
    for (size_t pos = 0; pos < used.size(); ++pos) {
      if (used[pos]) Insert(groups[pos], keys[pos]);
    }
  }

  std::vector<uint64_t> keys_;
  std::vector<uint32_t> groups_;
  std::vector<uint8_t> used_;
  size_t size_ = 0;
  size_t mask_ = 0;
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return HashString(s); }
};

uint64_t CanonicalDouble(double v) {
  if (v == 0) v = 0;
  if (v != v) return 0x7ff8000000000000ULL;
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof(bits));
  return bits;
}

class DistinctAggregator : public GroupedAggregator {
 public:
  DistinctAggregator(AggregateOptions options, AggregatorFactory inner)
      : options_(std::move(options)), inner_(std::move(inner)) {
    value_type_ = ValueTypeOf(options_.arg_types[0]);
  }

  Status Resize(int64_t num_groups) override {
    num_groups_ = std::max(num_groups_, num_groups);
    return Status::OK();
  }

  Status Consume(std::span<const Datum> args, std::span<const uint32_t> group_ids) override {
    const Datum& arg = args[0];
    int64_t rows = static_cast<int64_t>(group_ids.size());
    if (arg.is_scalar()) {
      if (arg.scalar().is_null()) return Status::OK();
      ASSIGN_OR_RETURN(Array one, ArrayFromScalar(arg.scalar(), 1, options_.pool));
      ASSIGN_OR_RETURN(uint64_t key, KeyOf(one, 0));
      for (int64_t i = 0; i < rows; ++i) set_.Insert(group_ids[i], key);
      return Status::OK();
    }
    const Array& array = arg.array();
    ASSIGN_OR_RETURN(ValidityView validity, LogicalValidity(array, options_.pool));
    auto valid = [&](int64_t i) {
      return validity.data == nullptr || bit_util::GetBit(validity.data, validity.offset + i);
    };
    if (array.type().id() == TypeId::kDictionary) {
      // Intern each dictionary entry once.
      DictionaryArray dict(array);
      StringArray values(dict.dictionary());
      std::vector<uint64_t> entry_ids(static_cast<size_t>(values.length()));
      for (int64_t k = 0; k < values.length(); ++k) entry_ids[k] = Intern(values.Value(k));
      const int32_t* indices = dict.raw_indices();
      for (int64_t i = 0; i < rows; ++i) {
        if (valid(i)) set_.Insert(group_ids[i], entry_ids[indices[i]]);
      }
      return Status::OK();
    }
    for (int64_t i = 0; i < rows; ++i) {
      if (!valid(i)) continue;
      ASSIGN_OR_RETURN(uint64_t key, KeyOf(array, i));
      set_.Insert(group_ids[i], key);
    }
    return Status::OK();
  }

  Status Merge(GroupedAggregator& other_base, std::span<const uint32_t> mapping) override {
    auto& other = static_cast<DistinctAggregator&>(other_base);
    bool strings = value_type_.is_binary_like();
    other.set_.ForEach([&](uint32_t group, uint64_t key) {
      uint64_t mine = strings ? Intern(other.strings_[key]) : key;
      set_.Insert(mapping[group], mine);
    });
    return Status::OK();
  }

  Result<Array> Finalize() override {
    int64_t n = static_cast<int64_t>(set_.size());
    std::vector<uint32_t> groups;
    std::vector<uint64_t> keys;
    groups.reserve(static_cast<size_t>(n));
    keys.reserve(static_cast<size_t>(n));
    set_.ForEach([&](uint32_t group, uint64_t key) {
      groups.push_back(group);
      keys.push_back(key);
    });
    ASSIGN_OR_RETURN(Array values, BuildValues(keys));
    AggregateOptions inner_options = options_;
    inner_options.distinct = false;
    inner_options.arg_types = {value_type_};
    ASSIGN_OR_RETURN(std::unique_ptr<GroupedAggregator> inner, inner_(inner_options));
    RETURN_NOT_OK(inner->Resize(num_groups_));
    const Datum args[] = {Datum(values)};
    RETURN_NOT_OK(inner->Consume(args, groups));
    return inner->Finalize();
  }

 private:
  uint64_t Intern(std::string_view s) {
    auto it = ids_.find(s);
    if (it != ids_.end()) return it->second;
    uint64_t id = strings_.size();
    strings_.emplace_back(s);
    ids_.emplace(strings_.back(), id);
    return id;
  }

  Result<uint64_t> KeyOf(const Array& array, int64_t i) {
    const DataType& type = array.type();
    switch (type.id()) {
      case TypeId::kBoolean:
        return BooleanArray(array).Value(i) ? 1 : 0;
      case TypeId::kFloat64:
        return CanonicalDouble(ValuesOf<double>(array)[i]);
      case TypeId::kFloat32:
        return CanonicalDouble(ValuesOf<float>(array)[i]);
      case TypeId::kUtf8:
      case TypeId::kBinary:
        return Intern(StringArray(array).Value(i));
      default:
        break;
    }
    int width = type.bit_width();
    if (width == 0 || width > 64 || type.id() == TypeId::kDictionary) {
      return Status::NotImplemented("DISTINCT aggregates over {} are not supported",
                                    type.ToString());
    }
    uint64_t key = 0;
    std::memcpy(&key, array.data()->buffers[1]->data() + (array.offset() + i) * (width / 8),
                static_cast<size_t>(width / 8));
    return key;
  }

  Result<Array> BuildValues(const std::vector<uint64_t>& keys) {
    int64_t n = static_cast<int64_t>(keys.size());
    const DataType& type = value_type_;
    if (type.is_binary_like()) {
      StringBuilder builder(type, options_.pool);
      RETURN_NOT_OK(builder.Reserve(n));
      for (uint64_t key : keys) RETURN_NOT_OK(builder.Append(strings_[key]));
      return builder.Finish();
    }
    if (type.id() == TypeId::kBoolean) {
      std::vector<uint8_t> bytes(keys.begin(), keys.end());
      ASSIGN_OR_RETURN(MutableBuffer bits, AllocateBitmap(options_.pool, n));
      PackBytesToBits(bytes.data(), n, bits.data);
      return MakeArray(type, n, nullptr, 0, {bits.buffer});
    }
    int bytes = type.bit_width() / 8;
    ASSIGN_OR_RETURN(MutableBuffer out, AllocateBuffer(options_.pool, n * bytes));
    for (int64_t i = 0; i < n; ++i) {
      uint64_t key = keys[i];
      if (type.id() == TypeId::kFloat32) {
        // Stored as canonical double bits: convert back.
        double d;
        std::memcpy(&d, &key, sizeof(d));
        float f = static_cast<float>(d);
        std::memcpy(out.data + i * 4, &f, 4);
      } else {
        std::memcpy(out.data + i * bytes, &key, static_cast<size_t>(bytes));
      }
    }
    return MakeArray(type, n, nullptr, 0, {out.buffer});
  }

  AggregateOptions options_;
  AggregatorFactory inner_;
  DataType value_type_;
  int64_t num_groups_ = 0;
  PairSet set_;
  std::deque<std::string> strings_;  // stable addresses: ids_ holds views into it
  std::unordered_map<std::string_view, uint64_t, StringHash, std::equal_to<>> ids_;
};

}  // namespace

Result<std::unique_ptr<GroupedAggregator>> MakeDistinctAggregator(const AggregateOptions& options,
                                                                  AggregatorFactory inner) {
  if (options.arg_types.size() != 1) {
    return Status::NotImplemented("DISTINCT is supported for one-argument aggregates only");
  }
  return std::unique_ptr<GroupedAggregator>(new DistinctAggregator(options, std::move(inner)));
}

AggregateKernel MakeAggregateKernel(std::vector<TypeMatcher> inputs, OutputTypeResolver output,
                                    AggregatorFactory make, bool supports_distinct) {
  AggregateKernel kernel;
  kernel.inputs = std::move(inputs);
  kernel.output = std::move(output);
  kernel.supports_distinct = supports_distinct;
  kernel.make = [make, supports_distinct](
                    const AggregateOptions& options) -> Result<std::unique_ptr<GroupedAggregator>> {
    if (options.distinct) {
      if (!supports_distinct)
        return Status::NotImplemented("DISTINCT is not supported for this aggregate");
      return MakeDistinctAggregator(options, make);
    }
    return make(options);
  };
  return kernel;
}

}  // namespace quiver::function_internal
