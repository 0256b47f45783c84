// Grouped aggregators: small cases with nulls, empty groups and scalars; large random
// inputs against straightforward references; partitioned runs merged equal to one run.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "function/test_arrays_internal.h"

// Designated initializers of AggregateRun leave the remaining fields defaulted on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace quiver {
namespace {

using namespace function_test;  // NOLINT(google-build-using-namespace)

Array Aggregate(AggregateRun run) {
  Result<Array> out = RunAggregate(run);
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  return out.ok() ? *out : Array();
}

::testing::AssertionResult ArraysEqual(const Array& actual, const Array& expected) {
  if (!actual.is_valid_handle()) return ::testing::AssertionFailure() << "no result";
  return DatumEquals(Datum(actual), Datum(expected));
}

TEST(CountTest, StarValuesDistinct) {
  Array x = Int64s({1, std::nullopt, 1, 2, std::nullopt, 3});
  std::vector<uint32_t> groups = {0, 0, 1, 1, 1, 0};
  EXPECT_TRUE(
      ArraysEqual(Aggregate({.name = "count", .args = {x}, .groups = groups, .num_groups = 3}),
                  Int64s({2, 2, 0})));
  EXPECT_TRUE(
      ArraysEqual(Aggregate({.name = "count", .args = {}, .groups = groups, .num_groups = 3}),
                  Int64s({3, 3, 0})));
  Array y = Int64s({5, 5, 5, 6, 6, std::nullopt});
  EXPECT_TRUE(ArraysEqual(
      Aggregate(
          {.name = "count", .args = {y}, .groups = groups, .num_groups = 2, .distinct = true}),
      Int64s({1, 2})));
  Array tags = Tags({"a", "b", "a", "a", std::nullopt, "b"});
  EXPECT_TRUE(ArraysEqual(
      Aggregate(
          {.name = "count", .args = {tags}, .groups = groups, .num_groups = 2, .distinct = true}),
      Int64s({2, 1})));
  EXPECT_TRUE(
      ArraysEqual(Aggregate({.name = "count", .args = {Int64s({})}, .groups = {}, .num_groups = 2}),
                  Int64s({0, 0})));
}

TEST(SumAvgTest, Basics) {
  Array x = Int64s({1, std::nullopt, 3, 4, std::nullopt});
  std::vector<uint32_t> groups = {0, 0, 1, 1, 2};
  EXPECT_TRUE(
      ArraysEqual(Aggregate({.name = "sum", .args = {x}, .groups = groups, .num_groups = 4}),
                  Int64s({1, 7, std::nullopt, std::nullopt})));
  EXPECT_TRUE(
      ArraysEqual(Aggregate({.name = "avg", .args = {x}, .groups = groups, .num_groups = 3}),
                  Float64s({1, 3.5, std::nullopt})));
  EXPECT_TRUE(ArraysEqual(
      Aggregate({.name = "sum", .args = {Float64s({0.5, 1.5, std::nullopt})}, .groups = {0, 0, 0}}),
      Float64s({2.0})));
  EXPECT_TRUE(ArraysEqual(Aggregate({.name = "mean", .args = {UInt64s({1, 2})}, .groups = {0, 0}}),
                          Float64s({1.5})));
  EXPECT_TRUE(ArraysEqual(
      Aggregate({.name = "sum", .args = {UInt64s({UINT64_MAX - 1, 1})}, .groups = {0, 0}}),
      UInt64s({UINT64_MAX})));
  EXPECT_TRUE(ArraysEqual(Aggregate({.name = "sum", .args = {Int32s({1, 2})}, .groups = {0, 0}}),
                          Int64s({3})));
  EXPECT_TRUE(ArraysEqual(
      Aggregate(
          {.name = "sum", .args = {Int64s({1, 1, 2})}, .groups = {0, 0, 0}, .distinct = true}),
      Int64s({3})));
  // Intermediate overflow that comes back in range is fine; a final overflow is an error.
  EXPECT_TRUE(ArraysEqual(
      Aggregate({.name = "sum", .args = {Int64s({INT64_MAX, 1, -2})}, .groups = {0, 0, 0}}),
      Int64s({INT64_MAX - 1})));
  auto overflow = RunAggregate({.name = "sum", .args = {Int64s({INT64_MAX, 1})}, .groups = {0, 0}});
  ASSERT_FALSE(overflow.ok());
  EXPECT_NE(overflow.status().message().find("Int64 overflow"), std::string::npos);
  EXPECT_FALSE(
      RunAggregate({.name = "sum", .args = {UInt64s({UINT64_MAX, 1})}, .groups = {0, 0}}).ok());
}

TEST(MinMaxTest, Types) {
  std::vector<uint32_t> groups = {0, 1, 0, 1, 2};
  EXPECT_TRUE(ArraysEqual(Aggregate({.name = "min",
                                     .args = {Int64s({5, 3, std::nullopt, 7, std::nullopt})},
                                     .groups = groups,
                                     .num_groups = 3}),
                          Int64s({5, 3, std::nullopt})));
  EXPECT_TRUE(ArraysEqual(Aggregate({.name = "max",
                                     .args = {Float64s({1, NAN, 2, 3, 4})},
                                     .groups = groups,
                                     .num_groups = 3}),
                          Float64s({2, NAN, 4})));
  EXPECT_TRUE(ArraysEqual(Aggregate({.name = "min",
                                     .args = {Float64s({NAN, NAN, 2, 3, NAN})},
                                     .groups = groups,
                                     .num_groups = 3}),
                          Float64s({2, 3, NAN})));
  EXPECT_TRUE(ArraysEqual(Aggregate({.name = "max",
                                     .args = {Strings({"b", "x", "c", std::nullopt, ""})},
                                     .groups = groups,
                                     .num_groups = 3}),
                          Strings({"c", "x", ""})));
  EXPECT_TRUE(ArraysEqual(Aggregate({.name = "min",
                                     .args = {Tags({"b", "x", "a", "y", std::nullopt})},
                                     .groups = groups,
                                     .num_groups = 3}),
                          Strings({"a", "x", std::nullopt})));
  EXPECT_TRUE(ArraysEqual(Aggregate({.name = "max",
                                     .args = {Bools({false, true, false, false, std::nullopt})},
                                     .groups = groups,
                                     .num_groups = 3}),
                          Bools({false, true, std::nullopt})));
  EXPECT_TRUE(ArraysEqual(Aggregate({.name = "min",
                                     .args = {Bools({true, true, false, true, true})},
                                     .groups = groups,
                                     .num_groups = 3}),
                          Bools({false, true, true})));
  Array ts = Timestamps({Ts("2024-01-01T00:00:00Z"), 5, Ts("2023-01-01T00:00:00Z"), 3, 0});
  EXPECT_TRUE(
      ArraysEqual(Aggregate({.name = "min", .args = {ts}, .groups = groups, .num_groups = 3}),
                  Timestamps({Ts("2023-01-01T00:00:00Z"), 3, 0})));
  EXPECT_TRUE(ArraysEqual(
      Aggregate(
          {.name = "max", .args = {Int32s({1, 2, 3, 4, 5})}, .groups = groups, .num_groups = 3}),
      Int32s({3, 4, 5})));
}

TEST(VarianceTest, SampleAndPopulation) {
  Array x = Float64s({2, 4, 4, 4, 5, 5, 7, 9, std::nullopt, 1});
  std::vector<uint32_t> groups = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1};
  Array pop = Aggregate({.name = "var_pop", .args = {x}, .groups = groups, .num_groups = 3});
  Array samp = Aggregate({.name = "var_samp", .args = {x}, .groups = groups, .num_groups = 3});
  Array sd = Aggregate({.name = "stddev_pop", .args = {x}, .groups = groups, .num_groups = 3});
  Array sds = Aggregate({.name = "stddev", .args = {x}, .groups = groups, .num_groups = 3});
  EXPECT_NEAR(ValuesOf<double>(pop)[0], 4.0, 1e-12);
  EXPECT_NEAR(ValuesOf<double>(samp)[0], 32.0 / 7, 1e-12);
  EXPECT_NEAR(ValuesOf<double>(sd)[0], 2.0, 1e-12);
  EXPECT_NEAR(ValuesOf<double>(sds)[0], std::sqrt(32.0 / 7), 1e-12);
  EXPECT_TRUE(pop.IsValid(1));  // one value: population variance 0
  EXPECT_EQ(ValuesOf<double>(pop)[1], 0.0);
  EXPECT_TRUE(samp.IsNull(1));  // one value: no sample variance
  EXPECT_TRUE(pop.IsNull(2));   // no values
  Array ints =
      Aggregate({.name = "variance", .args = {Int64s({1, 2, 3, 4})}, .groups = {0, 0, 0, 0}});
  EXPECT_NEAR(ValuesOf<double>(ints)[0], 5.0 / 3, 1e-12);
}

