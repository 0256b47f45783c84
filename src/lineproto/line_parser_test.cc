// Grammar, escaping and line-splitting behaviour of LineProtocolParser (accepted input).
// Rejected input and exact error messages are in line_parser_errors_test.cc.
#include "lineproto/line_parser.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "lineproto/owned_line.h"

namespace quiver::lineproto {
namespace {

using Tags = std::vector<std::pair<std::string, std::string>>;

// Parses `body` and expects exactly one line and no errors.
OwnedLine One(std::string_view body, ParseOptions options = {}) {
  ParsedBody parsed = ParseAll(body, options);
  EXPECT_TRUE(parsed.errors.empty()) << body << " -> " << parsed.errors.front().message;
  EXPECT_EQ(parsed.lines.size(), 1u) << body;
  if (parsed.lines.size() != 1) return {};
  return parsed.lines.front();
}

const OwnedField& FieldOf(const OwnedLine& line, std::string_view key) {
  for (const auto& f : line.fields) {
    if (f.key == key) return f;
  }
  static OwnedField missing;
  ADD_FAILURE() << "no field " << key;
  return missing;
}

TEST(LineParserTest, FullLine) {
  OwnedLine line =
      One("weather,city=Oslo,src=a temp=3.5,ok=t,n=12i,u=7u,note=\"cold \\\"today\\\"\" "
          "1700000000000000000");
  EXPECT_EQ(line.measurement, "weather");
  EXPECT_EQ(line.tags, (Tags{{"city", "Oslo"}, {"src", "a"}}));
  ASSERT_EQ(line.fields.size(), 5u);
  EXPECT_EQ(line.fields[0].key, "temp");
  EXPECT_EQ(line.fields[0].kind, FieldKind::kFloat);
  EXPECT_EQ(line.fields[0].float_value, 3.5);
  EXPECT_EQ(line.fields[1].kind, FieldKind::kBoolean);
  EXPECT_TRUE(line.fields[1].boolean_value);
  EXPECT_EQ(line.fields[2].kind, FieldKind::kInteger);
  EXPECT_EQ(line.fields[2].integer_value, 12);
  EXPECT_EQ(line.fields[3].kind, FieldKind::kUInteger);
  EXPECT_EQ(line.fields[3].uinteger_value, 7u);
  EXPECT_EQ(line.fields[4].kind, FieldKind::kString);
  EXPECT_EQ(line.fields[4].string_value, "cold \"today\"");
  EXPECT_TRUE(line.has_timestamp);
  EXPECT_EQ(line.timestamp, 1700000000000000000);
  EXPECT_EQ(line.line_number, 1u);
}

TEST(LineParserTest, NoTagsNoTimestamp) {
  ParseOptions options;
  options.default_time_ns = 1234567890123456789;
  OwnedLine line = One("cpu value=1", options);
  EXPECT_EQ(line.measurement, "cpu");
  EXPECT_TRUE(line.tags.empty());
  EXPECT_FALSE(line.has_timestamp);
  EXPECT_EQ(line.timestamp, 1234567890123456789);
}

TEST(LineParserTest, ViewsPointIntoBodyWithoutEscapes) {
  std::string body = "m,t=v f=\"s\",g=1i 5\n";
  LineProtocolParser parser;
  parser.Reset(body);
  ASSERT_TRUE(parser.Next());
  ASSERT_TRUE(parser.ok());
  const ParsedLine& line = parser.line();
  auto inside = [&](std::string_view v) {
    return v.data() >= body.data() && v.data() + v.size() <= body.data() + body.size();
  };
  EXPECT_TRUE(inside(line.measurement));
  EXPECT_TRUE(inside(line.tags[0].key));
  EXPECT_TRUE(inside(line.tags[0].value));
  EXPECT_TRUE(inside(line.fields[0].key));
  EXPECT_TRUE(inside(line.fields[0].value.string_value));
  EXPECT_EQ(line.text, "m,t=v f=\"s\",g=1i 5");
  EXPECT_EQ(line.tags[0].column, 3u);
  EXPECT_EQ(line.fields[0].column, 7u);
  EXPECT_EQ(line.fields[1].column, 13u);
  EXPECT_EQ(parser.scratch_bytes(), 0u);
  EXPECT_FALSE(parser.Next());
}

TEST(LineParserTest, TagsAndFieldsKeepInputOrder) {
  OwnedLine line = One("m,z=1,a=2,m=3 b=1,a=2 1");
  EXPECT_EQ(line.tags, (Tags{{"z", "1"}, {"a", "2"}, {"m", "3"}}));
  EXPECT_EQ(line.fields[0].key, "b");
  EXPECT_EQ(line.fields[1].key, "a");
}

TEST(LineParserTest, WhitespaceRules) {
  // Several spaces between sections and after the timestamp; leading spaces and tabs.
  OwnedLine line = One("  measurement  a=1i  123  ");
  EXPECT_EQ(line.measurement, "measurement");
  EXPECT_EQ(line.timestamp, 123);
  EXPECT_EQ(FieldOf(line, "a").integer_value, 1);
  One("\t \tm a=1");
  // Trailing spaces without a timestamp are accepted (grammar: [SP+ timestamp] SP*).
  EXPECT_FALSE(One("m a=1   ").has_timestamp);
}

TEST(LineParserTest, BlankLinesAndComments) {
  ParsedBody parsed = ParseAll("\n\n# comment\n   # indented comment\n\t\nm a=1\n\n#x\nm a=2\n");
  ASSERT_TRUE(parsed.errors.empty());
  ASSERT_EQ(parsed.lines.size(), 2u);
  EXPECT_EQ(parsed.lines[0].line_number, 1u);
  EXPECT_EQ(parsed.lines[1].line_number, 2u);
  EXPECT_EQ(FieldOf(parsed.lines[1], "a").float_value, 2.0);
  EXPECT_TRUE(ParseAll("").lines.empty());
  EXPECT_TRUE(ParseAll("\n\n\n").lines.empty());
  EXPECT_TRUE(ParseAll("# only a comment").lines.empty());
  EXPECT_TRUE(ParseAll("#comment\tcomment").lines.empty());
}

TEST(LineParserTest, LineNumbersCountOnlyDataLines) {
  // InfluxDB 3 numbers lines after dropping blank and comment lines; the physical
  // number counts every raw line.
  std::string body = "# header\n\nm a=1\n# c\nm a=oops\n\nm a=3\n";
  LineProtocolParser parser;
  parser.Reset(body);
  ASSERT_TRUE(parser.Next());
  ASSERT_TRUE(parser.ok());
  EXPECT_EQ(parser.line().line_number, 1u);
  EXPECT_EQ(parser.line().physical_line_number, 3u);
  ASSERT_TRUE(parser.Next());
  ASSERT_FALSE(parser.ok());
  EXPECT_EQ(parser.error().line_number, 2u);
  EXPECT_EQ(parser.error().physical_line_number, 5u);
  EXPECT_EQ(parser.error().original_line, "m a=oops");
  ASSERT_TRUE(parser.Next());
  ASSERT_TRUE(parser.ok());
  EXPECT_EQ(parser.line().line_number, 3u);
  EXPECT_EQ(parser.line().physical_line_number, 7u);
  EXPECT_FALSE(parser.Next());
  EXPECT_FALSE(parser.Next());  // stays exhausted
}

TEST(LineParserTest, CrLfLineEndings) {
  ParsedBody parsed = ParseAll("m,t=a v=1i 10\r\nm,t=b v=2i\r\n\r\n# c\r\nm s=\"x\" 30\r\n");
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0].message;
  ASSERT_EQ(parsed.lines.size(), 3u);
  EXPECT_EQ(parsed.lines[0].timestamp, 10);
  EXPECT_EQ(parsed.lines[1].tags, (Tags{{"t", "b"}}));
  EXPECT_EQ(FieldOf(parsed.lines[1], "v").integer_value, 2);
  EXPECT_FALSE(parsed.lines[1].has_timestamp);
  EXPECT_EQ(FieldOf(parsed.lines[2], "s").string_value, "x");
  EXPECT_EQ(parsed.lines[2].timestamp, 30);
  // The last line without a newline but with \r.
  EXPECT_EQ(One("m v=1 5\r").timestamp, 5);
  // The raw line reported for an error has no \r either.
  ParsedBody bad = ParseAll("m v=x\r\n");
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors[0].original_line, "m v=x");
  // A \r elsewhere is data.
  EXPECT_EQ(FieldOf(One("m s=\"a\r\nb\"\r\n"), "s").string_value, "a\r\nb");
}

