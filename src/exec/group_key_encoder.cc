#include "exec/group_key_encoder.h"

#include <bit>
#include <cstring>

#include "base/hash.h"
#include "columnar/builder.h"
#include "exec/expr_evaluator.h"

namespace quiver {

namespace {

// Strings to dense codes. Strings live in one arena; slots hold code + 1.
class StringInterner {
 public:
  uint32_t Intern(std::string_view value) {
    if (slots_.empty()) slots_.assign(1024, 0);
    uint64_t hash = HashString(value);
    size_t mask = slots_.size() - 1;
    size_t pos = hash & mask;
    while (slots_[pos] != 0) {
      uint32_t code = slots_[pos] - 1;
      if (hashes_[code] == hash && Get(code) == value) return code;
      pos = (pos + 1) & mask;
    }
    uint32_t code = static_cast<uint32_t>(offsets_.size());
    offsets_.push_back({arena_.size(), value.size()});
    arena_.append(value);
    hashes_.push_back(hash);
    slots_[pos] = code + 1;
    if (offsets_.size() * 2 > slots_.size()) Rehash();
    return code;
  }
  std::string_view Get(uint32_t code) const {
    return std::string_view(arena_).substr(offsets_[code].first, offsets_[code].second);
  }
  size_t size() const { return offsets_.size(); }

 private:
  void Rehash() {
    std::vector<uint32_t> slots(slots_.size() * 2, 0);
    size_t mask = slots.size() - 1;
    for (uint32_t code = 0; code < offsets_.size(); ++code) {
      size_t pos = hashes_[code] & mask;
      while (slots[pos] != 0) pos = (pos + 1) & mask;
      slots[pos] = code + 1;
    }
    slots_ = std::move(slots);
  }
  std::string arena_;
  std::vector<std::pair<size_t, size_t>> offsets_;
  std::vector<uint64_t> hashes_;
  std::vector<uint32_t> slots_;
};

// Tags and other dictionary-encoded strings: each distinct dictionary seen is mapped
// once (index -> code), so rows cost one array lookup.
class DictionaryKeyEncoder final : public GroupKeyEncoder {
 public:
  DictionaryKeyEncoder(ExprPtr expr, DataType output_type) : expr_(std::move(expr)), output_type_(std::move(output_type)) {}

  Status Encode(const RecordBatch& batch, ExecContext& ctx, std::vector<uint64_t>* codes,
                std::vector<uint8_t>* nulls, bool* any_null) override {
    ASSIGN_OR_RETURN(Array array, ExprEvaluator(expr_).EvaluateToArray(batch, ctx));
    const int64_t rows = array.length();
    codes->resize(static_cast<size_t>(rows));
    nulls->assign(static_cast<size_t>(rows), 0);
    DictionaryArray dict(array);
    const std::vector<uint32_t>& remap = RemapFor(array.data()->dictionary);
    const int32_t* indices = dict.raw_indices();
    uint64_t* out = codes->data();
    if (array.null_count() == 0) {
      for (int64_t i = 0; i < rows; ++i) out[i] = remap[indices[i]];
      *any_null = false;
      return Status::OK();
    }
    for (int64_t i = 0; i < rows; ++i) {
      bool valid = array.IsValid(i);
      out[i] = valid ? remap[indices[i]] : 0;
      (*nulls)[i] = !valid;
    }
    *any_null = true;
    return Status::OK();
  }

  uint64_t Translate(uint64_t code, GroupKeyEncoder& combined) override {
    auto& other = static_cast<DictionaryKeyEncoder&>(combined);
    return other.interner_.Intern(interner_.Get(static_cast<uint32_t>(code)));
  }

  Result<Array> Decode(std::span<const uint64_t> codes, std::span<const uint8_t> nulls, ExecContext& ctx) override {
    // Output: Dictionary(Int32, Utf8) whose dictionary is the interned strings.
    StringBuilder values(DataType::Utf8(), ctx.pool());
    RETURN_NOT_OK(values.Reserve(static_cast<int64_t>(interner_.size())));
    for (uint32_t c = 0; c < interner_.size(); ++c) RETURN_NOT_OK(values.Append(interner_.Get(c)));
    ASSIGN_OR_RETURN(Array dictionary, values.Finish());
    Int32Builder indices(DataType::Int32(), ctx.pool());
    RETURN_NOT_OK(indices.Reserve(static_cast<int64_t>(codes.size())));
    for (size_t g = 0; g < codes.size(); ++g) {
      if (nulls[g]) {
        RETURN_NOT_OK(indices.AppendNull());
      } else {
        indices.UnsafeAppend(static_cast<int32_t>(codes[g]));
      }
    }
    ASSIGN_OR_RETURN(Array out, indices.Finish());
    auto data = std::make_shared<ArrayData>(*out.data());
    data->type = DataType::TagDictionary();
    data->dictionary = dictionary.data();
    return Array(std::move(data));
  }

