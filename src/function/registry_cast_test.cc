// Function resolution, implicit casts, CommonType, explicit Cast and interval text.
#include <gtest/gtest.h>

#include <cmath>

#include "function/interval_text.h"
#include "function/selection.h"
#include "function/test_arrays_internal.h"

namespace quiver {
namespace {

using namespace function_test;  // NOLINT(google-build-using-namespace)

const FunctionRegistry& Registry() { return FunctionRegistry::Default(); }

TEST(FunctionRegistryTest, FindsNamesAndAliasesCaseInsensitively) {
  EXPECT_NE(Registry().FindScalar("eq"), nullptr);
  EXPECT_EQ(Registry().FindScalar("="), Registry().FindScalar("eq"));
  EXPECT_EQ(Registry().FindScalar("SUBSTRING"), Registry().FindScalar("substr"));
  EXPECT_EQ(Registry().FindAggregate("mean"), Registry().FindAggregate("avg"));
  EXPECT_EQ(Registry().FindScalar("no_such_function"), nullptr);
  std::vector<std::string> names = Registry().ScalarNames();
  EXPECT_NE(std::find(names.begin(), names.end(), "date_bin"), names.end());
  std::vector<std::string> aggregates = Registry().AggregateNames();
  EXPECT_NE(std::find(aggregates.begin(), aggregates.end(), "approx_percentile_cont"),
            aggregates.end());
}

TEST(FunctionRegistryTest, ExactMatchNeedsNoCast) {
  std::vector<DataType> types = {DataType::Float64(), DataType::Float64()};
  ASSERT_OK_AND_ASSIGN(auto call, Registry().ResolveScalar("add", types));
  EXPECT_EQ(call.output_type, DataType::Float64());
  EXPECT_EQ(call.cast_to, types);
}

TEST(FunctionRegistryTest, CommonTypeCoercionForOperators) {
  std::vector<DataType> types = {DataType::Int64(), DataType::Float64()};
  ASSERT_OK_AND_ASSIGN(auto call, Registry().ResolveScalar("add", types));
  EXPECT_EQ(call.output_type, DataType::Float64());
  EXPECT_EQ(call.cast_to[0], DataType::Float64());

  // Int32 + Int64 -> Int64.
  types = {DataType::Int32(), DataType::Int64()};
  ASSERT_OK_AND_ASSIGN(call, Registry().ResolveScalar("multiply", types));
  EXPECT_EQ(call.output_type, DataType::Int64());
  EXPECT_EQ(call.cast_to[0], DataType::Int64());

  // Timestamp compared with a string literal: the string becomes a timestamp.
  types = {DataType::Timestamp(), DataType::Utf8()};
  ASSERT_OK_AND_ASSIGN(call, Registry().ResolveScalar("lt", types));
  EXPECT_EQ(call.cast_to[1], DataType::Timestamp());

  // Int64 = '5' compares numbers.
  types = {DataType::Int64(), DataType::Utf8()};
  ASSERT_OK_AND_ASSIGN(call, Registry().ResolveScalar("eq", types));
  EXPECT_EQ(call.cast_to[1], DataType::Int64());

  // Mixed signed/unsigned comparisons have their own exact kernels.
  types = {DataType::Int64(), DataType::UInt64()};
  ASSERT_OK_AND_ASSIGN(call, Registry().ResolveScalar("eq", types));
  EXPECT_EQ(call.cast_to, types);
}

TEST(FunctionRegistryTest, DictionaryStaysEncodedForPredicates) {
  std::vector<DataType> types = {DataType::TagDictionary(), DataType::Utf8()};
  for (const char* name : {"eq", "not_eq", "like", "regex_match", "in_list", "starts_with"}) {
    ASSERT_OK_AND_ASSIGN(auto call, Registry().ResolveScalar(name, types));
    EXPECT_EQ(call.cast_to[0], DataType::TagDictionary()) << name;
  }
  // String functions run on the dictionary entries and return Utf8.
  std::vector<DataType> one = {DataType::TagDictionary()};
  ASSERT_OK_AND_ASSIGN(auto call, Registry().ResolveScalar("lower", one));
  EXPECT_EQ(call.output_type, DataType::Utf8());
  EXPECT_EQ(call.cast_to[0], DataType::TagDictionary());
  // Comparing a tag with a number compares numbers.
  std::vector<DataType> mixed = {DataType::TagDictionary(), DataType::Int64()};
  ASSERT_OK_AND_ASSIGN(call, Registry().ResolveScalar("eq", mixed));
  EXPECT_EQ(call.cast_to[0], DataType::Int64());
}

TEST(FunctionRegistryTest, PerArgumentImplicitCasts) {
  std::vector<DataType> types = {DataType::Int64()};
  ASSERT_OK_AND_ASSIGN(auto call, Registry().ResolveScalar("sqrt", types));
  EXPECT_EQ(call.cast_to[0], DataType::Float64());
  EXPECT_EQ(call.output_type, DataType::Float64());
  // abs keeps integers.
  ASSERT_OK_AND_ASSIGN(call, Registry().ResolveScalar("abs", types));
  EXPECT_EQ(call.output_type, DataType::Int64());
  // Null arguments take the kernel's type.
  types = {DataType::Null()};
  ASSERT_OK_AND_ASSIGN(call, Registry().ResolveScalar("sqrt", types));
  EXPECT_EQ(call.cast_to[0], DataType::Float64());
  // Timestamp(ms) reaches the Timestamp(ns) kernels.
  types = {DataType::IntervalMonthDayNano(), DataType::Timestamp(TimeUnit::kMilli)};
  ASSERT_OK_AND_ASSIGN(call, Registry().ResolveScalar("date_bin", types));
  EXPECT_EQ(call.cast_to[1], DataType::Timestamp(TimeUnit::kNano));
  // A string stride becomes an interval.
  types = {DataType::Utf8(), DataType::Timestamp()};
  ASSERT_OK_AND_ASSIGN(call, Registry().ResolveScalar("date_bin", types));
  EXPECT_EQ(call.cast_to[0], DataType::IntervalMonthDayNano());
}

TEST(FunctionRegistryTest, ErrorsNameFunctionAndTypes) {
  std::vector<DataType> types = {DataType::Utf8()};
  auto result = Registry().ResolveScalar("sqrt", types);
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.status().IsInvalidArgument());
  EXPECT_NE(result.status().message().find("sqrt(string)"), std::string::npos)
      << result.status().ToString();
  EXPECT_NE(result.status().message().find("candidates: sqrt(double)"), std::string::npos);
  EXPECT_TRUE(Registry().ResolveScalar("nope", types).status().IsNotFound());
  std::vector<DataType> bad = {DataType::Boolean(), DataType::Int64()};
  EXPECT_FALSE(Registry().ResolveScalar("add", bad).ok());
}

TEST(FunctionRegistryTest, LiteralDependentOutputType) {
  std::vector<DataType> types = {DataType::Utf8(), DataType::Timestamp()};
  std::vector<std::optional<Scalar>> epoch = {Scalar::Utf8("epoch"), std::nullopt};
  ASSERT_OK_AND_ASSIGN(auto call, Registry().ResolveScalar("date_part", types, epoch));
  EXPECT_EQ(call.output_type, DataType::Float64());
  std::vector<std::optional<Scalar>> year = {Scalar::Utf8("YEAR"), std::nullopt};
  ASSERT_OK_AND_ASSIGN(call, Registry().ResolveScalar("date_part", types, year));
  EXPECT_EQ(call.output_type, DataType::Int32());
  std::vector<std::optional<Scalar>> ns = {Scalar::Utf8("nanosecond"), std::nullopt};
  ASSERT_OK_AND_ASSIGN(call, Registry().ResolveScalar("date_part", types, ns));
  EXPECT_EQ(call.output_type, DataType::Int64());
  std::vector<std::optional<Scalar>> none = {std::nullopt, std::nullopt};
  EXPECT_FALSE(Registry().ResolveScalar("date_part", types, none).ok());
  std::vector<std::optional<Scalar>> bad = {Scalar::Utf8("fortnight"), std::nullopt};
  EXPECT_FALSE(Registry().ResolveScalar("date_part", types, bad).ok());
}

TEST(FunctionRegistryTest, Aggregates) {
  std::vector<DataType> none;
  ASSERT_OK_AND_ASSIGN(auto call, Registry().ResolveAggregate("count", none));
  EXPECT_EQ(call.output_type, DataType::Int64());
  std::vector<DataType> i32 = {DataType::Int32()};
  ASSERT_OK_AND_ASSIGN(call, Registry().ResolveAggregate("sum", i32));
  EXPECT_EQ(call.output_type, DataType::Int64());
  ASSERT_OK_AND_ASSIGN(call, Registry().ResolveAggregate("min", i32));
  EXPECT_EQ(call.output_type, DataType::Int32());
  std::vector<DataType> tag = {DataType::TagDictionary()};
  ASSERT_OK_AND_ASSIGN(call, Registry().ResolveAggregate("max", tag));
  EXPECT_EQ(call.output_type, DataType::Utf8());
  std::vector<DataType> ordered = {DataType::TagDictionary(), DataType::Timestamp()};
  ASSERT_OK_AND_ASSIGN(call, Registry().ResolveAggregate("last_value", ordered));
  EXPECT_EQ(call.output_type, DataType::Utf8());
  EXPECT_TRUE(call.function->ordered);
  std::vector<DataType> s = {DataType::Utf8()};
  EXPECT_FALSE(Registry().ResolveAggregate("sum", s).ok());
}

TEST(CommonTypeTest, Lattice) {
  EXPECT_EQ(*CommonType(DataType::Int64(), DataType::Float64()), DataType::Float64());
  EXPECT_EQ(*CommonType(DataType::Int32(), DataType::Int64()), DataType::Int64());
  EXPECT_EQ(*CommonType(DataType::UInt32(), DataType::UInt64()), DataType::UInt64());
  EXPECT_EQ(*CommonType(DataType::Int64(), DataType::UInt64()), DataType::Int64());
  EXPECT_EQ(*CommonType(DataType::Null(), DataType::Utf8()), DataType::Utf8());
  EXPECT_EQ(*CommonType(DataType::TagDictionary(), DataType::Utf8()), DataType::Utf8());
  EXPECT_EQ(*CommonType(DataType::TagDictionary(), DataType::TagDictionary()),
            DataType::TagDictionary());
  EXPECT_EQ(*CommonType(DataType::Utf8(), DataType::Timestamp()), DataType::Timestamp());
  EXPECT_EQ(*CommonType(DataType::Timestamp(TimeUnit::kNano, "UTC"), DataType::Utf8()),
            DataType::Timestamp(TimeUnit::kNano, "UTC"));
  EXPECT_EQ(*CommonType(DataType::Boolean(), DataType::Utf8()), DataType::Boolean());
  EXPECT_FALSE(CommonType(DataType::Boolean(), DataType::Int64()).has_value());
  EXPECT_FALSE(CommonType(DataType::Timestamp(), DataType::Float64()).has_value());
}

TEST(ImplicitCastTest, Targets) {
  EXPECT_EQ(*ImplicitCastTarget(DataType::Int32(), TypeMatcher::Exact(DataType::Float64())),
            DataType::Float64());
  EXPECT_EQ(*ImplicitCastTarget(DataType::TagDictionary(), TypeMatcher::AnyString()),
            DataType::Utf8());
  EXPECT_EQ(*ImplicitCastTarget(DataType::Null(), TypeMatcher::Exact(DataType::Boolean())),
            DataType::Boolean());
  EXPECT_FALSE(
      ImplicitCastTarget(DataType::Float64(), TypeMatcher::Exact(DataType::Int64())).has_value());
  EXPECT_FALSE(
      ImplicitCastTarget(DataType::Boolean(), TypeMatcher::Exact(DataType::Int64())).has_value());
  EXPECT_FALSE(ImplicitCastTarget(DataType::Int64(), TypeMatcher::AnyString()).has_value());
}

// ---- Cast ---------------------------------------------------------------------------------

Result<Datum> CastTo(const Datum& value, const DataType& to) {
  KernelContext ctx;
  return Cast(ctx, value, to);
}

TEST(CastTest, NumericWidenAndNarrow) {
  ASSERT_OK_AND_ASSIGN(Datum out, CastTo(Int64s({1, std::nullopt, -3}), DataType::Float64()));
  EXPECT_TRUE(DatumEquals(out, Float64s({1.0, std::nullopt, -3.0})));
  ASSERT_OK_AND_ASSIGN(out, CastTo(Float64s({1.9, -1.9, std::nullopt}), DataType::Int64()));
  EXPECT_TRUE(DatumEquals(out, Int64s({1, -1, std::nullopt})));
  ASSERT_OK_AND_ASSIGN(out, CastTo(Int64s({100, -100}), DataType::Int8()));
  EXPECT_EQ(out.array().FormatValue(0), "100");
  auto overflow = CastTo(Int64s({1000}), DataType::Int8());
  ASSERT_FALSE(overflow.ok());
  EXPECT_NE(overflow.status().message().find("1000"), std::string::npos)
      << overflow.status().ToString();
  EXPECT_FALSE(CastTo(Float64s({std::nan("")}), DataType::Int64()).ok());
  EXPECT_FALSE(CastTo(Float64s({1e30}), DataType::Int64()).ok());
  EXPECT_FALSE(CastTo(Int64s({-1}), DataType::UInt64()).ok());
  EXPECT_FALSE(CastTo(UInt64s({UINT64_MAX}), DataType::Int64()).ok());
  // Invalid values under nulls do not fail.
  Array masked = Int64s({std::nullopt, 5});
  ASSERT_OK_AND_ASSIGN(out, CastTo(masked, DataType::Int8()));
  EXPECT_EQ(out.array().null_count(), 1);
}

TEST(CastTest, SlicedInput) {
  Array source = Int64s({1, 2, std::nullopt, 4, 5, 6, 7, 8, 9, 10, 11});
  ASSERT_OK_AND_ASSIGN(Datum out, CastTo(source.Slice(1, 9), DataType::Float64()));
  EXPECT_TRUE(DatumEquals(out, Float64s({2, std::nullopt, 4, 5, 6, 7, 8, 9, 10})));
}

TEST(CastTest, ToAndFromStrings) {
  ASSERT_OK_AND_ASSIGN(Datum out, CastTo(Strings({"12", " -7 ", std::nullopt}), DataType::Int64()));
  EXPECT_TRUE(DatumEquals(out, Int64s({12, -7, std::nullopt})));
  auto bad = CastTo(Strings({"12", "abc"}), DataType::Int64());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("'abc'"), std::string::npos) << bad.status().ToString();
  ASSERT_OK_AND_ASSIGN(out, CastTo(Strings({"1.5", "inf", "-2e3"}), DataType::Float64()));
  EXPECT_TRUE(DatumEquals(out, Float64s({1.5, INFINITY, -2000})));
  ASSERT_OK_AND_ASSIGN(
      out, CastTo(Strings({"true", "F", "1", "0", "t", std::nullopt}), DataType::Boolean()));
  EXPECT_TRUE(DatumEquals(out, Bools({true, false, true, false, true, std::nullopt})));
  EXPECT_FALSE(CastTo(Strings({"yes please"}), DataType::Boolean()).ok());
  ASSERT_OK_AND_ASSIGN(out, CastTo(Float64s({1.5, 1.0, 1e20, NAN}), DataType::Utf8()));
  EXPECT_TRUE(DatumEquals(out, Strings({"1.5", "1.0", "1e+20", "NaN"})));
  ASSERT_OK_AND_ASSIGN(out, CastTo(Int64s({-42}), DataType::Utf8()));
  EXPECT_TRUE(DatumEquals(out, Strings({"-42"})));
  ASSERT_OK_AND_ASSIGN(out, CastTo(Bools({true, std::nullopt}), DataType::Utf8()));
  EXPECT_TRUE(DatumEquals(out, Strings({"true", std::nullopt})));
}

