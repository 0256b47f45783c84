// Rejected input: every parse error with its exact message, column and line number.
#include <gtest/gtest.h>

#include <string>

#include "lineproto/line_parser.h"
#include "lineproto/owned_line.h"

namespace quiver::lineproto {
namespace {

using namespace std::string_literals;

// Parses a one-line body that must fail; returns the message.
std::string ErrorOf(std::string_view body, ParseOptions options = {}) {
  ParsedBody parsed = ParseAll(body, options);
  EXPECT_TRUE(parsed.lines.empty()) << body;
  EXPECT_EQ(parsed.errors.size(), 1u) << body;
  if (parsed.errors.empty()) return "<no error>";
  EXPECT_EQ(parsed.errors[0].line_number, 1u);
  return parsed.errors[0].message;
}

TEST(LineParserErrorsTest, Measurement) {
  EXPECT_EQ(ErrorOf(",tag1=1,tag2=2 value=1 123"), "Invalid measurement was provided at column 1");
  EXPECT_EQ(ErrorOf(std::string_view("\0 field=1 1234", 14)),
            "Invalid measurement was provided at column 1");
  EXPECT_EQ(ErrorOf("measurement"),
            "Expected at least one space character, got end of input at column 12");
  EXPECT_EQ(ErrorOf("m\tv=1"), "Expected at least one space character, got `\tv=1` at column 2");
  EXPECT_EQ(ErrorOf(std::string_view("ab\0 v=1", 7)),
            "Expected at least one space character, got `\0 v=1` at column 3"s);
}

TEST(LineParserErrorsTest, TagSet) {
  EXPECT_EQ(ErrorOf("J,"), "Expected tag key, got end of input at column 3");
  EXPECT_EQ(ErrorOf("testmeasure, bar=1i"), "Expected tag key, got ` bar=1i` at column 13");
  EXPECT_EQ(ErrorOf("m,t=v, f=1"), "Expected tag key, got ` f=1` at column 7");
  EXPECT_EQ(ErrorOf("m,t=v,"), "Expected tag key, got end of input at column 7");
  EXPECT_EQ(ErrorOf("J,#"), "Tag set malformed: could not find equals sign in `#` at column 4");
  EXPECT_EQ(ErrorOf("J," + std::string(200, 'a')),
            "Tag set malformed: could not find equals sign in `aaaaaaaaaa...` at column 203");
  EXPECT_EQ(ErrorOf("m,abc v=1"),
            "Tag set malformed: could not find equals sign in `abc v=1` at column 6");
  EXPECT_EQ(ErrorOf("testmeasure,foo= bar=1i"), "Expected tag value, got ` bar=1i` at column 17");
  EXPECT_EQ(ErrorOf("testmeasure,foo=,baz= bar=1i"),
            "Expected tag value, got `,baz= bar=...` at column 17");
  EXPECT_EQ(ErrorOf("metrics,bananas=,platanos=great value=1.000000 1725629157696678000"),
            "Expected tag value, got `,platanos=...` at column 17");
  EXPECT_EQ(ErrorOf("0,,="), "Expected tag value, got end of input at column 5");
  EXPECT_EQ(ErrorOf("m,t="), "Expected tag value, got end of input at column 5");
  EXPECT_EQ(ErrorOf("m,t=v"),
            "Expected at least one space character, got end of input at column 6");
  EXPECT_EQ(ErrorOf("m,t=a\tb v=1"),
            "Expected at least one space character, got `\tb v=1` at column 6");
}

TEST(LineParserErrorsTest, DuplicateKeys) {
  EXPECT_EQ(ErrorOf("m,a=1,a=2 v=1"),
            "Must not contain duplicate tags, but `a` was repeated at column 7");
  EXPECT_EQ(ErrorOf("m,a\\ b=1,c=2,a\\ b=3 v=1"),
            "Must not contain duplicate tags, but `a b` was repeated at column 14");
  EXPECT_EQ(ErrorOf("m a=1,a=2"),
            "invalid line protocol - multiple instances of 'a' field found at column 7");
  EXPECT_EQ(ErrorOf("m usage_user=1i,usage_system=2i,usage_user=3i"),
            "invalid line protocol - multiple instances of 'usage_user' field found at column 33");
  // Different types do not make a different field.
  EXPECT_EQ(ErrorOf("m a=1,b=2,a=\"x\""),
            "invalid line protocol - multiple instances of 'a' field found at column 11");
  // A tag and a field with the same name are not a parse error (the catalog decides).
  EXPECT_EQ(ParseAll("m,a=1 a=2").lines.size(), 1u);
  // Many keys (past the pairwise check) and an escaped twin.
  std::string many = "m";
  for (int i = 0; i < 100; ++i) many += ",t" + std::to_string(i) + "=v";
  many += ",t\\ 7=x,t77=y v=1";
  EXPECT_EQ(ErrorOf(many), "Must not contain duplicate tags, but `t77` was repeated at column " +
                               std::to_string(many.rfind(",t77=") + 2));
}

TEST(LineParserErrorsTest, DuplicateAfterRepeatedKeySequence) {
  // The signature cache must not hide a duplicate in a line that follows lines with the
  // same number of keys.
  ParsedBody parsed = ParseAll("m,a=1,b=2 x=1,y=2\nm,a=1,b=2 x=1,y=2\nm,a=1,a=2 x=1,x=2\n");
  ASSERT_EQ(parsed.lines.size(), 2u);
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_EQ(parsed.errors[0].message,
            "Must not contain duplicate tags, but `a` was repeated at column 7");
  parsed = ParseAll("m x=1,y=2\nm y=1,x=2\nm x=1,x=2\nm x=1,y=2\n");
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_EQ(parsed.errors[0].line_number, 3u);
  EXPECT_EQ(parsed.lines.size(), 3u);
}

TEST(LineParserErrorsTest, FieldSet) {
  EXPECT_EQ(ErrorOf("foo 1234"), "No fields were provided at column 5");
  EXPECT_EQ(ErrorOf("m "), "No fields were provided at column 3");
  EXPECT_EQ(ErrorOf("m =1"), "No fields were provided at column 3");
  EXPECT_EQ(ErrorOf("field=1 1234"), "No fields were provided at column 9");
  EXPECT_EQ(ErrorOf("m v=1,"), "Expected field key, got end of input at column 7");
  EXPECT_EQ(ErrorOf("m v=1,=2"), "Expected field key, got `=2` at column 7");
  EXPECT_EQ(ErrorOf("m v=1,w"), "Expected '=' after field key 'w', got end of input at column 8");
  EXPECT_EQ(ErrorOf("m v=1,w 5"), "Expected '=' after field key 'w', got ` 5` at column 8");
  EXPECT_EQ(ErrorOf("m v="), "missing value for field 'v' at column 5");
  EXPECT_EQ(ErrorOf("m v= 1"), "missing value for field 'v' at column 5");
  EXPECT_EQ(ErrorOf("m v=,w=1"), "missing value for field 'v' at column 5");
}

TEST(LineParserErrorsTest, Integers) {
  EXPECT_EQ(ErrorOf("m n=12x3i"), "invalid integer value '12x3i' for field 'n' at column 5");
  EXPECT_EQ(ErrorOf("m n=1.0i"), "invalid integer value '1.0i' for field 'n' at column 5");
  EXPECT_EQ(ErrorOf("m n=-i"), "invalid integer value '-i' for field 'n' at column 5");
  EXPECT_EQ(ErrorOf("m n=9223372036854775808i"),
            "Unable to parse integer value `9223372036854775808` for field 'n': number out of "
            "range at column 5");
  EXPECT_EQ(ErrorOf("m n=-9223372036854775809i"),
            "Unable to parse integer value `-9223372036854775809` for field 'n': number out of "
            "range at column 5");
  EXPECT_EQ(ErrorOf("testmeasure field=66666666666666666666666666666666666666666666668i"),
            "Unable to parse integer value `66666666666666666666666666666666666666666666668` "
            "for field 'field': number out of range at column 19");
}

TEST(LineParserErrorsTest, UnsignedIntegers) {
  EXPECT_EQ(ErrorOf("m n=18446744073709551616u"),
            "Unable to parse unsigned integer value `18446744073709551616` for field 'n': number "
            "out of range at column 5");
  EXPECT_EQ(ErrorOf("m0 field=-1u 99"),
            "invalid unsigned integer value '-1u' for field 'field' at column 10");
  EXPECT_EQ(ErrorOf("m n=1.5u"), "invalid unsigned integer value '1.5u' for field 'n' at column 5");
}

TEST(LineParserErrorsTest, Floats) {
  EXPECT_EQ(ErrorOf("m x=1e400"),
            "Unable to parse floating-point value `1e400` for field 'x': number out of range at "
            "column 5");
  EXPECT_EQ(ErrorOf("m x=1."), "invalid float value '1.' for field 'x' at column 5");
  EXPECT_EQ(ErrorOf("m x=.5"), "invalid field value '.5' for field 'x' at column 5");
  EXPECT_EQ(ErrorOf("m x=+1"), "invalid field value '+1' for field 'x' at column 5");
  EXPECT_EQ(ErrorOf("m x=1.2.3"), "invalid float value '1.2.3' for field 'x' at column 5");
  EXPECT_EQ(ErrorOf("m0 field=-1.234456e 1615869152385000000"),
            "invalid float value '-1.234456e' for field 'field' at column 10");
  EXPECT_EQ(ErrorOf("m0 field=-1.234456E+ 1615869152385000000"),
            "invalid float value '-1.234456E+' for field 'field' at column 10");
  EXPECT_EQ(ErrorOf("m x=NaN"), "invalid field value 'NaN' for field 'x' at column 5");
  EXPECT_EQ(ErrorOf("m x=nan"), "invalid field value 'nan' for field 'x' at column 5");
  EXPECT_EQ(ErrorOf("m x=inf"), "invalid field value 'inf' for field 'x' at column 5");
  EXPECT_EQ(ErrorOf("m x=-inf"), "invalid float value '-inf' for field 'x' at column 5");
  EXPECT_EQ(ErrorOf("m x=Infinity"), "invalid field value 'Infinity' for field 'x' at column 5");
  EXPECT_EQ(ErrorOf("m x=1=2"), "invalid float value '1=2' for field 'x' at column 5");
  EXPECT_EQ(ErrorOf("m x=1\t123"), "invalid float value '1\t123' for field 'x' at column 5");
  EXPECT_EQ(ErrorOf("m x=1\"a\""), "invalid float value '1\"a\"' for field 'x' at column 5");
}

TEST(LineParserErrorsTest, Booleans) {
  EXPECT_EQ(ErrorOf("m b=tru"), "invalid boolean value 'tru' for field 'b' at column 5");
  EXPECT_EQ(ErrorOf("m b=tRUE"), "invalid boolean value 'tRUE' for field 'b' at column 5");
  EXPECT_EQ(ErrorOf("m b=truex"), "invalid boolean value 'truex' for field 'b' at column 5");
  EXPECT_EQ(ErrorOf("m b=yes"), "invalid field value 'yes' for field 'b' at column 5");
  EXPECT_EQ(ErrorOf("m b=t\""), "invalid boolean value 't\"' for field 'b' at column 5");
}

TEST(LineParserErrorsTest, Strings) {
  EXPECT_EQ(ErrorOf("m s=\"abc"), "unterminated string value for field 's' at column 5");
  EXPECT_EQ(ErrorOf("m s=\"abc\\\""), "unterminated string value for field 's' at column 5");
  EXPECT_EQ(ErrorOf("m s=\"abc\\"), "unterminated string value for field 's' at column 5");
  EXPECT_EQ(ErrorOf("m s=\"a\"x"), "unexpected `x` after string value for field 's' at column 8");
  EXPECT_EQ(ErrorOf("m s=\"a\"\"b\""),
            "unexpected `\"b\"` after string value for field 's' at column 8");
  // 1 MiB is allowed, one byte more is not.
  std::string ok = "m s=\"" + std::string(kMaxStringBytes, 'a') + "\"";
  EXPECT_EQ(ParseAll(ok).lines.size(), 1u);
  EXPECT_EQ(ErrorOf("m s=\"" + std::string(kMaxStringBytes + 1, 'a') + "\""),
            "String is greater than 1MB (field 's') at column 5");
  // The limit applies after unescaping.
  std::string escaped = "m s=\"" + std::string(kMaxStringBytes - 1, 'a') + "\\\\\\\\\"";
  EXPECT_EQ(ErrorOf(escaped), "String is greater than 1MB (field 's') at column 5");
  std::string escaped_ok = "m s=\"" + std::string(kMaxStringBytes - 1, 'a') + "\\\\\"";
  EXPECT_EQ(ParseAll(escaped_ok).lines.size(), 1u);
  // And to names.
  EXPECT_EQ(ErrorOf("m,t=" + std::string(kMaxStringBytes + 1, 'v') + " f=1"),
            "String is greater than 1MB at column 5");
  EXPECT_EQ(ErrorOf("m,t=" + std::string(kMaxStringBytes, 'v') + "\\, f=1"),
            "String is greater than 1MB at column 5");
  EXPECT_EQ(ParseAll("m,t=" + std::string(kMaxStringBytes, 'v') + " f=1").lines.size(), 1u);
  ParseOptions small;
  small.max_string_bytes = 3;
  EXPECT_EQ(ErrorOf("m s=\"abcd\"", small),
            "String is greater than 3 bytes (field 's') at column 5");
  EXPECT_EQ(ErrorOf("mmmm s=1", small), "String is greater than 3 bytes at column 1");
}

TEST(LineParserErrorsTest, TrailingBackslash) {
  const std::string kMessage =
      "Measurements, tag keys and values, and field keys may not end with a backslash at column ";
  EXPECT_EQ(ErrorOf("weather\\"), kMessage + "1");
  EXPECT_EQ(ErrorOf(":\x14\\"), kMessage + "1");
  EXPECT_EQ(ErrorOf("m\\\\ v=1"), kMessage + "1");      // `\\` unescapes to a final `\`
  EXPECT_EQ(ErrorOf("m,t\\\\=v f=1"), kMessage + "3");  // tag key
  EXPECT_EQ(ErrorOf("m,t=v\\\\ f=1"), kMessage + "5");  // tag value
  EXPECT_EQ(ErrorOf("m f\\\\=1"), kMessage + "3");      // field key
  // A backslash before CRLF: the \r is escaped for the splitter, then stripped.
  ParsedBody crlf = ParseAll("m f=1\r\nm\\\r\n");
  ASSERT_EQ(crlf.errors.size(), 1u);
  EXPECT_EQ(crlf.errors[0].message, kMessage + "1");
  EXPECT_EQ(crlf.errors[0].line_number, 2u);
}

TEST(LineParserErrorsTest, Timestamp) {
  EXPECT_EQ(ErrorOf("m v=1 123 456"),
            "Could not parse entire line. Found trailing content: `456` at column 11");
  EXPECT_EQ(ErrorOf("m v=1 123 abcdefghijklmnop"),
            "Could not parse entire line. Found trailing content: `abcdefghij...` at column 11");
  EXPECT_EQ(ErrorOf("m v=1 123,4"),
            "Could not parse entire line. Found trailing content: `,4` at column 10");
  EXPECT_EQ(ErrorOf("m v=1 123\t"),
            "Could not parse entire line. Found trailing content: `\t` at column 10");
  EXPECT_EQ(ErrorOf("m v=1 ,"),
            "Could not parse entire line. Found trailing content: `,` at column 7");
  EXPECT_EQ(ErrorOf("m v=1 # not a comment"), "invalid timestamp '#' at column 7");
  EXPECT_EQ(ErrorOf("m v=1 12a"), "invalid timestamp '12a' at column 7");
  EXPECT_EQ(ErrorOf("m v=1 1.5"), "invalid timestamp '1.5' at column 7");
  EXPECT_EQ(ErrorOf("m v=1 -"), "invalid timestamp '-' at column 7");
  EXPECT_EQ(ErrorOf("m v=1 99999999999999999999"),
            "Unable to parse timestamp value `99999999999999999999` at column 7");
  EXPECT_EQ(ErrorOf("m v=1 9223372036854775808"),
            "Unable to parse timestamp value `9223372036854775808` at column 7");
}

TEST(LineParserErrorsTest, TimestampOutOfRangeForPrecision) {
  ParseOptions options;
  options.precision = Precision::kSecond;
  EXPECT_EQ(ErrorOf("m v=1 9223372037", options),
            "timestamp, 9223372037, out of range for precision: Second at column 7");
  EXPECT_EQ(ErrorOf("m v=1 -9223372037", options),
            "timestamp, -9223372037, out of range for precision: Second at column 7");
  options.precision = Precision::kMillisecond;
  EXPECT_EQ(ErrorOf("m v=1 9223372036855", options),
            "timestamp, 9223372036855, out of range for precision: Millisecond at column 7");
  options.precision = Precision::kMicrosecond;
  EXPECT_EQ(ErrorOf("m v=1 9223372036854776", options),
            "timestamp, 9223372036854776, out of range for precision: Microsecond at column 7");
  // With auto the guessed unit always fits.
  options.precision = Precision::kAuto;
  EXPECT_EQ(ParseAll("m v=1 4999999999\nm v=1 -4999999999999\nm v=1 9223372036854775807", options)
                .lines.size(),
            3u);
}

TEST(LineParserErrorsTest, ColumnsAndLines) {
  // Columns count from the start of the raw line, leading whitespace included.
  EXPECT_EQ(ErrorOf("   m v=x"), "invalid field value 'x' for field 'v' at column 8");
  // A quoted newline does not restart the column count.
  EXPECT_EQ(ErrorOf("m s=\"a\nb\",v=x"), "invalid field value 'x' for field 'v' at column 13");
  // Every bad line is reported, with line numbers that skip blank and comment lines.
  ParsedBody parsed = ParseAll("m v=1\n\nm v=x\n# c\nm,=1 v=1\nm v=2\r\nm v=\"\r\n");
  ASSERT_EQ(parsed.lines.size(), 2u);
  ASSERT_EQ(parsed.errors.size(), 3u);
  EXPECT_EQ(parsed.errors[0].line_number, 2u);
  EXPECT_EQ(parsed.errors[0].physical_line_number, 3u);
  EXPECT_EQ(parsed.errors[0].column, 5u);
  EXPECT_EQ(parsed.errors[0].original_line, "m v=x");
  EXPECT_EQ(parsed.errors[1].line_number, 3u);
  EXPECT_EQ(parsed.errors[1].physical_line_number, 5u);
  EXPECT_EQ(parsed.errors[1].message, "Expected tag key, got `=1 v=1` at column 3");
  EXPECT_EQ(parsed.errors[1].original_line, "m,=1 v=1");
  EXPECT_EQ(parsed.errors[2].line_number, 5u);
  EXPECT_EQ(parsed.errors[2].message, "unterminated string value for field 'v' at column 5");
  EXPECT_EQ(parsed.errors[2].original_line, "m v=\"\r\n");  // the quote swallowed the newline
}

TEST(LineParserErrorsTest, ErrorToStatus) {
  LineProtocolParser parser;
  parser.Reset("m v=x");
  ASSERT_TRUE(parser.Next());
  ASSERT_FALSE(parser.ok());
  Status status = parser.error().ToStatus();
  EXPECT_TRUE(status.IsInvalidArgument());
  EXPECT_EQ(status.message(), "invalid field value 'x' for field 'v' at column 5");
}

}  // namespace
}  // namespace quiver::lineproto