TEST(PercentileTest, MedianAndApprox) {
  std::vector<uint32_t> groups = {0, 0, 0, 1, 1, 1, 1, 2};
  Array x = Int64s({3, 1, 2, 10, 40, 20, 30, std::nullopt});
  EXPECT_TRUE(
      ArraysEqual(Aggregate({.name = "median", .args = {x}, .groups = groups, .num_groups = 3}),
                  Int64s({2, 25, std::nullopt})));
  EXPECT_TRUE(ArraysEqual(
      Aggregate({.name = "median", .args = {Int64s({-3, -2})}, .groups = {0, 0}}), Int64s({-2})));
  EXPECT_TRUE(ArraysEqual(
      Aggregate({.name = "median", .args = {Float64s({1, 2, 3, 4})}, .groups = {0, 0, 0, 0}}),
      Float64s({2.5})));
  Array f = Float64s({3, 1, 2, 10, 40, 20, 30, std::nullopt});
  EXPECT_TRUE(ArraysEqual(Aggregate({.name = "approx_percentile_cont",
                                     .args = {f},
                                     .groups = groups,
                                     .num_groups = 3,
                                     .literals = {Scalar::Float64(0.5)}}),
                          Float64s({2, 25, std::nullopt})));
  Array p90 = Aggregate({.name = "approx_percentile_cont",
                         .args = {f},
                         .groups = groups,
                         .num_groups = 3,
                         .literals = {Scalar::Float64(0.9)}});
  EXPECT_NEAR(ValuesOf<double>(p90)[0], 2.8, 1e-12);
  EXPECT_NEAR(ValuesOf<double>(p90)[1], 37, 1e-12);
  EXPECT_TRUE(p90.IsNull(2));
  EXPECT_TRUE(ArraysEqual(Aggregate({.name = "approx_percentile_cont",
                                     .args = {x},
                                     .groups = groups,
                                     .num_groups = 3,
                                     .literals = {Scalar::Float64(1.0)}}),
                          Int64s({3, 40, std::nullopt})));
  EXPECT_FALSE(RunAggregate({.name = "approx_percentile_cont",
                             .args = {f},
                             .groups = groups,
                             .num_groups = 3,
                             .literals = {Scalar::Float64(1.5)}})
                   .ok());
}