TEST(LineParserTest, QuotedStringMayContainNewline) {
  ParsedBody parsed = ParseAll("m s=\"line one\nline two\",n=1i 7\nm s=\"x\" 8");
  ASSERT_TRUE(parsed.errors.empty());
  ASSERT_EQ(parsed.lines.size(), 2u);
  EXPECT_EQ(FieldOf(parsed.lines[0], "s").string_value, "line one\nline two");
  EXPECT_EQ(parsed.lines[0].timestamp, 7);
  EXPECT_EQ(parsed.lines[1].line_number, 2u);
  // Newlines, commas, spaces, equals signs and '#' inside a string are data.
  OwnedLine line = One("m s=\"a,b c=d\n# not a comment\n\",t=1i");
  EXPECT_EQ(FieldOf(line, "s").string_value, "a,b c=d\n# not a comment\n");
}

TEST(LineParserTest, MeasurementEscapes) {
  EXPECT_EQ(One("wea\\,ther v=1").measurement, "wea,ther");
  EXPECT_EQ(One("wea\\ ther v=1").measurement, "wea ther");
  EXPECT_EQ(One("\\\\wea\\\\ther v=1").measurement, "\\wea\\ther");  // \\ -> \ (v3)
  EXPECT_EQ(One("\\wea\\ther v=1").measurement, "\\wea\\ther");      // unknown escapes
  EXPECT_EQ(One("wea\\=ther v=1").measurement, "wea\\=ther");        // = is not escapable here
  EXPECT_EQ(One("tag1=1 field=1 1234").measurement, "tag1=1");       // = is allowed
  EXPECT_EQ(One("m\"q v=1").measurement, "m\"q");
  EXPECT_EQ(One("caf\xC3\xA9 v=1").measurement, "caf\xC3\xA9");
  // A backslash-newline is an unknown escape and does not end the line.
  EXPECT_EQ(One("weat\\\nher v=1").measurement, "weat\\\nher");
}

