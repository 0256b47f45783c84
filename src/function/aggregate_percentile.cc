// median(x): exact (every value kept per group); Int64/UInt64/Float64, result of the input
// type (integers: the two middle values averaged with truncation, as DataFusion).
//
// approx_percentile_cont(x, p[, max_centroids]): p a literal in [0, 1]. Result of the
// input type (integer results truncate, as DataFusion). Each group keeps its values exactly
// until it holds kExactFactor * max_centroids (default 100 -> 500) of them, so small
// groups get the exact percentile_cont (linear interpolation between closest ranks);
// larger groups fold into a merging t-digest of about max_centroids centroids (weights
// bounded by 4 * n * q(1 - q) / max_centroids), so memory per group stays bounded. The
// estimate interpolates between centroid centres and is clamped to the exact min and max.
// Partial digests merge by re-compressing their centroids together.
#include <algorithm>
#include <cmath>

#include "function/aggregate_internal.h"
#include "function/function_list_internal.h"

namespace quiver::function_internal {
namespace {

// Orders NaN above every number.
template <typename T>
bool Less(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(b)) return !std::isnan(a);
    return a < b;
  } else {
    return a < b;
  }
}

template <typename T>
T Midpoint(T lo, T hi) {
  if constexpr (std::is_floating_point_v<T>) {
    return (lo + hi) / 2;
  } else if constexpr (std::is_signed_v<T>) {
    return static_cast<T>((static_cast<__int128>(lo) + hi) / 2);
  } else {
    return static_cast<T>((static_cast<unsigned __int128>(lo) + hi) / 2);
  }
}

template <typename T>
class MedianAggregator : public GroupedAggregator {
 public:
  MedianAggregator(DataType type, MemoryPool* pool) : type_(std::move(type)), pool_(pool) {}

  Status Resize(int64_t num_groups) override {
    GrowTo(values_, num_groups);
    return Status::OK();
  }

  Status Consume(std::span<const Datum> args, std::span<const uint32_t> group_ids) override {
    ASSIGN_OR_RETURN(AggregateInput<T> in, ReadInput<T>(args[0], pool_));
    int64_t rows = static_cast<int64_t>(group_ids.size());
    for (int64_t i = 0; i < rows; ++i) {
      if (in.IsValid(i)) values_[group_ids[i]].push_back(in.Value(i));
    }
    return Status::OK();
  }

  Status Merge(GroupedAggregator& other_base, std::span<const uint32_t> mapping) override {
    auto& other = static_cast<MedianAggregator&>(other_base);
    for (size_t g = 0; g < mapping.size(); ++g) {
      auto& target = values_[mapping[g]];
      target.insert(target.end(), other.values_[g].begin(), other.values_[g].end());
      std::vector<T>().swap(other.values_[g]);
    }
    return Status::OK();
  }

  Result<Array> Finalize() override {
    size_t n = values_.size();
    std::vector<T> out(n);
    std::vector<uint8_t> valid(n);
    for (size_t g = 0; g < n; ++g) {
      std::vector<T>& v = values_[g];
      if (v.empty()) continue;
      valid[g] = 1;
      size_t mid = v.size() / 2;
      std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end(), Less<T>);
      T upper = v[mid];
      if (v.size() % 2 == 1) {
        out[g] = upper;
      } else {
        T lower =
            *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), Less<T>);
        out[g] = Midpoint(lower, upper);
      }
    }
    return BuildFixedResult(type_, out, &valid, pool_);
  }

 private:
  DataType type_;
  MemoryPool* pool_;
  std::vector<std::vector<T>> values_;
};

constexpr size_t kExactFactor = 5;

// A merging t-digest with an exact prefix (see the file comment).
class Digest {
 public:
  struct Centroid {
    double mean;
    double weight;
  };

  void Add(double x, size_t max_centroids) {
    if (std::isnan(x)) return;  // NaN has no rank; ignored like DataFusion's t-digest
    min_ = std::min(min_, x);
    max_ = std::max(max_, x);
    buffer_.push_back(x);
    if (buffer_.size() >= kExactFactor * max_centroids) Compress(max_centroids);
  }

  void Merge(Digest& other, size_t max_centroids) {
    if (other.count() == 0) return;
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
    if (centroids_.empty() && other.centroids_.empty() &&
        buffer_.size() + other.buffer_.size() < kExactFactor * max_centroids) {
      buffer_.insert(buffer_.end(), other.buffer_.begin(), other.buffer_.end());
      return;
    }
    for (double x : other.buffer_) centroids_.push_back({x, 1});
    centroids_.insert(centroids_.end(), other.centroids_.begin(), other.centroids_.end());
    Compress(max_centroids);
  }