  std::unique_ptr<GroupKeyEncoder> Clone() const override {
    return std::make_unique<DictionaryKeyEncoder>(expr_, output_type_);
  }
  std::string Describe() const override { return expr_->ToString(); }

 private:
  const std::vector<uint32_t>& RemapFor(const ArrayDataPtr& dictionary) {
    for (auto& entry : cache_) {
      if (entry.dictionary == dictionary) return entry.remap;
    }
    if (cache_.size() >= 16) cache_.erase(cache_.begin());
    CacheEntry entry;
    entry.dictionary = dictionary;
    StringArray values(dictionary);
    entry.remap.resize(static_cast<size_t>(values.length()));
    for (int64_t v = 0; v < values.length(); ++v) {
      entry.remap[v] = values.IsNull(v) ? 0 : interner_.Intern(values.Value(v));
    }
    cache_.push_back(std::move(entry));
    return cache_.back().remap;
  }

  struct CacheEntry {
    ArrayDataPtr dictionary;  // held so the pointer cannot be reused while cached
    std::vector<uint32_t> remap;
  };
  ExprPtr expr_;
  DataType output_type_;
  StringInterner interner_;
  std::vector<CacheEntry> cache_;
};

class StringKeyEncoder final : public GroupKeyEncoder {
 public:
  explicit StringKeyEncoder(ExprPtr expr) : expr_(std::move(expr)) {}

  Status Encode(const RecordBatch& batch, ExecContext& ctx, std::vector<uint64_t>* codes,
                std::vector<uint8_t>* nulls, bool* any_null) override {
    ASSIGN_OR_RETURN(Array array, ExprEvaluator(expr_).EvaluateToArray(batch, ctx));
    const int64_t rows = array.length();
    codes->resize(static_cast<size_t>(rows));
    nulls->assign(static_cast<size_t>(rows), 0);
    StringArray strings(array);
    *any_null = array.null_count() > 0;
    for (int64_t i = 0; i < rows; ++i) {
      if (array.IsNull(i)) {
        (*codes)[i] = 0;
        (*nulls)[i] = 1;
      } else {
        (*codes)[i] = interner_.Intern(strings.Value(i));
      }
    }
    return Status::OK();
  }
  uint64_t Translate(uint64_t code, GroupKeyEncoder& combined) override {
    return static_cast<StringKeyEncoder&>(combined).interner_.Intern(interner_.Get(static_cast<uint32_t>(code)));
  }
  Result<Array> Decode(std::span<const uint64_t> codes, std::span<const uint8_t> nulls, ExecContext& ctx) override {
    StringBuilder builder(expr_->type(), ctx.pool());
    for (size_t g = 0; g < codes.size(); ++g) {
      if (nulls[g]) {
        RETURN_NOT_OK(builder.AppendNull());
      } else {
        RETURN_NOT_OK(builder.Append(interner_.Get(static_cast<uint32_t>(codes[g]))));
      }
    }
    return builder.Finish();
  }
  std::unique_ptr<GroupKeyEncoder> Clone() const override { return std::make_unique<StringKeyEncoder>(expr_); }
  std::string Describe() const override { return expr_->ToString(); }

 private:
  ExprPtr expr_;
  StringInterner interner_;
};

// Fixed-width values: the code is the value's bits (floats normalise -0 to 0).
class FixedKeyEncoder final : public GroupKeyEncoder {
 public:
  explicit FixedKeyEncoder(ExprPtr expr) : expr_(std::move(expr)) {}