TEST(LineParserTest, TagEscapes) {
  OwnedLine line = One("m,k\\,1=v\\,1,k\\=2=v\\=2,k\\ 3=v\\ 3,k\\\\4=v\\\\4,k\\x=v\\x v=1");
  EXPECT_EQ(
      line.tags,
      (Tags{{"k,1", "v,1"}, {"k=2", "v=2"}, {"k 3", "v 3"}, {"k\\4", "v\\4"}, {"k\\x", "v\\x"}}));
  // InfluxDB 3: a raw comma is part of a tag key, a raw '=' part of a tag value.
  EXPECT_EQ(One("m,a,b=c v=1").tags, (Tags{{"a,b", "c"}}));
  EXPECT_EQ(One("m,a=b=c v=1").tags, (Tags{{"a", "b=c"}}));
  // Quotes and NUL are ordinary in tags.
  EXPECT_EQ(One("m,a=\"x\" v=1").tags, (Tags{{"a", "\"x\""}}));
  EXPECT_EQ(One(std::string_view("m,t\0g=o\0ne v=1", 14)).tags,
            (Tags{{std::string("t\0g", 3), std::string("o\0ne", 4)}}));
}

TEST(LineParserTest, FieldKeyEscapes) {
  OwnedLine line = One("m f\\,1=1,f\\=2=2,f\\ 3=3,f\\\\4=4,f\\x=5");
  ASSERT_EQ(line.fields.size(), 5u);
  EXPECT_EQ(line.fields[0].key, "f,1");
  EXPECT_EQ(line.fields[1].key, "f=2");
  EXPECT_EQ(line.fields[2].key, "f 3");
  EXPECT_EQ(line.fields[3].key, "f\\4");
  EXPECT_EQ(line.fields[4].key, "f\\x");
  // InfluxDB 3: a raw comma is part of a field key.
  EXPECT_EQ(One("m a,b=1").fields[0].key, "a,b");
  EXPECT_EQ(One("m a=1,b,c=2").fields[1].key, "b,c");
}