  double count() const {
    double total = static_cast<double>(buffer_.size());
    for (const Centroid& c : centroids_) total += c.weight;
    return total;
  }

  // percentile_cont at q, exact while no centroid exists.
  double Quantile(double q, size_t max_centroids) {
    if (centroids_.empty()) {
      std::sort(buffer_.begin(), buffer_.end());
      double rank = q * static_cast<double>(buffer_.size() - 1);
      size_t lo = static_cast<size_t>(std::floor(rank));
      size_t hi = std::min(lo + 1, buffer_.size() - 1);
      double fraction = rank - static_cast<double>(lo);
      return buffer_[lo] + (buffer_[hi] - buffer_[lo]) * fraction;
    }
    Compress(max_centroids);
    double total = count();
    double target = q * total;
    double cumulative = 0;
    double previous_center = 0, previous_mean = min_;
    for (const Centroid& c : centroids_) {
      double center = cumulative + c.weight / 2;
      if (target < center) {
        double span = center - previous_center;
        double fraction = span > 0 ? (target - previous_center) / span : 0;
        return std::clamp(previous_mean + (c.mean - previous_mean) * fraction, min_, max_);
      }
      previous_center = center;
      previous_mean = c.mean;
      cumulative += c.weight;
    }
    double span = total - previous_center;
    double fraction = span > 0 ? (target - previous_center) / span : 0;
    return std::clamp(previous_mean + (max_ - previous_mean) * fraction, min_, max_);
  }

 private:
  void Compress(size_t max_centroids) {
    for (double x : buffer_) centroids_.push_back({x, 1});
    buffer_.clear();
    if (centroids_.empty()) return;
    std::sort(centroids_.begin(), centroids_.end(),
              [](const Centroid& a, const Centroid& b) { return a.mean < b.mean; });
    double total = 0;
    for (const Centroid& c : centroids_) total += c.weight;
    std::vector<Centroid> merged;
    merged.reserve(max_centroids * 2);
    Centroid current = centroids_[0];
    double before = 0;  // weight of the centroids already emitted
    double compression = static_cast<double>(max_centroids);
    for (size_t i = 1; i < centroids_.size(); ++i) {
      const Centroid& next = centroids_[i];
      double proposed = current.weight + next.weight;
      double q = (before + proposed / 2) / total;
      double limit = std::max(1.0, 4 * total * q * (1 - q) / compression);
      if (proposed <= limit) {
        current.mean += (next.mean - current.mean) * next.weight / proposed;
        current.weight = proposed;
      } else {
        before += current.weight;
        merged.push_back(current);
        current = next;
      }
    }
    merged.push_back(current);
    centroids_ = std::move(merged);
  }

  std::vector<double> buffer_;
  std::vector<Centroid> centroids_;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

template <typename T>
class PercentileAggregator : public GroupedAggregator {
 public:
  PercentileAggregator(DataType type, double percentile, size_t max_centroids, MemoryPool* pool)
      : type_(std::move(type)),
        percentile_(percentile),
        max_centroids_(max_centroids),
        pool_(pool) {}

  Status Resize(int64_t num_groups) override {
    GrowTo(digests_, num_groups);
    return Status::OK();
  }

  Status Consume(std::span<const Datum> args, std::span<const uint32_t> group_ids) override {
    ASSIGN_OR_RETURN(AggregateInput<T> in, ReadInput<T>(args[0], pool_));
    int64_t rows = static_cast<int64_t>(group_ids.size());
    for (int64_t i = 0; i < rows; ++i) {
      if (in.IsValid(i))
        digests_[group_ids[i]].Add(static_cast<double>(in.Value(i)), max_centroids_);
    }
    return Status::OK();
  }

  Status Merge(GroupedAggregator& other_base, std::span<const uint32_t> mapping) override {
    auto& other = static_cast<PercentileAggregator&>(other_base);
    for (size_t g = 0; g < mapping.size(); ++g)
      digests_[mapping[g]].Merge(other.digests_[g], max_centroids_);
    return Status::OK();
  }