TEST(CastTest, Timestamps) {
  int64_t t = Ts("2024-06-01T12:00:00Z");
  ASSERT_OK_AND_ASSIGN(
      Datum out,
      CastTo(Strings({"2024-06-01T12:00:00Z", "2024-06-01 12:00:00", "2024-06-01T14:00:00+02:00"}),
             DataType::Timestamp()));
  EXPECT_TRUE(DatumEquals(out, Timestamps({t, t, t})));
  auto bad = CastTo(Strings({"yesterday"}), DataType::Timestamp());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("'yesterday'"), std::string::npos);
  ASSERT_OK_AND_ASSIGN(out, CastTo(Timestamps({t, t + 500'000'000}), DataType::Utf8()));
  EXPECT_TRUE(DatumEquals(out, Strings({"2024-06-01T12:00:00", "2024-06-01T12:00:00.500"})));
  ASSERT_OK_AND_ASSIGN(out, CastTo(Timestamps({t}), DataType::Int64()));
  EXPECT_TRUE(DatumEquals(out, Int64s({t})));
  ASSERT_OK_AND_ASSIGN(out, CastTo(Int64s({t}), DataType::Timestamp()));
  EXPECT_TRUE(DatumEquals(out, Timestamps({t})));
  // Unit changes floor toward negative infinity and check overflow.
  ASSERT_OK_AND_ASSIGN(
      out, CastTo(Timestamps({1'500'000'000, -1}), DataType::Timestamp(TimeUnit::kSecond)));
  EXPECT_EQ(ValuesOf<int64_t>(out.array())[0], 1);
  EXPECT_EQ(ValuesOf<int64_t>(out.array())[1], -1);
  ASSERT_OK_AND_ASSIGN(
      Datum seconds,
      CastTo(Datum(Scalar::Timestamp(INT64_MAX / 10, TimeUnit::kSecond)), DataType::Utf8()));
  (void)seconds;
  EXPECT_FALSE(CastTo(FixedArray<int64_t>({INT64_MAX / 10}, DataType::Timestamp(TimeUnit::kSecond)),
                      DataType::Timestamp())
                   .ok());
  ASSERT_OK_AND_ASSIGN(out, CastTo(Timestamps({t}), DataType::Date32()));
  EXPECT_TRUE(DatumEquals(out, Date32s({19875})));
  ASSERT_OK_AND_ASSIGN(out, CastTo(Date32s({19875}), DataType::Utf8()));
  EXPECT_TRUE(DatumEquals(out, Strings({"2024-06-01"})));
}

TEST(CastTest, DictionaryAndNull) {
  Array tags = Tags({"a", "b", std::nullopt, "a"});
  ASSERT_OK_AND_ASSIGN(Datum out, CastTo(tags, DataType::Utf8()));
  EXPECT_TRUE(DatumEquals(out, Strings({"a", "b", std::nullopt, "a"})));
  ASSERT_OK_AND_ASSIGN(out, CastTo(tags.Slice(1, 3), DataType::Utf8()));
  EXPECT_TRUE(DatumEquals(out, Strings({"b", std::nullopt, "a"})));
  ASSERT_OK_AND_ASSIGN(out, CastTo(Strings({"x", std::nullopt, "x"}), DataType::TagDictionary()));
  EXPECT_TRUE(DatumEquals(out, Tags({"x", std::nullopt, "x"})));
  ASSERT_OK_AND_ASSIGN(out, CastTo(Tags({"1", "22"}), DataType::Int64()));
  EXPECT_TRUE(DatumEquals(out, Int64s({1, 22})));
  ASSERT_OK_AND_ASSIGN(out, CastTo(Datum(MakeNullArray(DataType::Null(), 3)), DataType::Float64()));
  EXPECT_TRUE(DatumEquals(out, Float64s({std::nullopt, std::nullopt, std::nullopt})));
  EXPECT_FALSE(CanCast(DataType::Boolean(), DataType::Timestamp()));
  auto unsupported = CastTo(Bools({true}), DataType::Timestamp());
  ASSERT_FALSE(unsupported.ok());
  EXPECT_NE(unsupported.status().message().find("cannot cast bool to timestamp[ns]"),
            std::string::npos);
}

TEST(CastTest, Scalars) {
  ASSERT_OK_AND_ASSIGN(Scalar s,
                       CastScalar(Scalar::Utf8("2024-06-01T12:00:00Z"), DataType::Timestamp()));
  EXPECT_EQ(s, TsScalar("2024-06-01T12:00:00Z"));
  ASSERT_OK_AND_ASSIGN(s, CastScalar(Scalar::Null(DataType::Int64()), DataType::Utf8()));
  EXPECT_TRUE(s.is_null());
  EXPECT_EQ(s.type(), DataType::Utf8());
  ASSERT_OK_AND_ASSIGN(
      s, CastScalar(Scalar::Utf8("1 hour 30 minutes"), DataType::IntervalMonthDayNano()));
  EXPECT_EQ(s.interval_value(), (MonthDayNano{0, 0, 90 * 60 * kNanosPerSecond}));
  ASSERT_OK_AND_ASSIGN(s,
                       CastScalar(Scalar::Interval({1, 2, 3 * kNanosPerSecond}), DataType::Utf8()));
  EXPECT_EQ(s.string_value(), "0 years 1 mons 2 days 0 hours 0 mins 3.000000000 secs");
  EXPECT_FALSE(CastScalar(Scalar::Utf8("abc"), DataType::Float64()).ok());
}

TEST(IntervalTextTest, Parses) {
  auto parse = [](std::string_view text) { return ParseInterval(text).ValueOrDie(); };
  EXPECT_EQ(parse("1 minute"), (MonthDayNano{0, 0, kNanosPerMinute}));
  EXPECT_EQ(parse("2 hours"), (MonthDayNano{0, 0, 2 * kNanosPerHour}));
  EXPECT_EQ(parse("1 day 2 hours"), (MonthDayNano{0, 1, 2 * kNanosPerHour}));
  EXPECT_EQ(parse("1 month"), (MonthDayNano{1, 0, 0}));
  EXPECT_EQ(parse("2 years 1 mon"), (MonthDayNano{25, 0, 0}));
  EXPECT_EQ(parse("1 week"), (MonthDayNano{0, 7, 0}));
  EXPECT_EQ(parse("1h30m"), (MonthDayNano{0, 0, 90 * kNanosPerMinute}));
  EXPECT_EQ(parse("10ms"), (MonthDayNano{0, 0, 10 * kNanosPerMilli}));
  EXPECT_EQ(parse("-3 minutes"), (MonthDayNano{0, 0, -3 * kNanosPerMinute}));
  EXPECT_EQ(parse("1.5 hours"), (MonthDayNano{0, 0, 90 * kNanosPerMinute}));
  EXPECT_EQ(parse("0.5 month"), (MonthDayNano{0, 15, 0}));
  EXPECT_EQ(parse("30"), (MonthDayNano{0, 0, 30 * kNanosPerSecond}));
  EXPECT_FALSE(ParseInterval("").ok());
  EXPECT_FALSE(ParseInterval("1 fortnight").ok());
  EXPECT_FALSE(ParseInterval("hour").ok());
  EXPECT_FALSE(ParseInterval("99999999999999999999 days").ok());
}

// ---- Selection (CASE support) -----------------------------------------------------------

TEST(SelectionTest, FilterAndInterleave) {
  Array mask = Bools({true, false, std::nullopt, true, false});
  Array values = Int64s({1, 2, 3, std::nullopt, 5});
  EXPECT_EQ(CountTrue(mask), 2);
  ASSERT_OK_AND_ASSIGN(Array kept, FilterByMask(values, mask));
  EXPECT_TRUE(kept.Equals(Int64s({1, std::nullopt})));
  ASSERT_OK_AND_ASSIGN(Array rest, FilterByMask(values, mask, /*invert=*/true));
  EXPECT_TRUE(rest.Equals(Int64s({2, 3, 5})));
  ASSERT_OK_AND_ASSIGN(Array merged,
                       InterleaveByMask(mask, Datum(kept), Datum(rest), DataType::Int64()));
  EXPECT_TRUE(merged.Equals(values));
  ASSERT_OK_AND_ASSIGN(
      merged, InterleaveByMask(mask, Datum(Scalar::Int64(7)), Datum(rest), DataType::Int64()));
  EXPECT_TRUE(merged.Equals(Int64s({7, 2, 3, 7, 5})));
  EXPECT_FALSE(InterleaveByMask(mask, Datum(rest), Datum(rest), DataType::Int64()).ok());

  Array strings = Strings({"a", "b", "c", std::nullopt, "e"});
  ASSERT_OK_AND_ASSIGN(
      Array picked, SelectByMask(mask, Datum(strings), Datum(Scalar::Utf8("z")), DataType::Utf8()));
  EXPECT_TRUE(picked.Equals(Strings({"a", "z", "z", std::nullopt, "z"})));

  Array tags = Tags({"x", "y", "x", "z", std::nullopt});
  ASSERT_OK_AND_ASSIGN(Array tag_kept, FilterByMask(tags, mask));
  EXPECT_TRUE(tag_kept.Equals(Tags({"x", "z"})));
  EXPECT_EQ(tag_kept.data()->dictionary, tags.data()->dictionary);  // dictionary kept
  ASSERT_OK_AND_ASSIGN(Array bools,
                       SelectByMask(mask, Datum(Bools({true, true, true, true, true})),
                                    Datum(Scalar::Boolean(false)), DataType::Boolean()));
  EXPECT_TRUE(bools.Equals(Bools({true, false, false, true, false})));
}

}  // namespace
}  // namespace quiver