TEST(LineParserTest, StringValueEscapes) {
  struct Case {
    std::string_view input;
    std::string_view value;
  };
  for (auto [input, value] : {
           Case{R"(foo asdf="")", ""},
           Case{R"(foo asdf="str val")", "str val"},
           Case{R"(foo asdf="The \"string\" val")", R"(The "string" val)"},
           Case{R"(foo asdf="too hot/cold")", "too hot/cold"},
           Case{R"(foo asdf="too hot\cold")", R"(too hot\cold)"},
           Case{R"(foo asdf="too hot\\cold")", R"(too hot\cold)"},
           Case{R"(foo asdf="too hot\\\cold")", R"(too hot\\cold)"},
           Case{R"(foo asdf="too hot\\\\cold")", R"(too hot\\cold)"},
           Case{R"(foo asdf="too hot\\\\\cold")", R"(too hot\\\cold)"},
           Case{R"(foo asdf="\n is not an escape")", R"(\n is not an escape)"},
           Case{R"(foo asdf="ends with backslash\\")", R"(ends with backslash\)"},
           Case{R"(foo asdf="'single' quotes")", "'single' quotes"},
       }) {
    EXPECT_EQ(FieldOf(One(input), "asdf").string_value, value) << input;
  }
}

TEST(LineParserTest, EscapedCopiesLiveUntilReset) {
  std::string body = "m\\ 1,t\\,=v\\ v s=\"a\\\"b\" 1\nm\\ 2 s=\"c\\\\d\" 2\n";
  LineProtocolParser parser;
  parser.Reset(body);
  ASSERT_TRUE(parser.Next() && parser.ok());
  std::string_view first_measurement = parser.line().measurement;
  std::string_view first_tag_key = parser.line().tags[0].key;
  std::string_view first_string = parser.line().fields[0].value.string_value;
  ASSERT_TRUE(parser.Next() && parser.ok());
  EXPECT_EQ(first_measurement, "m 1");
  EXPECT_EQ(first_tag_key, "t,");
  EXPECT_EQ(first_string, "a\"b");
  EXPECT_EQ(parser.line().fields[0].value.string_value, "c\\d");
  EXPECT_GT(parser.scratch_bytes(), 0u);
}