TEST(FirstLastTest, OrderedByKey) {
  int64_t t = Ts("2024-01-01T00:00:00Z");
  Array key = Timestamps({t + 3, t + 1, t + 2, t + 5, t + 4, t + 5});
  Array x = Strings({"c", "a", std::nullopt, "e", "d", "f"});
  std::vector<uint32_t> groups = {0, 0, 0, 1, 1, 1};
  EXPECT_TRUE(ArraysEqual(
      Aggregate({.name = "first_value", .args = {x, key}, .groups = groups, .num_groups = 3}),
      Strings({"a", "d", std::nullopt})));
  // Ties (t + 5 twice in group 1): last_value takes the later row.
  EXPECT_TRUE(ArraysEqual(
      Aggregate({.name = "last_value", .args = {x, key}, .groups = groups, .num_groups = 3}),
      Strings({"c", "f", std::nullopt})));
  EXPECT_TRUE(ArraysEqual(Aggregate({.name = "first_value",
                                     .args = {x, key},
                                     .groups = groups,
                                     .num_groups = 2,
                                     .descending = true}),
                          Strings({"c", "e"})));
  // Null x values are respected (group 0's ORDER BY t DESC last row is t + 1).
  EXPECT_TRUE(ArraysEqual(Aggregate({.name = "last_value",
                                     .args = {x, key},
                                     .groups = groups,
                                     .num_groups = 2,
                                     .descending = true}),
                          Strings({"a", "d"})));
  Array with_null_x = Strings({"c", "a", std::nullopt, "e", "d", "f"});
  Array key2 = Timestamps({t + 3, t + 1, t + 9, t + 5, t + 4, t + 5});
  EXPECT_TRUE(ArraysEqual(
      Aggregate(
          {.name = "last_value", .args = {with_null_x, key2}, .groups = groups, .num_groups = 2}),
      Strings({std::nullopt, "f"})));
  // Every value type: tags, numbers, booleans, timestamps.
  EXPECT_TRUE(ArraysEqual(Aggregate({.name = "last_value",
                                     .args = {Tags({"h1", "h2", "h3", "h4", "h5", "h6"}), key},
                                     .groups = groups,
                                     .num_groups = 2}),
                          Strings({"h1", "h6"})));
  EXPECT_TRUE(ArraysEqual(Aggregate({.name = "first_value",
                                     .args = {Float64s({1, 2, 3, 4, 5, 6}), key},
                                     .groups = groups,
                                     .num_groups = 2}),
                          Float64s({2, 5})));
  EXPECT_TRUE(ArraysEqual(Aggregate({.name = "first_value",
                                     .args = {Bools({true, false, true, true, false, true}), key},
                                     .groups = groups,
                                     .num_groups = 2}),
                          Bools({false, false})));
  EXPECT_TRUE(ArraysEqual(
      Aggregate({.name = "last_value", .args = {key, key}, .groups = groups, .num_groups = 2}),
      Timestamps({t + 3, t + 5})));
  // Null keys sort last (ASC): first_value avoids them, last_value picks them.
  Array null_keys = Int64s({std::nullopt, 2, 1});
  Array v = Int64s({10, 20, 30});
  EXPECT_TRUE(
      ArraysEqual(Aggregate({.name = "first_value", .args = {v, null_keys}, .groups = {0, 0, 0}}),
                  Int64s({30})));
  EXPECT_TRUE(
      ArraysEqual(Aggregate({.name = "last_value", .args = {v, null_keys}, .groups = {0, 0, 0}}),
                  Int64s({10})));
  EXPECT_TRUE(ArraysEqual(
      Aggregate(
          {.name = "last_value", .args = {v, null_keys}, .groups = {0, 0, 0}, .nulls_first = true}),
      Int64s({20})));
}