  Status Encode(const RecordBatch& batch, ExecContext& ctx, std::vector<uint64_t>* codes,
                std::vector<uint8_t>* nulls, bool* any_null) override {
    ASSIGN_OR_RETURN(Array array, ExprEvaluator(expr_).EvaluateToArray(batch, ctx));
    const int64_t rows = array.length();
    codes->resize(static_cast<size_t>(rows));
    nulls->assign(static_cast<size_t>(rows), 0);
    const DataType& type = array.type();
    if (type.id() == TypeId::kBoolean) {
      BooleanArray b(array);
      for (int64_t i = 0; i < rows; ++i) (*codes)[i] = b.Value(i) ? 1 : 0;
    } else if (type.id() == TypeId::kFloat64) {
      Float64Array f(array);
      for (int64_t i = 0; i < rows; ++i) {
        double v = f.Value(i);
        if (v == 0) v = 0;
        (*codes)[i] = std::bit_cast<uint64_t>(v);
      }
    } else if (type.id() == TypeId::kNull) {
      // every row null
    } else {
      int width = type.bit_width() / 8;
      const uint8_t* raw = array.data()->buffers[1]->data() + array.offset() * width;
      for (int64_t i = 0; i < rows; ++i) {
        uint64_t v = 0;
        std::memcpy(&v, raw + i * width, static_cast<size_t>(width));
        (*codes)[i] = v;
      }
    }
    *any_null = array.null_count() > 0 || type.id() == TypeId::kNull;
    if (*any_null) {
      for (int64_t i = 0; i < rows; ++i) {
        if (array.IsNull(i)) {
          (*codes)[i] = 0;
          (*nulls)[i] = 1;
        }
      }
    }
    return Status::OK();
  }
  uint64_t Translate(uint64_t code, GroupKeyEncoder&) override { return code; }
  Result<Array> Decode(std::span<const uint64_t> codes, std::span<const uint8_t> nulls, ExecContext& ctx) override {
    const DataType& type = expr_->type();
    const int64_t n = static_cast<int64_t>(codes.size());
    if (type.id() == TypeId::kNull) return MakeNullArray(type, n);
    if (type.id() == TypeId::kBoolean) {
      BooleanBuilder b(ctx.pool());
      for (int64_t g = 0; g < n; ++g) {
        if (nulls[g]) {
          RETURN_NOT_OK(b.AppendNull());
        } else {
          RETURN_NOT_OK(b.Append(codes[g] != 0));
        }
      }
      return b.Finish();
    }
    int width = type.bit_width() / 8;
    BufferBuilder values(ctx.pool());
    RETURN_NOT_OK(values.Resize(n * width));
    BufferBuilder validity(ctx.pool());
    int64_t null_count = 0;
    for (int64_t g = 0; g < n; ++g) null_count += nulls[g] != 0;
    if (null_count > 0) RETURN_NOT_OK(validity.Resize(bit_util::BytesForBits(n)));
    for (int64_t g = 0; g < n; ++g) {
      std::memcpy(values.mutable_data() + g * width, &codes[g], static_cast<size_t>(width));
      if (null_count > 0 && !nulls[g]) bit_util::SetBit(validity.mutable_data(), g);
    }
    ASSIGN_OR_RETURN(BufferPtr data, values.Finish());
    BufferPtr bitmap;
    if (null_count > 0) {
      ASSIGN_OR_RETURN(bitmap, validity.Finish());
    }
    return Array(ArrayData::Make(type, n, {std::move(bitmap), std::move(data)}, null_count));
  }
  std::unique_ptr<GroupKeyEncoder> Clone() const override { return std::make_unique<FixedKeyEncoder>(expr_); }
  std::string Describe() const override { return expr_->ToString(); }

 private:
  ExprPtr expr_;
};

// date_bin(<interval without months>, <timestamp column>[, <origin literal>]): the bucket
// number floor((t - origin) / stride) is the code.
class TimeBucketEncoder final : public GroupKeyEncoder {
 public:
  TimeBucketEncoder(ExprPtr expr, int column, int64_t stride, int64_t origin, TimeUnit unit)
      : expr_(std::move(expr)), column_(column), stride_(stride), origin_(origin), unit_(unit) {}