TEST(LineParserTest, Numbers) {
  auto value = [](std::string_view text) {
    OwnedLine line = One(std::string("m v=") + std::string(text));
    return line.fields.empty() ? OwnedField{} : line.fields[0];
  };
  EXPECT_EQ(value("1").float_value, 1.0);
  EXPECT_EQ(value("-1.5").float_value, -1.5);
  EXPECT_EQ(value("1e6").float_value, 1e6);
  EXPECT_EQ(value("2.5E-3").float_value, 2.5e-3);
  EXPECT_EQ(value("-1.234456e+06").float_value, -1.234456e+06);
  EXPECT_EQ(value("1.7976931348623157e308").float_value, std::numeric_limits<double>::max());
  EXPECT_EQ(value("4.9406564584124654e-324").float_value,
            std::numeric_limits<double>::denorm_min());
  EXPECT_TRUE(std::signbit(value("-0").float_value));
  EXPECT_EQ(value("-0").kind, FieldKind::kFloat);
  EXPECT_EQ(value("9223372036854775807i").integer_value, std::numeric_limits<int64_t>::max());
  EXPECT_EQ(value("-9223372036854775808i").integer_value, std::numeric_limits<int64_t>::min());
  EXPECT_EQ(value("-0i").integer_value, 0);
  EXPECT_EQ(value("18446744073709551615u").uinteger_value, std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(value("0u").uinteger_value, 0u);
}

TEST(LineParserTest, Booleans) {
  for (std::string_view t : {"t", "T", "true", "True", "TRUE"}) {
    OwnedLine line = One(std::string("m b=") + std::string(t));
    ASSERT_EQ(line.fields.size(), 1u);
    EXPECT_EQ(line.fields[0].kind, FieldKind::kBoolean);
    EXPECT_TRUE(line.fields[0].boolean_value) << t;
  }
  for (std::string_view f : {"f", "F", "false", "False", "FALSE"}) {
    OwnedLine line = One(std::string("m b=") + std::string(f));
    ASSERT_EQ(line.fields.size(), 1u);
    EXPECT_FALSE(line.fields[0].boolean_value) << f;
  }
  EXPECT_EQ(FieldOf(One("m b=\"true\""), "b").kind, FieldKind::kString);
}

TEST(LineParserTest, TimestampForms) {
  EXPECT_EQ(One("m v=1 -123").timestamp, -123);
  EXPECT_EQ(One("m v=1 0").timestamp, 0);
  EXPECT_EQ(One("m v=1 9223372036854775807").timestamp, std::numeric_limits<int64_t>::max());
  EXPECT_EQ(One("m v=1 -9223372036854775808").timestamp, std::numeric_limits<int64_t>::min());
  EXPECT_EQ(One("m v=1 000000000000000000000001").timestamp, 1);
}

TEST(LineParserTest, PrecisionConversion) {
  ParseOptions options;
  options.precision = Precision::kSecond;
  EXPECT_EQ(One("m v=1 1700000000", options).timestamp, 1700000000000000000);
  EXPECT_EQ(One("m v=1 -2", options).timestamp, -2000000000);
  options.precision = Precision::kMillisecond;
  EXPECT_EQ(One("m v=1 1700000000123", options).timestamp, 1700000000123000000);
  options.precision = Precision::kMicrosecond;
  EXPECT_EQ(One("m v=1 1700000000123456", options).timestamp, 1700000000123456000);
  options.precision = Precision::kAuto;
  for (std::string_view ts :
       {"1708976567", "1708976567000", "1708976567000000", "1708976567000000000"}) {
    EXPECT_EQ(One("m v=1 " + std::string(ts), options).timestamp, 1708976567000000000) << ts;
  }
}

TEST(LineParserTest, DefaultTimeIsTruncatedToPrecision) {
  ParseOptions options;
  options.default_time_ns = 1708976567123456789;
  struct Case {
    Precision precision;
    int64_t expected;
  };
  for (auto [precision, expected] : {Case{Precision::kNanosecond, 1708976567123456789},
                                     Case{Precision::kMicrosecond, 1708976567123456000},
                                     Case{Precision::kMillisecond, 1708976567123000000},
                                     Case{Precision::kSecond, 1708976567000000000},
                                     Case{Precision::kAuto, 1708976567123456789}}) {
    options.precision = precision;
    OwnedLine line = One("m v=1", options);
    EXPECT_FALSE(line.has_timestamp);
    EXPECT_EQ(line.timestamp, expected) << PrecisionName(precision);
  }
}

TEST(LineParserTest, ReservedNamesAreNotParseErrors) {
  OwnedLine line = One("m,time=1 time=2");
  EXPECT_EQ(line.tags, (Tags{{"time", "1"}}));
  EXPECT_EQ(line.fields[0].key, "time");
}

TEST(LineParserTest, BadLineDoesNotStopTheParse) {
  ParsedBody parsed =
      ParseAll("foo,tag0=value1 asdf=23.1.22,jkl=4\nfoo,tag0=value2 asdf=22.1,jkl=5");
  ASSERT_EQ(parsed.errors.size(), 1u);
  ASSERT_EQ(parsed.lines.size(), 1u);
  EXPECT_EQ(parsed.errors[0].line_number, 1u);
  EXPECT_EQ(parsed.lines[0].line_number, 2u);
  EXPECT_EQ(FieldOf(parsed.lines[0], "asdf").float_value, 22.1);
}

TEST(LineParserTest, ParserIsReusable) {
  LineProtocolParser parser;
  for (int round = 0; round < 3; ++round) {
    std::string body = "m\\ x,t=" + std::to_string(round) + " v=" + std::to_string(round) + "i";
    parser.Reset(body);
    ASSERT_TRUE(parser.Next());
    ASSERT_TRUE(parser.ok());
    EXPECT_EQ(parser.line().measurement, "m x");
    EXPECT_EQ(parser.line().fields[0].value.integer_value, round);
    EXPECT_FALSE(parser.Next());
  }
}

TEST(LineParserTest, ManyTagsAndFields) {
  std::string body = "m";
  for (int i = 0; i < 200; ++i) body += ",t" + std::to_string(i) + "=v";
  body += " ";
  for (int i = 0; i < 200; ++i) body += (i ? ",f" : "f") + std::to_string(i) + "=1i";
  OwnedLine line = One(body);
  EXPECT_EQ(line.tags.size(), 200u);
  EXPECT_EQ(line.fields.size(), 200u);
}

TEST(LineParserTest, LongBodyCrossesIndexWindows) {
  // More than one 16 KiB classification window, lines straddling 64-byte blocks.
  std::string body;
  for (int i = 0; i < 3000; ++i) {
    body += "cpu,host=h" + std::to_string(i) + " v=" + std::to_string(i) + "i," + "s=\"a\\\"" +
            std::string(i % 70, 'x') + "\" " + std::to_string(i) + "\n";
  }
  ParsedBody parsed = ParseAll(body);
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0].message;
  ASSERT_EQ(parsed.lines.size(), 3000u);
  for (int i = 0; i < 3000; ++i) {
    EXPECT_EQ(parsed.lines[i].timestamp, i);
    EXPECT_EQ(parsed.lines[i].fields[1].string_value, "a\"" + std::string(i % 70, 'x'));
  }
}