// ---- large inputs: references and merges ----------------------------------------------------

struct Dataset {
  Array values;  // Float64 with ~5% nulls
  Array ints;    // Int64 with ~5% nulls
  Array keys;    // Timestamp, shuffled, unique
  Array tags;    // dictionary
  std::vector<uint32_t> groups;
  std::vector<std::optional<double>> raw;
  std::vector<std::optional<int64_t>> raw_ints;
  std::vector<int64_t> raw_keys;
  std::vector<std::string> raw_tags;
};

const Dataset& Large() {
  static const Dataset* data = [] {
    auto* d = new Dataset();
    constexpr int64_t kRows = 1'000'000;
    constexpr uint32_t kGroups = 1000;
    std::mt19937_64 rng(2024);
    std::normal_distribution<double> normal(50, 20);
    Opt<double> values;
    Opt<int64_t> ints;
    Opt<int64_t> keys;
    Opt<std::string> tags;
    std::vector<int64_t> order(kRows);
    for (int64_t i = 0; i < kRows; ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    for (int64_t i = 0; i < kRows; ++i) {
      bool null = rng() % 20 == 0;
      double v = normal(rng);
      int64_t n = static_cast<int64_t>(rng() % 2000001) - 1000000;
      values.push_back(null ? std::nullopt : std::optional<double>(v));
      ints.push_back(null ? std::nullopt : std::optional<int64_t>(n));
      keys.push_back(order[i] * 10);
      std::string tag = "host_" + std::to_string(rng() % 300);
      tags.push_back(tag);
      d->groups.push_back(static_cast<uint32_t>(rng() % kGroups));
      d->raw_tags.push_back(tag);
      d->raw_keys.push_back(order[i] * 10);
    }
    d->raw = values;
    d->raw_ints = ints;
    d->values = Float64s(values);
    d->ints = Int64s(ints);
    d->keys = Timestamps(keys);
    d->tags = Tags(tags);
    return d;
  }();
  return *data;
}

constexpr int64_t kLargeGroups = 1000;

AggregateRun LargeRun(std::string name, std::vector<Array> args, int partitions,
                      int64_t batch_rows = 65536) {
  AggregateRun run;
  run.name = std::move(name);
  run.args = std::move(args);
  run.groups = Large().groups;
  run.num_groups = kLargeGroups;
  run.partitions = partitions;
  run.batch_rows = batch_rows;
  return run;
}

TEST(LargeAggregateTest, SumAvgCountMinMaxAgainstReference) {
  const Dataset& d = Large();
  std::vector<double> sum(kLargeGroups), min(kLargeGroups, INFINITY), max(kLargeGroups, -INFINITY);
  std::vector<int64_t> count(kLargeGroups), isum(kLargeGroups);
  for (size_t i = 0; i < d.groups.size(); ++i) {
    uint32_t g = d.groups[i];
    if (!d.raw[i]) continue;
    sum[g] += *d.raw[i];
    min[g] = std::min(min[g], *d.raw[i]);
    max[g] = std::max(max[g], *d.raw[i]);
    ++count[g];
    isum[g] += *d.raw_ints[i];
  }
  for (int partitions : {1, 4}) {
    Array s = Aggregate(LargeRun("sum", {d.values}, partitions));
    Array a = Aggregate(LargeRun("avg", {d.values}, partitions));
    Array c = Aggregate(LargeRun("count", {d.values}, partitions));
    Array lo = Aggregate(LargeRun("min", {d.values}, partitions));
    Array hi = Aggregate(LargeRun("max", {d.values}, partitions, 1000));
    Array is = Aggregate(LargeRun("sum", {d.ints}, partitions));
    for (int64_t g = 0; g < kLargeGroups; ++g) {
      ASSERT_NEAR(ValuesOf<double>(s)[g], sum[g], 1e-6 * std::fabs(sum[g]) + 1e-6) << g;
      ASSERT_NEAR(ValuesOf<double>(a)[g], sum[g] / count[g], 1e-9) << g;
      ASSERT_EQ(ValuesOf<int64_t>(c)[g], count[g]);
      ASSERT_EQ(ValuesOf<double>(lo)[g], min[g]);
      ASSERT_EQ(ValuesOf<double>(hi)[g], max[g]);
      ASSERT_EQ(ValuesOf<int64_t>(is)[g], isum[g]);
    }
  }
}

TEST(LargeAggregateTest, MergedPartitionsEqualOneAggregator) {
  const Dataset& d = Large();
  struct Case {
    std::string name;
    std::vector<Array> args;
    bool distinct = false;
    std::vector<std::optional<Scalar>> literals;
  };
  std::vector<Case> cases = {
      {"count", {d.tags}, true},
      {"count", {d.ints}, true},
      {"min", {d.tags}},
      {"max", {d.ints}},
      {"sum", {d.ints}, true},
      {"median", {d.ints}},
      {"first_value", {d.tags, d.keys}},
      {"last_value", {d.values, d.keys}},
      {"last_value", {d.tags, d.keys}},
  };
  for (const Case& c : cases) {
    AggregateRun one = LargeRun(c.name, c.args, 1);
    one.distinct = c.distinct;
    one.literals = c.literals;
    AggregateRun many = one;
    many.partitions = 5;
    many.batch_rows = 7777;
    Array single = Aggregate(one);
    Array merged = Aggregate(many);
    EXPECT_TRUE(ArraysEqual(merged, single)) << c.name;
  }
  // Variance: equal up to rounding.
  Array v1 = Aggregate(LargeRun("stddev", {d.values}, 1));
  Array v5 = Aggregate(LargeRun("stddev", {d.values}, 5, 5000));
  for (int64_t g = 0; g < kLargeGroups; ++g)
    ASSERT_NEAR(ValuesOf<double>(v1)[g], ValuesOf<double>(v5)[g], 1e-9);
}

TEST(LargeAggregateTest, DistinctMedianFirstLastAgainstReference) {
  const Dataset& d = Large();
  std::vector<std::set<std::string>> distinct_tags(kLargeGroups);
  std::vector<std::vector<int64_t>> values(kLargeGroups);
  std::vector<int64_t> first_key(kLargeGroups, INT64_MAX), last_key(kLargeGroups, INT64_MIN);
  std::vector<std::string> first_tag(kLargeGroups), last_tag(kLargeGroups);
  for (size_t i = 0; i < d.groups.size(); ++i) {
    uint32_t g = d.groups[i];
    distinct_tags[g].insert(d.raw_tags[i]);
    if (d.raw_ints[i]) values[g].push_back(*d.raw_ints[i]);
    if (d.raw_keys[i] < first_key[g]) {
      first_key[g] = d.raw_keys[i];
      first_tag[g] = d.raw_tags[i];
    }
    if (d.raw_keys[i] > last_key[g]) {
      last_key[g] = d.raw_keys[i];
      last_tag[g] = d.raw_tags[i];
    }
  }
  AggregateRun distinct = LargeRun("count", {d.tags}, 3);
  distinct.distinct = true;
  Array counts = Aggregate(distinct);
  Array medians = Aggregate(LargeRun("median", {d.ints}, 3));
  Array firsts = Aggregate(LargeRun("first_value", {d.tags, d.keys}, 3));
  Array lasts = Aggregate(LargeRun("last_value", {d.tags, d.keys}, 3));
  StringArray first_strings(firsts), last_strings(lasts);
  for (int64_t g = 0; g < kLargeGroups; ++g) {
    ASSERT_EQ(ValuesOf<int64_t>(counts)[g], static_cast<int64_t>(distinct_tags[g].size()));
    std::vector<int64_t>& v = values[g];
    std::sort(v.begin(), v.end());
    int64_t median = v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
    ASSERT_EQ(ValuesOf<int64_t>(medians)[g], median) << g;
    ASSERT_EQ(first_strings.Value(g), first_tag[g]);
    ASSERT_EQ(last_strings.Value(g), last_tag[g]);
  }
}

TEST(LargeAggregateTest, ApproxPercentileIsClose) {
  const Dataset& d = Large();
  std::vector<std::vector<double>> values(kLargeGroups);
  for (size_t i = 0; i < d.groups.size(); ++i) {
    if (d.raw[i]) values[d.groups[i]].push_back(*d.raw[i]);
  }
  for (double p : {0.1, 0.5, 0.99}) {
    AggregateRun run = LargeRun("approx_percentile_cont", {d.values}, 3);
    run.literals = {Scalar::Float64(p)};
    Array out = Aggregate(run);
    for (int64_t g = 0; g < kLargeGroups; ++g) {
      std::vector<double>& v = values[g];
      std::sort(v.begin(), v.end());
      // Compare ranks: the estimate must sit within 2% of the group size of the true rank.
      double estimate = ValuesOf<double>(out)[g];
      double rank = static_cast<double>(std::lower_bound(v.begin(), v.end(), estimate) - v.begin());
      ASSERT_NEAR(rank / static_cast<double>(v.size()), p, 0.02) << g << " p=" << p;
    }
  }
  // One group of 1M values: a bounded digest still gives good ranks.
  AggregateRun single = LargeRun("approx_percentile_cont", {d.values}, 1);
  single.groups.assign(single.groups.size(), 0);
  single.num_groups = 1;
  single.literals = {Scalar::Float64(0.5)};
  Array out = Aggregate(single);
  std::vector<double> all;
  for (const auto& v : d.raw) {
    if (v) all.push_back(*v);
  }
  std::sort(all.begin(), all.end());
  double rank = static_cast<double>(
      std::lower_bound(all.begin(), all.end(), ValuesOf<double>(out)[0]) - all.begin());
  EXPECT_NEAR(rank / static_cast<double>(all.size()), 0.5, 0.01);
}

TEST(LargeAggregateTest, ConsumeOneGroupMatchesConsume) {
  const Dataset& d = Large();
  for (const char* name : {"sum", "avg", "count", "min", "max", "var_pop"}) {
    std::vector<DataType> types = {DataType::Float64()};
    ASSERT_OK_AND_ASSIGN(auto call, FunctionRegistry::Default().ResolveAggregate(name, types));
    AggregateOptions options;
    options.arg_types = call.cast_to;
    options.output_type = call.output_type;
    ASSERT_OK_AND_ASSIGN(auto by_ids, call.kernel->make(options));
    ASSERT_OK_AND_ASSIGN(auto one_group, call.kernel->make(options));
    ASSERT_OK(by_ids->Resize(2));
    ASSERT_OK(one_group->Resize(2));
    int64_t rows = d.values.length();
    std::vector<uint32_t> ones(static_cast<size_t>(rows), 1);
    for (int64_t start = 0; start < rows; start += 100000) {
      int64_t n = std::min<int64_t>(100000, rows - start);
      std::vector<Datum> args = {Datum(d.values.Slice(start, n))};
      ASSERT_OK(
          by_ids->Consume(args, std::span<const uint32_t>(ones.data(), static_cast<size_t>(n))));
      ASSERT_OK(one_group->ConsumeOneGroup(args, n, 1));
    }
    ASSERT_OK_AND_ASSIGN(Array a, by_ids->Finalize());
    ASSERT_OK_AND_ASSIGN(Array b, one_group->Finalize());
    ASSERT_EQ(a.IsNull(0), b.IsNull(0));
    if (a.type().id() == TypeId::kInt64) {
      EXPECT_EQ(ValuesOf<int64_t>(a)[1], ValuesOf<int64_t>(b)[1]) << name;
    } else {
      double x = ValuesOf<double>(a)[1], y = ValuesOf<double>(b)[1];
      EXPECT_NEAR(x, y, 1e-9 * std::fabs(x)) << name;
    }
  }
}

}  // namespace
}  // namespace quiver
