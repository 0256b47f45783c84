// String functions, LIKE and regular expressions.
#include <gtest/gtest.h>

#include "function/test_arrays_internal.h"

namespace quiver {
namespace {

using namespace function_test;  // NOLINT(google-build-using-namespace)

Datum S(std::string s) { return Datum(Scalar::Utf8(std::move(s))); }
Datum I(int64_t v) { return Datum(Scalar::Int64(v)); }

TEST(StringFunctionsTest, CaseAndLength) {
  Array s = Strings({"Hello", "ÄÖÜ straße", std::nullopt, ""});
  EXPECT_CALL_EQ(Strings({"hello", "äöü straße", std::nullopt, ""}), "lower", {s});
  EXPECT_CALL_EQ(Strings({"HELLO", "ÄÖÜ STRASSE", std::nullopt, ""}).Slice(0, 1), "upper",
                 {s.Slice(0, 1)});
  EXPECT_CALL_EQ(Int32s({5, 10, std::nullopt, 0}), "length", {s});
  EXPECT_CALL_EQ(Int32s({5, 10, std::nullopt, 0}), "char_length", {s});
  EXPECT_CALL_EQ(Int32s({5, 14, std::nullopt, 0}), "octet_length", {s});
  EXPECT_CALL_EQ(Scalar::Int32(3), "character_length", {S("abc")});
  EXPECT_CALL_EQ(Strings({"Hello World", "A1b C"}), "initcap", {Strings({"hello wORLD", "a1B c"})});
  // Dictionary input: evaluated per entry, result Utf8.
  Array tags = Tags({"Host_A", std::nullopt, "host_b", "Host_A"});
  EXPECT_CALL_EQ(Strings({"host_a", std::nullopt, "host_b", "host_a"}), "lower", {tags});
  EXPECT_CALL_EQ(Int32s({std::nullopt, 6}), "length", {tags.Slice(1, 2)});
}

TEST(StringFunctionsTest, Substrings) {
  Array s = Strings({"hello", "héllo", std::nullopt});
  EXPECT_CALL_EQ(Strings({"ell", "éll", std::nullopt}), "substr", {s, I(2), I(3)});
  EXPECT_CALL_EQ(Strings({"llo", "llo", std::nullopt}), "substring", {s, I(3)});
  EXPECT_CALL_EQ(Strings({"he", "hé", std::nullopt}), "substr", {s, I(0), I(3)});
  EXPECT_CALL_EQ(Strings({"", "", std::nullopt}), "substr", {s, I(-5), I(3)});
  EXPECT_CALL_EQ(Strings({"", "", std::nullopt}), "substr", {s, I(10)});
  EXPECT_CALL_FAILS("negative substring length", "substr", {s, I(1), I(-1)});
  EXPECT_CALL_EQ(Strings({"he", "hé", std::nullopt}), "left", {s, I(2)});
  EXPECT_CALL_EQ(Strings({"hel", "hél", std::nullopt}), "left", {s, I(-2)});
  EXPECT_CALL_EQ(Strings({"lo", "lo", std::nullopt}), "right", {s, I(2)});
  EXPECT_CALL_EQ(Strings({"llo", "llo", std::nullopt}), "right", {s, I(-2)});
  EXPECT_CALL_EQ(Strings({"hellohello", std::nullopt}), "repeat",
                 {Strings({"hello", std::nullopt}), I(2)});
  EXPECT_CALL_EQ(Strings({""}), "repeat", {Strings({"x"}), I(-1)});
  EXPECT_CALL_FAILS("too large", "repeat", {Strings({"xx"}), I(int64_t{1} << 40)});
  EXPECT_CALL_EQ(Strings({"olleh", "olléh", std::nullopt}), "reverse", {s});
  // Per-row start positions.
  EXPECT_CALL_EQ(Strings({"ello", "o", std::nullopt}), "substr", {s, Int64s({2, 5, 1})});
}

TEST(StringFunctionsTest, PadTrim) {
  Array s = Strings({"hi", "hello", std::nullopt});
  EXPECT_CALL_EQ(Strings({"   hi", "hello", std::nullopt}), "lpad", {s, I(5)});
  EXPECT_CALL_EQ(Strings({"xyxhi", "hel", std::nullopt}).Slice(0, 1), "lpad",
                 {s.Slice(0, 1), I(5), S("xy")});
  EXPECT_CALL_EQ(Strings({"hel"}), "lpad", {Strings({"hello"}), I(3), S("xy")});
  EXPECT_CALL_EQ(Strings({"hi...", "hello", std::nullopt}), "rpad", {s, I(5), S(".")});
  EXPECT_CALL_EQ(Strings({""}), "rpad", {Strings({"hi"}), I(0)});
  EXPECT_CALL_EQ(Strings({"hi"}), "rpad", {Strings({"hi"}), I(4), S("")});
  Array padded = Strings({"  a b  ", "xxaxx", std::nullopt});
  EXPECT_CALL_EQ(Strings({"a b", "xxaxx", std::nullopt}), "trim", {padded});
  EXPECT_CALL_EQ(Strings({"a b  ", "xxaxx", std::nullopt}), "ltrim", {padded});
  EXPECT_CALL_EQ(Strings({"  a b", "xxaxx", std::nullopt}), "rtrim", {padded});
  EXPECT_CALL_EQ(Strings({"  a b  ", "a", std::nullopt}), "btrim", {padded, S("x")});
  EXPECT_CALL_EQ(Strings({"ab"}), "btrim", {Strings({"éabé"}), S("é")});
  EXPECT_CALL_EQ(Int32s({97, 233, 0}), "ascii", {Strings({"abc", "é", ""})});
  EXPECT_CALL_EQ(Strings({"A", "é"}), "chr", {Int64s({65, 233})});
  EXPECT_CALL_FAILS("code point", "chr", {Int64s({0})});
}

TEST(StringFunctionsTest, SearchAndAssembly) {
  Array s = Strings({"cpu-total", "mem", std::nullopt});
  EXPECT_CALL_EQ(Strings({"cpu-total!", "mem!", "!"}), "concat", {s, S("!")});
  EXPECT_CALL_EQ(Strings({"cpu-total1", "mem1", "1"}), "concat", {s, I(1)});
  EXPECT_CALL_EQ(Scalar::Utf8("ab"), "concat",
                 {S("a"), Datum(Scalar::Null(DataType::Utf8())), S("b")});
  EXPECT_CALL_EQ(Strings({"cpu-total,x", "mem,x", "x"}), "concat_ws", {S(","), s, S("x")});
  EXPECT_CALL_EQ(Scalar::Null(DataType::Utf8()), "concat_ws",
                 {Datum(Scalar::Null(DataType::Utf8())), S("a")});
  EXPECT_CALL_EQ(Strings({"cpu_total", "mem", std::nullopt}), "replace", {s, S("-"), S("_")});
  EXPECT_CALL_EQ(Strings({"aXbXc"}), "replace", {Strings({"a--b--c"}), S("--"), S("X")});
  EXPECT_CALL_EQ(Strings({"abc"}), "replace", {Strings({"abc"}), S(""), S("X")});
  EXPECT_CALL_EQ(Bools({true, false, std::nullopt}), "starts_with", {s, S("cpu")});
  EXPECT_CALL_EQ(Bools({true, false, std::nullopt}), "ends_with", {s, S("total")});
  EXPECT_CALL_EQ(Bools({true, true, std::nullopt}), "contains", {s, Strings({"u-t", "e", "x"})});
  EXPECT_CALL_EQ(Int32s({4, 0, std::nullopt}), "strpos", {s, S("-")});
  EXPECT_CALL_EQ(Int32s({3}), "strpos", {Strings({"héllo"}), S("l")});
  EXPECT_CALL_EQ(Strings({"total", "", std::nullopt}), "split_part", {s, S("-"), I(2)});
  EXPECT_CALL_EQ(Strings({"total", "mem", std::nullopt}), "split_part", {s, S("-"), I(-1)});
  EXPECT_CALL_EQ(Strings({"a"}), "split_part", {Strings({"a,b,c"}), S(","), I(1)});
  EXPECT_CALL_FAILS("must not be zero", "split_part", {s, S("-"), I(0)});
  Array tags = Tags({"us-east", "us-west", std::nullopt, "eu-central"});
  EXPECT_CALL_EQ(Bools({true, true, std::nullopt, false}), "starts_with", {tags, S("us")});
  EXPECT_CALL_EQ(Strings({"east", "west", std::nullopt, "central"}), "split_part",
                 {tags, S("-"), I(2)});
}

TEST(LikeTest, Patterns) {
  Array s = Strings({"host_1", "host_12", "HOST_1", "db", std::nullopt, "h%st", "a\nb"});
  EXPECT_CALL_EQ(Bools({true, false, false, false, std::nullopt, false, false}), "like",
                 {s, S("host_1")});
  EXPECT_CALL_EQ(Bools({true, true, false, false, std::nullopt, false, false}), "like",
                 {s, S("host%")});
  EXPECT_CALL_EQ(Bools({true, false, true, false, std::nullopt, false, false}), "like",
                 {s, S("%_1")});
  EXPECT_CALL_EQ(Bools({true, true, false, false, std::nullopt, false, false}), "like",
                 {s, S("%st_1%")});
  EXPECT_CALL_EQ(Bools({true, false, false, false, std::nullopt, false, false}), "like",
                 {s, S("host__")});
  EXPECT_CALL_EQ(Bools({true, true, true, true, std::nullopt, true, true}), "like", {s, S("%")});
  EXPECT_CALL_EQ(Bools({false, false, false, false, std::nullopt, true, false}), "like",
                 {s, S("h\\%st")});
  EXPECT_CALL_EQ(Bools({false, false, false, false, std::nullopt, false, true}), "like",
                 {s, S("a_b")});
  EXPECT_CALL_EQ(Bools({true, true, true, false, std::nullopt, false, false}), "ilike",
                 {s, S("HoSt%")});
  EXPECT_CALL_EQ(Bools({false, false, true, true, std::nullopt, true, true}), "not_like",
                 {s, S("host%")});
  EXPECT_CALL_EQ(Bools({false, false, false, true, std::nullopt, true, true}), "not_ilike",
                 {s, S("host%")});
  EXPECT_CALL_EQ(Bools({true}), "like", {Strings({"é"}), S("_")});
  EXPECT_CALL_EQ(Bools({true}), "like", {Strings({"a#%"}), S("a##%"), S("#")});
  EXPECT_CALL_EQ(Bools({std::nullopt, std::nullopt}), "like",
                 {Strings({"a", "b"}), Datum(Scalar::Null(DataType::Utf8()))});
  // Per-row patterns.
  EXPECT_CALL_EQ(Bools({true, false, std::nullopt}), "like",
                 {Strings({"abc", "abc", "x"}), Strings({"a%", "b%", std::nullopt})});
  // Dictionaries, sliced.
  Array tags = Tags({"us-east-1", "us-west-2", std::nullopt, "eu-central-1", "us-east-1"});
  EXPECT_CALL_EQ(Bools({true, false, std::nullopt, false, true}), "like", {tags, S("us-east%")});
  EXPECT_CALL_EQ(Bools({std::nullopt, true, true}), "like", {tags.Slice(2, 3), S("%-1")});
}

TEST(RegexTest, MatchOperators) {
  Array s = Strings({"host_1", "HOST_22", "db", std::nullopt});
  EXPECT_CALL_EQ(Bools({true, false, false, std::nullopt}), "regex_match", {s, S("^host_[0-9]+$")});
  EXPECT_CALL_EQ(Bools({true, true, false, std::nullopt}), "regex_imatch", {s, S("host")});
  EXPECT_CALL_EQ(Bools({false, true, true, std::nullopt}), "regex_not_match", {s, S("host")});
  EXPECT_CALL_EQ(Bools({false, false, true, std::nullopt}), "regex_not_imatch", {s, S("host")});
  EXPECT_CALL_EQ(Bools({true, true, false, std::nullopt}), "regexp_like", {s, S("HOST"), S("i")});
  EXPECT_CALL_EQ(Bools({false, true, false, std::nullopt}), "~", {s, S("\\d{2}")});
  EXPECT_CALL_FAILS("invalid regular expression '(unclosed'", "regex_match", {s, S("(unclosed")});
  EXPECT_CALL_FAILS("does not support the global flag", "regexp_like", {s, S("a"), S("g")});
  EXPECT_CALL_FAILS("unsupported regular expression flag", "regexp_like", {s, S("a"), S("q")});
  Array tags = Tags({"cpu0", "cpu1", "gpu0", std::nullopt, "cpu0"});
  EXPECT_CALL_EQ(Bools({true, true, false, std::nullopt, true}), "regex_match", {tags, S("^cpu")});
  EXPECT_CALL_EQ(Bools({true, false, std::nullopt}), "regex_match",
                 {Strings({"abc", "abc", "x"}), Strings({"b", "^b", std::nullopt})});
}

TEST(RegexTest, Replace) {
  Array s = Strings({"aaa", "banana", std::nullopt});
  EXPECT_CALL_EQ(Strings({"Xaa", "bXnana", std::nullopt}), "regexp_replace", {s, S("a"), S("X")});
  EXPECT_CALL_EQ(Strings({"XXX", "bXnXnX", std::nullopt}), "regexp_replace",
                 {s, S("a"), S("X"), S("g")});
  EXPECT_CALL_EQ(Strings({"2024/06"}), "regexp_replace",
                 {Strings({"06-2024"}), S("(\\d+)-(\\d+)"), S("\\2/\\1")});
  EXPECT_CALL_EQ(Strings({"[HELLO]"}), "regexp_replace", {Strings({"HELLO"}), S(".*"), S("[\\0]")});
  EXPECT_CALL_EQ(Strings({"?-?"}), "regexp_replace",
                 {Strings({"X-Y"}), S("[a-z]"), S("?"), S("gi")});
  EXPECT_CALL_FAILS("invalid regexp_replace replacement", "regexp_replace", {s, S("a"), S("\\3")});
  Array tags = Tags({"us-east", "us-west", std::nullopt, "us-east"});
  EXPECT_CALL_EQ(Strings({"east", "west", std::nullopt, "east"}), "regexp_replace",
                 {tags, S("^us-"), S("")});
  EXPECT_CALL_EQ(
      Strings({"a1", "b", std::nullopt}), "regexp_replace",
      {Strings({"a", "b", "c"}), Strings({"a", "x", "c"}), Strings({"a1", "y", std::nullopt})});
}

TEST(RegexTest, InitCompilesOnceAndRejectsBadPatterns) {
  std::vector<DataType> types = {DataType::Utf8(), DataType::Utf8()};
  ASSERT_OK_AND_ASSIGN(auto call, FunctionRegistry::Default().ResolveScalar("regex_match", types));
  std::vector<std::optional<Scalar>> bad = {std::nullopt, Scalar::Utf8("a(")};
  auto state = call.kernel->init(bad);
  ASSERT_FALSE(state.ok());
  EXPECT_NE(state.status().message().find("'a('"), std::string::npos);
  std::vector<std::optional<Scalar>> good = {std::nullopt, Scalar::Utf8("^a")};
  ASSERT_OK_AND_ASSIGN(auto compiled, call.kernel->init(good));
  ASSERT_NE(compiled, nullptr);
  KernelContext ctx;
  ctx.state = compiled.get();
  std::vector<Datum> args = {Strings({"ab", "ba"}), S("^a")};
  ASSERT_OK_AND_ASSIGN(Datum out, call.kernel->exec(ctx, args, 2));
  EXPECT_TRUE(DatumEquals(out, Bools({true, false})));
  std::vector<DataType> like_types = {DataType::Utf8(), DataType::Utf8()};
  ASSERT_OK_AND_ASSIGN(auto like, FunctionRegistry::Default().ResolveScalar("like", like_types));
  ASSERT_OK_AND_ASSIGN(auto like_state, like.kernel->init(good));
  EXPECT_NE(like_state, nullptr);
}

}  // namespace
}  // namespace quiver