TEST(LineParserTest, LongStringsAndCommentsSpanWindows) {
  // A string and a comment each longer than a 16 KiB window, full of structural bytes.
  std::string filler;
  for (int i = 0; i < 5000; ++i) filler += "a,b=c d\\\\";
  std::string body = "# " + filler + "\nm s=\"" + filler + "\",n=1i 9\nm n=2i 10\n";
  ParsedBody parsed = ParseAll(body);
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0].message;
  ASSERT_EQ(parsed.lines.size(), 2u);
  EXPECT_EQ(parsed.lines[0].fields[0].string_value.size(), 5000u * 8);
  EXPECT_EQ(parsed.lines[0].fields[1].integer_value, 1);
  EXPECT_EQ(parsed.lines[1].timestamp, 10);
}

TEST(LineParserTest, AllSimdLevelsAgree) {
  std::string body;
  for (int i = 0; i < 500; ++i) {
    body += "m\\,x,t=a\\ b" + std::to_string(i) + " f=\"q\\\\" + std::to_string(i) + "\",g=1e3 " +
            std::to_string(i) + "\r\n# c\n";
  }
  body += "bad line";
  ParsedBody reference = ParseAll(body);
  for (SimdLevel level : {SimdLevel::kScalar, SimdLevel::kAvx2, SimdLevel::kAvx512}) {
    if (level == SimdLevel::kAvx512 && DetectSimdLevel() != SimdLevel::kAvx512) continue;
    if (level == SimdLevel::kAvx2 && DetectSimdLevel() == SimdLevel::kScalar) continue;
    LineProtocolParser parser({}, level);
    parser.Reset(body);
    size_t lines = 0;
    size_t errors = 0;
    while (parser.Next()) {
      if (parser.ok()) {
        ASSERT_LT(lines, reference.lines.size());
        EXPECT_TRUE(OwnedLine::From(parser.line()).SameContent(reference.lines[lines]));
        ++lines;
      } else {
        ASSERT_LT(errors, reference.errors.size());
        EXPECT_EQ(parser.error().message, reference.errors[errors].message);
        ++errors;
      }
    }
    EXPECT_EQ(lines, 500u) << SimdLevelName(level);
    EXPECT_EQ(errors, 1u);
  }
}

}  // namespace
}  // namespace quiver::lineproto