  Result<Array> Finalize() override {
    size_t n = digests_.size();
    std::vector<T> out(n);
    std::vector<uint8_t> valid(n);
    for (size_t g = 0; g < n; ++g) {
      if (digests_[g].count() == 0) continue;
      valid[g] = 1;
      double q = digests_[g].Quantile(percentile_, max_centroids_);
      if constexpr (std::is_floating_point_v<T>) {
        out[g] = static_cast<T>(q);
      } else {
        // Truncation toward zero, within the type's range.
        double lo = static_cast<double>(std::numeric_limits<T>::lowest());
        double hi = static_cast<double>(std::numeric_limits<T>::max());
        out[g] = q <= lo   ? std::numeric_limits<T>::lowest()
                 : q >= hi ? std::numeric_limits<T>::max()
                           : static_cast<T>(q);
      }
    }
    return BuildFixedResult(type_, out, &valid, pool_);
  }

 private:
  DataType type_;
  double percentile_;
  size_t max_centroids_;
  MemoryPool* pool_;
  std::vector<Digest> digests_;
};

template <typename T>
Result<std::unique_ptr<GroupedAggregator>> MakeMedian(const AggregateOptions& options) {
  return std::unique_ptr<GroupedAggregator>(
      new MedianAggregator<T>(options.output_type, options.pool));
}

template <typename T>
Result<std::unique_ptr<GroupedAggregator>> MakePercentile(const AggregateOptions& options) {
  const auto& literals = options.literal_args;
  if (literals.size() < 2 || !literals[1] || literals[1]->is_null()) {
    return Status::InvalidArgument(
        "approx_percentile_cont requires a literal percentile between 0 and 1");
  }
  ASSIGN_OR_RETURN(Scalar p, CastScalar(*literals[1], DataType::Float64()));
  double percentile = p.double_value();
  if (!(percentile >= 0 && percentile <= 1)) {
    return Status::InvalidArgument(
        "approx_percentile_cont percentile must be between 0 and 1, got {}", percentile);
  }
  size_t max_centroids = 100;
  if (literals.size() > 2) {
    if (!literals[2] || literals[2]->is_null()) {
      return Status::InvalidArgument(
          "approx_percentile_cont requires a literal number of centroids");
    }
    ASSIGN_OR_RETURN(Scalar c, CastScalar(*literals[2], DataType::Int64()));
    if (c.int64_value() < 1 || c.int64_value() > 100000) {
      return Status::InvalidArgument(
          "approx_percentile_cont centroids must be in [1, 100000], got {}", c.int64_value());
    }
    max_centroids = static_cast<size_t>(c.int64_value());
  }
  return std::unique_ptr<GroupedAggregator>(
      new PercentileAggregator<T>(options.output_type, percentile, max_centroids, options.pool));
}

}  // namespace

void RegisterPercentileAggregates(FunctionRegistry& registry) {
  TypeMatcher i64 = TypeMatcher::Exact(DataType::Int64());
  TypeMatcher u64 = TypeMatcher::Exact(DataType::UInt64());
  TypeMatcher f64 = TypeMatcher::Exact(DataType::Float64());

  AggregateFunction median;
  median.name = "median";
  median.description = "exact median";
  median.kernels.push_back(
      MakeAggregateKernel({i64}, SameAsArgument(0), MakeMedian<int64_t>, true));
  median.kernels.push_back(
      MakeAggregateKernel({u64}, SameAsArgument(0), MakeMedian<uint64_t>, true));
  median.kernels.push_back(MakeAggregateKernel({f64}, SameAsArgument(0), MakeMedian<double>, true));
  registry.AddAggregate(std::move(median));

  AggregateFunction percentile;
  percentile.name = "approx_percentile_cont";
  percentile.description =
      "approx_percentile_cont(x, p[, centroids]): t-digest percentile (exact for small groups)";
  for (bool with_centroids : {false, true}) {
    auto inputs = [&](TypeMatcher x) {
      std::vector<TypeMatcher> v = {std::move(x), f64};
      if (with_centroids) v.push_back(i64);
      return v;
    };
    percentile.kernels.push_back(
        MakeAggregateKernel(inputs(i64), SameAsArgument(0), MakePercentile<int64_t>, false));
    percentile.kernels.push_back(
        MakeAggregateKernel(inputs(u64), SameAsArgument(0), MakePercentile<uint64_t>, false));
    percentile.kernels.push_back(
        MakeAggregateKernel(inputs(f64), SameAsArgument(0), MakePercentile<double>, false));
  }
  registry.AddAggregate(std::move(percentile));
}

}  // namespace quiver::function_internal
