// Arithmetic, comparison, boolean logic, null predicates, conditionals and IN.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "function/simd_kernels_internal.h"
#include "function/test_arrays_internal.h"

namespace quiver {
namespace {

using namespace function_test;  // NOLINT(google-build-using-namespace)

// ---- arithmetic ----------------------------------------------------------------------------

TEST(ArithmeticTest, Int64WithNullsAndScalars) {
  Array a = Int64s({1, 2, std::nullopt, 4});
  Array b = Int64s({10, std::nullopt, 30, 40});
  EXPECT_CALL_EQ(Int64s({11, std::nullopt, std::nullopt, 44}), "add", {a, b});
  EXPECT_CALL_EQ(Int64s({-9, std::nullopt, std::nullopt, -36}), "subtract", {a, b});
  EXPECT_CALL_EQ(Int64s({10, std::nullopt, std::nullopt, 160}), "multiply", {a, b});
  EXPECT_CALL_EQ(Int64s({3, 4, std::nullopt, 6}), "+", {a, Datum(Scalar::Int64(2))});
  EXPECT_CALL_EQ(Int64s({1, 0, std::nullopt, -2}), "-", {Datum(Scalar::Int64(2)), a});
  EXPECT_CALL_EQ(Int64s({std::nullopt, std::nullopt, std::nullopt, std::nullopt}), "add",
                 {a, Datum(Scalar::Null(DataType::Int64()))});
  EXPECT_CALL_EQ(Scalar::Int64(5), "add", {Datum(Scalar::Int64(2)), Datum(Scalar::Int64(3))});
  EXPECT_CALL_EQ(Scalar::Null(DataType::Int64()), "add",
                 {Datum(Scalar::Int64(2)), Datum(Scalar::Null(DataType::Int64()))});
  EXPECT_CALL_EQ(Int64s({-1, -2, std::nullopt, -4}), "negate", {a});
}

TEST(ArithmeticTest, DivisionAndModulo) {
  Array a = Int64s({7, -7, 7, -7, std::nullopt});
  Array b = Int64s({2, 2, -2, -2, 0});
  EXPECT_CALL_EQ(Int64s({3, -3, -3, 3, std::nullopt}), "divide", {a, b});  // truncates
  EXPECT_CALL_EQ(Int64s({1, -1, 1, -1, std::nullopt}), "modulo", {a, b});  // sign of dividend
  EXPECT_CALL_FAILS("Divide by zero error", "divide", {Int64s({1, 2}), Int64s({1, 0})});
  EXPECT_CALL_FAILS("Divide by zero error", "modulo", {Int64s({1}), Datum(Scalar::Int64(0))});
  EXPECT_CALL_FAILS("Divide by zero error", "divide", {Float64s({1.0}), Float64s({0.0})});
  EXPECT_CALL_FAILS("Divide by zero error", "divide",
                    {Datum(Scalar::Int64(1)), Datum(Scalar::Int64(0))});
  EXPECT_CALL_EQ(Float64s({3.5, std::nullopt}), "divide",
                 {Float64s({7, std::nullopt}), Float64s({2, 0})});
  EXPECT_CALL_EQ(Float64s({1.5}), "modulo", {Float64s({7.5}), Float64s({2})});
  EXPECT_CALL_EQ(Int64s({0}), "modulo", {Int64s({INT64_MIN}), Int64s({-1})});
  EXPECT_CALL_FAILS("Int64 overflow", "divide", {Int64s({INT64_MIN}), Int64s({-1})});
  EXPECT_CALL_EQ(UInt64s({3}), "divide", {UInt64s({7}), UInt64s({2})});
}

TEST(ArithmeticTest, Overflow) {
  EXPECT_CALL_FAILS("Int64 overflow", "add", {Int64s({INT64_MAX}), Datum(Scalar::Int64(1))});
  EXPECT_CALL_FAILS("Int64 overflow", "subtract", {Int64s({INT64_MIN}), Int64s({1})});
  EXPECT_CALL_FAILS("Int64 overflow", "multiply", {Int64s({INT64_MAX / 2 + 1}), Int64s({2})});
  EXPECT_CALL_FAILS("Int64 overflow", "negate", {Int64s({INT64_MIN})});
  EXPECT_CALL_FAILS("UInt64 overflow", "add", {UInt64s({UINT64_MAX}), UInt64s({1})});
  EXPECT_CALL_FAILS("UInt64 overflow", "subtract", {UInt64s({1}), UInt64s({2})});
  // Overflowing garbage under a null is not an error.
  EXPECT_CALL_EQ(Int64s({std::nullopt, 3}), "add",
                 {Int64s({std::nullopt, 1}), Int64s({INT64_MAX, 2})});
}

TEST(ArithmeticTest, MixedTypesAndSlices) {
  EXPECT_CALL_EQ(Float64s({1.5, 3.5}), "add", {Int64s({1, 3}), Datum(Scalar::Float64(0.5))});
  EXPECT_CALL_EQ(Int64s({2, 3}), "add", {Int32s({1, 2}), UInt64s({1, 1})});
  Array a = Int64s({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, std::nullopt, 12});
  Array b = Int64s({1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
  EXPECT_CALL_EQ(Int64s({4, 5, 6, 7, 8, 9, 10, 11, std::nullopt}), "add",
                 {a.Slice(2, 9), b.Slice(3, 9)});
  EXPECT_CALL_EQ(Int64s({}), "add", {Int64s({}), Int64s({})});
  EXPECT_CALL_FAILS("no function matches", "add", {Bools({true}), Int64s({1})});
}

// ---- comparison ------------------------------------------------------------------------------

TEST(ComparisonTest, Numbers) {
  Array a = Int64s({1, 2, 3, std::nullopt});
  Array b = Int64s({3, 2, 1, 1});
  EXPECT_CALL_EQ(Bools({false, true, false, std::nullopt}), "eq", {a, b});
  EXPECT_CALL_EQ(Bools({true, false, true, std::nullopt}), "not_eq", {a, b});
  EXPECT_CALL_EQ(Bools({true, false, false, std::nullopt}), "lt", {a, b});
  EXPECT_CALL_EQ(Bools({true, true, false, std::nullopt}), "lt_eq", {a, b});
  EXPECT_CALL_EQ(Bools({false, false, true, std::nullopt}), "gt", {a, b});
  EXPECT_CALL_EQ(Bools({false, true, true, std::nullopt}), "gt_eq", {a, b});
  EXPECT_CALL_EQ(Bools({false, false, true, std::nullopt}), "gt", {a, Datum(Scalar::Int64(2))});
  EXPECT_CALL_EQ(Bools({true, false, false, std::nullopt}), "gt", {Datum(Scalar::Int64(2)), a});
  EXPECT_CALL_EQ(Scalar::Boolean(true), "lt", {Datum(Scalar::Int64(1)), Datum(Scalar::Int64(2))});
  EXPECT_CALL_EQ(Scalar::Null(DataType::Boolean()), "lt",
                 {Datum(Scalar::Int64(1)), Datum(Scalar::Null(DataType::Int64()))});
}

TEST(ComparisonTest, MixedSignedUnsignedAndFloat) {
  Array s = Int64s({-1, 5, INT64_MAX});
  Array u = UInt64s({UINT64_MAX, 5, static_cast<uint64_t>(INT64_MAX) + 1});
  EXPECT_CALL_EQ(Bools({true, false, true}), "lt", {s, u});
  EXPECT_CALL_EQ(Bools({false, true, false}), "eq", {u, s});
  EXPECT_CALL_EQ(Bools({true, true, false}), "lt",
                 {Int64s({1, 2, 3}), Datum(Scalar::Float64(2.5))});
}

TEST(ComparisonTest, FloatNaNOrdering) {
  Array a = Float64s({NAN, 1.0, NAN, -0.0, INFINITY});
  Array b = Float64s({NAN, NAN, 1.0, 0.0, NAN});
  EXPECT_CALL_EQ(Bools({true, false, false, true, false}), "eq", {a, b});
  EXPECT_CALL_EQ(Bools({false, true, false, false, true}), "lt", {a, b});
  EXPECT_CALL_EQ(Bools({true, true, false, true, true}), "lt_eq", {a, b});
  EXPECT_CALL_EQ(Bools({false, false, true, false, false}), "gt", {a, b});
  EXPECT_CALL_EQ(Bools({true, false, true, true, false}), "gt_eq", {a, b});
  // Scalars, including NaN scalars.
  EXPECT_CALL_EQ(Bools({true, false, true, false, true}), "gt", {a, Datum(Scalar::Float64(1.0))});
  EXPECT_CALL_EQ(Bools({true, false, true, false, false}), "eq", {a, Datum(Scalar::Float64(NAN))});
  EXPECT_CALL_EQ(Bools({false, true, false, true, true}), "lt", {a, Datum(Scalar::Float64(NAN))});
}

// Compares every SIMD comparison path against a scalar reference on random data,
// including lengths that are not multiples of 8/64 and sliced inputs.
TEST(ComparisonTest, RandomAgainstReference) {
  std::mt19937_64 rng(42);
  for (int64_t n : {0, 1, 7, 8, 63, 64, 65, 1000, 4099}) {
    Opt<double> a, b;
    Opt<int64_t> c, d;
    for (int64_t i = 0; i < n + 3; ++i) {
      a.push_back(rng() % 10 == 0 ? NAN : static_cast<double>(rng() % 7));
      b.push_back(static_cast<double>(rng() % 7));
      c.push_back(static_cast<int64_t>(rng() % 7) - 3);
      d.push_back(rng() % 13 == 0 ? std::optional<int64_t>() : static_cast<int64_t>(rng() % 7) - 3);
    }
    Array fa = Float64s(a).Slice(3, n), fb = Float64s(b).Slice(1, n);
    Array ic = Int64s(c).Slice(2, n), id = Int64s(d).Slice(3, n);
    const char* names[] = {"eq", "not_eq", "lt", "lt_eq", "gt", "gt_eq"};
    for (int op = 0; op < 6; ++op) {
      auto reference = [&](auto x, auto y) -> bool {
        using T = decltype(x);
        if constexpr (std::is_floating_point_v<T>) {
          bool xn = std::isnan(x), yn = std::isnan(y);
          int order = xn && yn ? 0 : xn ? 1 : yn ? -1 : (x < y ? -1 : x > y ? 1 : 0);
          switch (op) {
            case 0:
              return order == 0;
            case 1:
              return order != 0;
            case 2:
              return order < 0;
            case 3:
              return order <= 0;
            case 4:
              return order > 0;
            default:
              return order >= 0;
          }
        } else {
          switch (op) {
            case 0:
              return x == y;
            case 1:
              return x != y;
            case 2:
              return x < y;
            case 3:
              return x <= y;
            case 4:
              return x > y;
            default:
              return x >= y;
          }
        }
      };
      ASSERT_OK_AND_ASSIGN(Datum ff, Call(names[op], {fa, fb}));
      ASSERT_OK_AND_ASSIGN(Datum fs, Call(names[op], {fa, Datum(Scalar::Float64(3.0))}));
      ASSERT_OK_AND_ASSIGN(Datum ii, Call(names[op], {ic, id}));
      ASSERT_OK_AND_ASSIGN(Datum is, Call(names[op], {Datum(Scalar::Int64(0)), id}));
      for (int64_t i = 0; i < n; ++i) {
        double x = *a[i + 3], y = *b[i + 1];
        ASSERT_EQ(BooleanArray(ff.array()).Value(i), reference(x, y))
            << names[op] << " " << x << " " << y;
        ASSERT_EQ(BooleanArray(fs.array()).Value(i), reference(x, 3.0)) << names[op] << " " << x;
        if (d[i + 3]) {
          ASSERT_TRUE(ii.array().IsValid(i));
          ASSERT_EQ(BooleanArray(ii.array()).Value(i), reference(*c[i + 2], *d[i + 3]));
          ASSERT_EQ(BooleanArray(is.array()).Value(i), reference(int64_t{0}, *d[i + 3]));
        } else {
          ASSERT_TRUE(ii.array().IsNull(i));
        }
      }
    }
  }
}

TEST(ComparisonTest, StringsBooleansTimestamps) {
  Array s = Strings({"apple", "banana", std::nullopt, "", "cherry"});
  EXPECT_CALL_EQ(Bools({false, true, std::nullopt, false, false}), "eq",
                 {s, Datum(Scalar::Utf8("banana"))});
  EXPECT_CALL_EQ(Bools({true, false, std::nullopt, true, false}), "lt",
                 {s, Datum(Scalar::Utf8("b"))});
  EXPECT_CALL_EQ(Bools({true, true, std::nullopt, true, false}), "gt",
                 {Datum(Scalar::Utf8("c")), s});
  Array t = Bools({true, false, true, std::nullopt});
  Array f = Bools({false, false, true, true});
  EXPECT_CALL_EQ(Bools({false, true, true, std::nullopt}), "eq", {t, f});
  EXPECT_CALL_EQ(Bools({false, false, false, std::nullopt}), "lt", {t, f});
  EXPECT_CALL_EQ(Bools({true, false, false, std::nullopt}), "gt", {t, f});
  int64_t t0 = Ts("2024-01-01T00:00:00Z");
  Array times = Timestamps({t0, t0 + 1, t0 - 1});
  // A string literal compares as a timestamp.
  EXPECT_CALL_EQ(Bools({false, true, false}), "gt",
                 {times, Datum(Scalar::Utf8("2024-01-01T00:00:00Z"))});
  EXPECT_CALL_FAILS("'not a time'", "gt", {times, Datum(Scalar::Utf8("not a time"))});
  EXPECT_CALL_EQ(Bools({true}), "eq",
                 {Intervals({MonthDayNano{1, 2, 3}}), Intervals({MonthDayNano{1, 2, 3}})});
}

TEST(ComparisonTest, Dictionaries) {
  Array tags = Tags({"host_1", "host_2", std::nullopt, "host_1", "host_3", "host_2", "host_1",
                     "host_9", "host_1"});
  EXPECT_CALL_EQ(Bools({true, false, std::nullopt, true, false, false, true, false, true}), "eq",
                 {tags, Datum(Scalar::Utf8("host_1"))});
  EXPECT_CALL_EQ(Bools({false, true, std::nullopt, false, true, true, false, true, false}),
                 "not_eq", {tags, Datum(Scalar::Utf8("host_1"))});
  EXPECT_CALL_EQ(Bools({false, false, std::nullopt, false, false, false, false, false, false}),
                 "eq", {tags, Datum(Scalar::Utf8("absent"))});
  EXPECT_CALL_EQ(Bools({true, true, std::nullopt, true, false, true, true, false, true}), "lt",
                 {tags, Datum(Scalar::Utf8("host_3"))});
  EXPECT_CALL_EQ(Bools({true, true, std::nullopt, true, false, true, true, false, true}), "gt",
                 {Datum(Scalar::Utf8("host_3")), tags});
  // Sliced dictionary arrays.
  EXPECT_CALL_EQ(Bools({std::nullopt, true, false}), "eq",
                 {tags.Slice(2, 3), Datum(Scalar::Utf8("host_1"))});
  // Dictionary with a string column, and with itself.
  Array other =
      Strings({"host_1", "x", "y", "host_2", "host_3", "host_2", std::nullopt, "host_9", "z"});
  EXPECT_CALL_EQ(Bools({true, false, std::nullopt, false, true, true, std::nullopt, true, false}),
                 "eq", {tags, other});
  EXPECT_CALL_EQ(Bools({true, true, std::nullopt, true, true, true, true, true, true}), "eq",
                 {tags, tags});
  // Many rows, so the vectorised index paths run (one match, several matches via IN).
  Opt<std::string> many;
  for (int i = 0; i < 5000; ++i) many.push_back("host_" + std::to_string(i % 37));
  Array big = Tags(many);
  ASSERT_OK_AND_ASSIGN(Datum eq, Call("eq", {big, Datum(Scalar::Utf8("host_5"))}));
  for (int i = 0; i < 5000; ++i) ASSERT_EQ(BooleanArray(eq.array()).Value(i), i % 37 == 5) << i;
}

// A call site's state caches the table of each dictionary it saw; batches with other
// dictionaries (or other literals than the state's) must still be right.
TEST(ComparisonTest, DictionaryTablesCachedAcrossBatches) {
  std::vector<DataType> types = {DataType::TagDictionary(), DataType::Utf8()};
  ASSERT_OK_AND_ASSIGN(auto call, FunctionRegistry::Default().ResolveScalar("eq", types));
  std::vector<std::optional<Scalar>> literals = {std::nullopt, Scalar::Utf8("b")};
  ASSERT_OK_AND_ASSIGN(auto state, call.kernel->init(literals));
  ASSERT_NE(state, nullptr);
  KernelContext ctx;
  ctx.state = state.get();
  Array first = Tags({"a", "b", "c", "b"});
  Array second = Tags({"b", "x", "b", std::nullopt});  // another dictionary: "b" is index 0
  for (int round = 0; round < 3; ++round) {
    for (int64_t offset = 0; offset < 2; ++offset) {
      std::vector<Datum> args = {first.Slice(offset, 2), Datum(Scalar::Utf8("b"))};
      ASSERT_OK_AND_ASSIGN(Datum out, call.kernel->exec(ctx, args, 2));
      EXPECT_TRUE(DatumEquals(out, offset == 0 ? Bools({false, true}) : Bools({true, false})));
    }
    std::vector<Datum> args = {second, Datum(Scalar::Utf8("b"))};
    ASSERT_OK_AND_ASSIGN(Datum out, call.kernel->exec(ctx, args, 4));
    EXPECT_TRUE(DatumEquals(out, Bools({true, false, true, std::nullopt})));
    // A different literal than the state's does not use the cache.
    std::vector<Datum> other = {second, Datum(Scalar::Utf8("x"))};
    ASSERT_OK_AND_ASSIGN(out, call.kernel->exec(ctx, other, 4));
    EXPECT_TRUE(DatumEquals(out, Bools({false, true, false, std::nullopt})));
  }
}

TEST(ComparisonTest, DistinctFrom) {
  Array a = Int64s({1, std::nullopt, std::nullopt, 2});
  Array b = Int64s({1, std::nullopt, 3, 3});
  EXPECT_CALL_EQ(Bools({false, false, true, true}), "is_distinct_from", {a, b});
  EXPECT_CALL_EQ(Bools({true, true, false, false}), "is_not_distinct_from", {a, b});
  EXPECT_CALL_EQ(Bools({true, false, false, true}), "is_distinct_from",
                 {a, Datum(Scalar::Null(DataType::Int64()))});
  EXPECT_CALL_EQ(Scalar::Boolean(true), "is_not_distinct_from",
                 {Datum(Scalar::Null(DataType::Int64())), Datum(Scalar::Null(DataType::Int64()))});
}

// ---- boolean logic -------------------------------------------------------------------------

TEST(BooleanTest, ThreeValuedLogic) {
  Array a =
      Bools({true, true, true, false, false, false, std::nullopt, std::nullopt, std::nullopt});
  Array b =
      Bools({true, false, std::nullopt, true, false, std::nullopt, true, false, std::nullopt});
  EXPECT_CALL_EQ(
      Bools({true, false, std::nullopt, false, false, false, std::nullopt, false, std::nullopt}),
      "and", {a, b});
  EXPECT_CALL_EQ(
      Bools({true, true, true, true, false, std::nullopt, true, std::nullopt, std::nullopt}), "or",
      {a, b});
  EXPECT_CALL_EQ(
      Bools({false, false, false, true, true, true, std::nullopt, std::nullopt, std::nullopt}),
      "not", {a});
  EXPECT_CALL_EQ(Bools({false, true, std::nullopt, true, false, std::nullopt, std::nullopt,
                        std::nullopt, std::nullopt}),
                 "xor", {a, b});
  EXPECT_CALL_EQ(Bools({false, false, false, false, false, false, false, false, false}), "and",
                 {a, Datum(Scalar::Boolean(false))});
  EXPECT_CALL_EQ(Bools({true, true, true, true, true, true, true, true, true}), "or",
                 {Datum(Scalar::Boolean(true)), b});
  EXPECT_CALL_EQ(Bools({std::nullopt, false, std::nullopt, std::nullopt, false, std::nullopt,
                        std::nullopt, false, std::nullopt}),
                 "and", {Datum(Scalar::Null(DataType::Boolean())), b});
  EXPECT_CALL_EQ(Scalar::Boolean(false), "and",
                 {Datum(Scalar::Null(DataType::Boolean())), Datum(Scalar::Boolean(false))});
  EXPECT_CALL_EQ(Scalar::Null(DataType::Boolean()), "or",
                 {Datum(Scalar::Null(DataType::Boolean())), Datum(Scalar::Boolean(false))});
  // Sliced at a non-byte boundary.
  EXPECT_CALL_EQ(Bools({false, false, false, false}), "and", {a.Slice(3, 4), b.Slice(4, 4)});
}

TEST(NullPredicatesTest, All) {
  Array a = Bools({true, false, std::nullopt});
  EXPECT_CALL_EQ(Bools({false, false, true}), "is_null", {a});
  EXPECT_CALL_EQ(Bools({true, true, false}), "is_not_null", {a});
  EXPECT_CALL_EQ(Bools({true, false, false}), "is_true", {a});
  EXPECT_CALL_EQ(Bools({false, true, false}), "is_false", {a});
  EXPECT_CALL_EQ(Bools({false, true, true}), "is_not_true", {a});
  EXPECT_CALL_EQ(Bools({true, false, true}), "is_not_false", {a});
  EXPECT_CALL_EQ(Bools({false, false, true}), "is_unknown", {a});
  EXPECT_CALL_EQ(Bools({false, true, false}), "is_null", {Tags({"a", std::nullopt, "b"})});
  EXPECT_CALL_EQ(Bools({true, false}), "is_null",
                 {Strings({"x", "y", std::nullopt, "z"}).Slice(2, 2)});
  EXPECT_CALL_EQ(Scalar::Boolean(true), "is_null", {Datum(Scalar::Null(DataType::Int64()))});
}

// ---- conditionals --------------------------------------------------------------------------

TEST(ConditionalTest, CoalesceNullIf) {
  Array a = Int64s({1, std::nullopt, std::nullopt});
  Array b = Int64s({10, 20, std::nullopt});
  EXPECT_CALL_EQ(Int64s({1, 20, 99}), "coalesce", {a, b, Datum(Scalar::Int64(99))});
  EXPECT_CALL_EQ(Int64s({1, 20, std::nullopt}), "coalesce", {a, b});
  EXPECT_CALL_EQ(Float64s({1, 20, 0.5}), "coalesce", {a, b, Datum(Scalar::Float64(0.5))});
  EXPECT_CALL_EQ(Scalar::Int64(3), "coalesce",
                 {Datum(Scalar::Null(DataType::Int64())), Datum(Scalar::Int64(3))});
  EXPECT_CALL_EQ(Strings({"x", "dflt", "y"}), "coalesce",
                 {Tags({"x", std::nullopt, "y"}), Datum(Scalar::Utf8("dflt"))});
  EXPECT_CALL_EQ(Int64s({std::nullopt, 2, std::nullopt}), "nullif",
                 {Int64s({1, 2, std::nullopt}), Datum(Scalar::Int64(1))});
  EXPECT_CALL_EQ(Int64s({1, 20, std::nullopt}), "nvl", {a, b});
  EXPECT_CALL_EQ(Strings({"set", "unset", "unset"}), "nvl2",
                 {a, Datum(Scalar::Utf8("set")), Datum(Scalar::Utf8("unset"))});
}

TEST(ConditionalTest, GreatestLeastIfElse) {
  Array a = Int64s({1, std::nullopt, 5, std::nullopt});
  Array b = Int64s({3, 2, 4, std::nullopt});
  EXPECT_CALL_EQ(Int64s({3, 2, 5, std::nullopt}), "greatest", {a, b});
  EXPECT_CALL_EQ(Int64s({1, 2, 4, std::nullopt}), "least", {a, b});
  EXPECT_CALL_EQ(Int64s({4, 4, 5, 4}), "greatest", {a, b, Datum(Scalar::Int64(4))});
  EXPECT_CALL_EQ(Float64s({NAN, 1}), "greatest", {Float64s({NAN, 1}), Float64s({2, std::nullopt})});
  EXPECT_CALL_EQ(Scalar::Utf8("b"), "greatest",
                 {Datum(Scalar::Utf8("a")), Datum(Scalar::Utf8("b"))});
  Array cond = Bools({true, false, std::nullopt, true});
  EXPECT_CALL_EQ(Int64s({1, 2, 4, std::nullopt}), "if_else", {cond, a, b});
  EXPECT_CALL_EQ(Strings({"yes", "no", "no", "yes"}), "if_else",
                 {cond, Datum(Scalar::Utf8("yes")), Datum(Scalar::Utf8("no"))});
  EXPECT_CALL_EQ(Scalar::Int64(2), "if_else",
                 {Datum(Scalar::Boolean(false)), Datum(Scalar::Int64(1)), Datum(Scalar::Int64(2))});
  Array tags = Tags({"a", "b", "c", "d"});
  ASSERT_OK_AND_ASSIGN(Datum same_dictionary, Call("if_else", {cond, tags, tags.Slice(0, 4)}));
  EXPECT_EQ(same_dictionary.type(), DataType::TagDictionary());
  EXPECT_TRUE(same_dictionary.array().Equals(Tags({"a", "b", "c", "d"})));
}

// ---- IN ------------------------------------------------------------------------------------

TEST(InListTest, LiteralsAndNulls) {
  Array a = Int64s({1, 2, 3, std::nullopt});
  EXPECT_CALL_EQ(Bools({true, false, true, std::nullopt}), "in_list",
                 {a, Datum(Scalar::Int64(1)), Datum(Scalar::Int64(3))});
  // A null item: no match gives null, a match still true.
  EXPECT_CALL_EQ(Bools({true, std::nullopt, std::nullopt, std::nullopt}), "in_list",
                 {a, Datum(Scalar::Int64(1)), Datum(Scalar::Null(DataType::Int64()))});
  // Coercion: Int64 column with a float item.
  EXPECT_CALL_EQ(Bools({false, true, false, std::nullopt}), "in_list",
                 {a, Datum(Scalar::Float64(2.0))});
  // A large list (hash set path).
  std::vector<Datum> args = {a};
  for (int64_t v = 3; v < 100; ++v) args.push_back(Datum(Scalar::Int64(v)));
  EXPECT_CALL_EQ(Bools({false, false, true, std::nullopt}), "in_list", args);
  EXPECT_CALL_EQ(
      Bools({true, false, true}), "in_list",
      {Float64s({NAN, 1.0, -0.0}), Datum(Scalar::Float64(NAN)), Datum(Scalar::Float64(0.0))});
  EXPECT_CALL_EQ(Scalar::Boolean(true), "in_list",
                 {Datum(Scalar::Utf8("b")), Datum(Scalar::Utf8("a")), Datum(Scalar::Utf8("b"))});
}

TEST(InListTest, StringsDictionariesAndColumns) {
  Array tags = Tags({"host_1", "host_2", std::nullopt, "host_3", "host_1"});
  EXPECT_CALL_EQ(Bools({true, false, std::nullopt, true, true}), "in_list",
                 {tags, Datum(Scalar::Utf8("host_1")), Datum(Scalar::Utf8("host_3"))});
  EXPECT_CALL_EQ(Bools({false, true, std::nullopt}), "in_list",
                 {tags.Slice(0, 3), Datum(Scalar::Utf8("host_2")), Datum(Scalar::Utf8("nope"))});
  Array strings = Strings({"a", "b", std::nullopt});
  std::vector<Datum> many = {strings};
  for (int i = 0; i < 20; ++i)
    many.push_back(Datum(Scalar::Utf8(std::string(1, static_cast<char>('a' + i)))));
  EXPECT_CALL_EQ(Bools({true, true, std::nullopt}), "in_list", many);
  // Items that are columns: equality ORed with three-valued logic.
  Array c1 = Int64s({1, 5, std::nullopt});
  Array c2 = Int64s({std::nullopt, 2, 3});
  EXPECT_CALL_EQ(Bools({true, true, true}), "in_list", {Int64s({1, 2, 3}), c1, c2});
  EXPECT_CALL_EQ(Bools({false, false, std::nullopt}), "in_list",
                 {Int64s({7, 8, 9}), c1, Int64s({1, 1, 1})});
  // Timestamps with string items.
  int64_t t = Ts("2024-01-01T00:00:00Z");
  EXPECT_CALL_EQ(Bools({true, false}), "in_list",
                 {Timestamps({t, t + 1}), Datum(Scalar::Utf8("2024-01-01T00:00:00Z"))});
}

TEST(InListTest, InitBuildsState) {
  std::vector<DataType> types = {DataType::TagDictionary(), DataType::Utf8(), DataType::Utf8()};
  ASSERT_OK_AND_ASSIGN(auto call, FunctionRegistry::Default().ResolveScalar("in_list", types));
  std::vector<std::optional<Scalar>> literals = {std::nullopt, Scalar::Utf8("a"),
                                                 Scalar::Utf8("c")};
  ASSERT_OK_AND_ASSIGN(auto state, call.kernel->init(literals));
  ASSERT_NE(state, nullptr);
  KernelContext ctx;
  ctx.state = state.get();
  // With state, the exec ignores the item arguments' values.
  std::vector<Datum> args = {Tags({"a", "b", "c"}), Datum(Scalar::Utf8("a")),
                             Datum(Scalar::Utf8("c"))};
  ASSERT_OK_AND_ASSIGN(Datum out, call.kernel->exec(ctx, args, 3));
  EXPECT_TRUE(DatumEquals(out, Bools({true, false, true})));
}

TEST(SimdKernelsTest, LookupAndIndexCompare) {
  std::mt19937 rng(7);
  for (int64_t n : {0, 5, 16, 17, 100, 1031}) {
    std::vector<int32_t> indices(static_cast<size_t>(n));
    for (auto& i : indices)
      i = static_cast<int32_t>(rng() % 12) - 1;  // includes -1 and 10, 11 (out of range)
    std::vector<uint8_t> lut = {1, 0, 0, 1, 1, 0, 1, 0, 0, 1};
    std::vector<uint8_t> bits(static_cast<size_t>(bit_util::BytesForBits(n)) + 1, 0xAA);
    function_internal::LookupBytesToBits(indices.data(), lut.data(),
                                         static_cast<int64_t>(lut.size()), n, bits.data());
    std::vector<uint8_t> eq(bits.size(), 0xAA);
    function_internal::CompareInt32ScalarToBits(function_internal::CompareOp::kEq, indices.data(),
                                                3, n, eq.data());
    for (int64_t i = 0; i < n; ++i) {
      int32_t k = indices[i];
      bool expected = k >= 0 && k < 10 && lut[k];
      ASSERT_EQ(bit_util::GetBit(bits.data(), i), expected) << i;
      ASSERT_EQ(bit_util::GetBit(eq.data(), i), k == 3) << i;
    }
  }
}

}  // namespace
}  // namespace quiver