  Status Encode(const RecordBatch& batch, ExecContext& ctx, std::vector<uint64_t>* codes,
                std::vector<uint8_t>* nulls, bool* any_null) override {
    const Array& times = batch.column(column_);
    const int64_t rows = times.length();
    codes->resize(static_cast<size_t>(rows));
    nulls->assign(static_cast<size_t>(rows), 0);
    const int64_t* t = Int64Array(times).raw_values();
    const int64_t scale = TimeUnitNanos(unit_);
    uint64_t* out = codes->data();
    for (int64_t i = 0; i < rows; ++i) {
      int64_t delta = t[i] * scale - origin_;
      int64_t q = delta / stride_;
      q -= (delta % stride_ != 0) & (delta < 0);
      out[i] = static_cast<uint64_t>(q);
    }
    *any_null = times.null_count() > 0;
    if (*any_null) {
      for (int64_t i = 0; i < rows; ++i) (*nulls)[i] = times.IsNull(i);
    }
    return Status::OK();
  }
  uint64_t Translate(uint64_t code, GroupKeyEncoder&) override { return code; }
  Result<Array> Decode(std::span<const uint64_t> codes, std::span<const uint8_t> nulls, ExecContext& ctx) override {
    NumericBuilder<int64_t> builder(expr_->type(), ctx.pool());
    RETURN_NOT_OK(builder.Reserve(static_cast<int64_t>(codes.size())));
    const int64_t scale = TimeUnitNanos(expr_->type().unit());
    for (size_t g = 0; g < codes.size(); ++g) {
      if (nulls[g]) {
        RETURN_NOT_OK(builder.AppendNull());
      } else {
        builder.UnsafeAppend((origin_ + static_cast<int64_t>(codes[g]) * stride_) / scale);
      }
    }
    return builder.Finish();
  }
  std::unique_ptr<GroupKeyEncoder> Clone() const override {
    return std::make_unique<TimeBucketEncoder>(expr_, column_, stride_, origin_, unit_);
  }
  std::string Describe() const override { return expr_->ToString() + " (bucketed)"; }

 private:
  ExprPtr expr_;
  int column_;
  int64_t stride_;  // ns
  int64_t origin_;  // ns
  TimeUnit unit_;   // of the input column
};

// Recognises date_bin(INTERVAL (no months), column[, TIMESTAMP literal]).
std::unique_ptr<GroupKeyEncoder> MaybeTimeBucket(const ExprPtr& expr) {
  if (expr->kind() != Expr::Kind::kCall || expr->function_name() != "date_bin") return nullptr;
  const auto& args = expr->args();
  if (args.size() < 2 || args.size() > 3) return nullptr;
  if (!args[0]->is_literal() || args[0]->literal().is_null()) return nullptr;
  const Scalar& interval = args[0]->literal();
  int64_t stride = 0;
  if (interval.type().id() == TypeId::kIntervalMonthDayNano) {
    MonthDayNano v = interval.interval_value();
    if (v.months != 0) return nullptr;
    stride = int64_t{v.days} * 86'400'000'000'000 + v.nanos;
  } else if (interval.type().id() == TypeId::kDuration) {
    stride = interval.int64_value() * TimeUnitNanos(interval.type().unit());
  } else {
    return nullptr;
  }
  if (stride <= 0) return nullptr;
  if (!args[1]->is_column() || args[1]->type().id() != TypeId::kTimestamp) return nullptr;
  int64_t origin = 0;
  if (args.size() == 3) {
    if (!args[2]->is_literal() || args[2]->literal().is_null() ||
        args[2]->literal().type().id() != TypeId::kTimestamp) {
      return nullptr;
    }
    origin = args[2]->literal().int64_value() * TimeUnitNanos(args[2]->literal().type().unit());
  }
  if (expr->type().id() != TypeId::kTimestamp) return nullptr;
  return std::make_unique<TimeBucketEncoder>(expr, args[1]->column_index(), stride, origin, args[1]->type().unit());
}

}  // namespace

Result<std::unique_ptr<GroupKeyEncoder>> GroupKeyEncoder::Make(const ExprPtr& expr) {
  if (auto bucket = MaybeTimeBucket(expr)) return bucket;
  const DataType& type = expr->type();
  if (type.id() == TypeId::kDictionary) {
    if (type.value_type().id() != TypeId::kUtf8) {
      return Status::NotImplemented("grouping by {}", type.ToString());
    }
    return std::unique_ptr<GroupKeyEncoder>(std::make_unique<DictionaryKeyEncoder>(expr, type));
  }
  if (type.is_binary_like()) return std::unique_ptr<GroupKeyEncoder>(std::make_unique<StringKeyEncoder>(expr));
  if (type.id() == TypeId::kBoolean || type.id() == TypeId::kNull || (type.is_fixed_width() && type.bit_width() <= 64)) {
    return std::unique_ptr<GroupKeyEncoder>(std::make_unique<FixedKeyEncoder>(expr));
  }
  return Status::NotImplemented("grouping by {}", type.ToString());
}

}  // namespace quiver
