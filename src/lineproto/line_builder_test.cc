#include "lineproto/line_builder.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <string>

#include "lineproto/escape.h"
#include "lineproto/line_parser.h"
#include "lineproto/owned_line.h"
#include "testing/status_matchers.h"

namespace quiver::lineproto {
namespace {

TEST(LineBuilderTest, BuildsEscapedLines) {
  LineBuilder builder;
  builder.Measurement("cpu load")
      .Tag("host name", "a,b=c")
      .Tag("k", "v")
      .FloatField("usage", 0.5)
      .IntegerField("n", -3)
      .UIntegerField("u", 18446744073709551615u)
      .StringField("note", "say \"hi\" \\o/")
      .BooleanField("ok", true)
      .Timestamp(1700000000000000000);
  ASSERT_OK(builder.EndLine());
  EXPECT_EQ(builder.text(),
            "cpu\\ load,host\\ name=a\\,b\\=c,k=v usage=0.5,n=-3i,u=18446744073709551615u,"
            "note=\"say \\\"hi\\\" \\\\o/\",ok=true 1700000000000000000\n");
  builder.Measurement("m").FloatField("v", 1);
  ASSERT_OK(builder.EndLine());
  EXPECT_EQ(builder.line_count(), 2u);
  EXPECT_TRUE(builder.text().ends_with("\nm v=1\n"));
}

TEST(LineBuilderTest, FloatFormatting) {
  auto build = [](double v) {
    LineBuilder builder;
    builder.Measurement("m").FloatField("v", v);
    EXPECT_OK(builder.EndLine());
    return builder.Release();
  };
  EXPECT_EQ(build(1.0), "m v=1\n");
  EXPECT_EQ(build(-0.0), "m v=-0\n");
  EXPECT_EQ(build(0.1), "m v=0.1\n");
  EXPECT_EQ(build(1e300), "m v=1e+300\n");
  EXPECT_EQ(build(5e-324), "m v=5e-324\n");
  EXPECT_EQ(build(std::numeric_limits<double>::max()), "m v=1.7976931348623157e+308\n");
}

TEST(LineBuilderTest, RejectsWhatCannotBeWritten) {
  struct Case {
    std::function<void(LineBuilder&)> build;
    std::string_view message;
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<Case> cases = {
      {[](LineBuilder& b) { b.Measurement(""); }, "measurement must not be empty"},
      {[](LineBuilder& b) { b.Measurement("m"); }, "No fields were provided"},
      {[](LineBuilder& b) { b.Measurement("m").Tag("k", "").FloatField("v", 1); },
       "tag value must not be empty"},
      {[](LineBuilder& b) { b.Measurement("m").Tag("", "v").FloatField("v", 1); },
       "tag key must not be empty"},
      {[](LineBuilder& b) { b.Measurement("m").FloatField("", 1); }, "field key must not be empty"},
      {[](LineBuilder& b) { b.Measurement("m\\").FloatField("v", 1); },
       "Measurements, tag keys and values, and field keys may not end with a backslash"},
      {[](LineBuilder& b) { b.Measurement("#m").FloatField("v", 1); },
       "a measurement must not start with '#' (the line would be a comment)"},
      {[](LineBuilder& b) { b.Measurement("m").Tag("k", "a\tb").FloatField("v", 1); },
       "a name must not contain a tab or newline character"},
      {[nan](LineBuilder& b) { b.Measurement("m").FloatField("v", nan); },
       "field 'v' is not a finite number"},
      {[inf](LineBuilder& b) { b.Measurement("m").FloatField("v", -inf); },
       "field 'v' is not a finite number"},
      {[](LineBuilder& b) { b.Measurement("m").FloatField("v", 1).Tag("k", "v"); },
       "Tag() out of order (tags, then fields, then the timestamp)"},
      {[](LineBuilder& b) { b.Measurement("m").Timestamp(1); }, "Timestamp() before any field"},
      {[](LineBuilder& b) { b.Measurement("m").FloatField("v", 1).Timestamp(1).Timestamp(2); },
       "Timestamp() out of order (tags, then fields, then the timestamp)"},
      {[](LineBuilder& b) {
         b.Measurement("m").StringField("s", std::string(kMaxStringBytes + 1, 'x'));
       },
       "String is greater than 1MB (field 's')"},
  };
  for (const auto& c : cases) {
    LineBuilder builder;
    builder.Measurement("ok").FloatField("v", 1);
    ASSERT_OK(builder.EndLine());
    c.build(builder);
    Status status = builder.EndLine();
    EXPECT_TRUE(status.IsInvalidArgument());
    EXPECT_EQ(status.message(), "cannot build line protocol: " + std::string(c.message));
    // The bad line is dropped; earlier lines stay and the builder is usable again.
    EXPECT_EQ(builder.text(), "ok v=1\n");
    builder.Measurement("next").FloatField("v", 2);
    ASSERT_OK(builder.EndLine());
    EXPECT_EQ(builder.text(), "ok v=1\nnext v=2\n");
  }
  LineBuilder builder;
  EXPECT_TRUE(builder.EndLine().IsInvalidArgument());
  builder.FloatField("v", 1);
  builder.Measurement("m").FloatField("v", 1);
  EXPECT_EQ(builder.EndLine().message(), "cannot build line protocol: field before Measurement()");
}

TEST(LineBuilderTest, AppendLineRoundTrips) {
  std::string body = "m\\ 1,t=a\\,b f=1.5,g=\"x\\\"y\",h=-2i,u=3u,b=F 77\nm f=1\n";
  ParsedBody parsed = ParseAll(body);
  ASSERT_EQ(parsed.lines.size(), 2u);
  LineBuilder builder;
  LineProtocolParser parser;
  parser.Reset(body);
  while (parser.Next()) {
    ASSERT_TRUE(parser.ok());
    ASSERT_OK(builder.AppendLine(parser.line()));
  }
  EXPECT_EQ(builder.text(), "m\\ 1,t=a\\,b f=1.5,g=\"x\\\"y\",h=-2i,u=3u,b=false 77\nm f=1\n");
  ParsedBody again = ParseAll(builder.text());
  ASSERT_EQ(again.lines.size(), 2u);
  for (size_t i = 0; i < 2; ++i) EXPECT_TRUE(again.lines[i].SameContent(parsed.lines[i]));
}

// Property: random lines built with LineBuilder parse back to exactly the same values.
class RandomLines {
 public:
  explicit RandomLines(uint32_t seed) : rng_(seed) {}

  std::string Name(NameKind kind) {
    static const std::string kAlphabet = std::string("abcXYZ019_-.,= \\\"#'\t\n\r", 23) +
                                         std::string("\0", 1) + "\xC3\xA9\xE2\x82\xAC";
    while (true) {
      std::string name;
      size_t n = 1 + rng_() % 12;
      for (size_t i = 0; i < n; ++i) {
        name.push_back(rng_() % 3 == 0 ? kAlphabet[rng_() % kAlphabet.size()]
                                       : static_cast<char>('a' + rng_() % 26));
      }
      if (CheckNameEncodable(kind, name).empty()) return name;
    }
  }

  double Float() {
    switch (rng_() % 5) {
      case 0:
        return static_cast<double>(static_cast<int64_t>(rng_() % 2000) - 1000);
      case 1:
        return static_cast<double>(rng_() % 1000000) / 1000.0;
      case 2:
        return rng_() % 2 ? -0.0 : std::numeric_limits<double>::denorm_min();
      default:
        while (true) {
          double d = std::bit_cast<double>(Next64());
          if (std::isfinite(d)) return d;
        }
    }
  }

  uint64_t Next64() { return (uint64_t{rng_()} << 32) | rng_(); }
  uint32_t Next() { return rng_(); }

  std::string String() {
    std::string s;
    size_t n = rng_() % 20;
    for (size_t i = 0; i < n; ++i) s.push_back(static_cast<char>(rng_() % 128));
    return s;
  }

 private:
  std::mt19937 rng_;
};

TEST(LineBuilderTest, RandomLinesRoundTrip) {
  RandomLines random(2024);
  for (int batch = 0; batch < 200; ++batch) {
    LineBuilder builder;
    std::vector<OwnedLine> expected;
    int lines = 1 + random.Next() % 20;
    for (int l = 0; l < lines; ++l) {
      OwnedLine line;
      line.measurement = random.Name(NameKind::kMeasurement);
      builder.Measurement(line.measurement);
      int tags = random.Next() % 5;
      for (int t = 0; t < tags; ++t) {
        std::string key = random.Name(NameKind::kTagKey) + std::to_string(t);  // unique
        std::string value = random.Name(NameKind::kTagValue);
        builder.Tag(key, value);
        line.tags.emplace_back(key, value);
      }
      int fields = 1 + random.Next() % 6;
      for (int f = 0; f < fields; ++f) {
        OwnedField field;
        field.key = random.Name(NameKind::kFieldKey) + "_" + std::to_string(f);
        field.kind = static_cast<FieldKind>(random.Next() % 5);
        switch (field.kind) {
          case FieldKind::kFloat:
            field.float_value = random.Float();
            break;
          case FieldKind::kInteger:
            field.integer_value = static_cast<int64_t>(random.Next64()) >> (random.Next() % 64);
            break;
          case FieldKind::kUInteger:
            field.uinteger_value = random.Next64() >> (random.Next() % 64);
            break;
          case FieldKind::kString:
            field.string_value = random.String();
            break;
          case FieldKind::kBoolean:
            field.boolean_value = random.Next() % 2;
            break;
        }
        builder.Field(field.key, field.value());
        line.fields.push_back(std::move(field));
      }
      line.has_timestamp = random.Next() % 4 != 0;
      if (line.has_timestamp) {
        line.timestamp = static_cast<int64_t>(random.Next64());
        builder.Timestamp(line.timestamp);
      } else {
        line.timestamp = 42;  // the default time below
      }
      ASSERT_OK(builder.EndLine());
      expected.push_back(std::move(line));
    }
    ParseOptions options;
    options.default_time_ns = 42;
    ParsedBody parsed = ParseAll(builder.text(), options);
    ASSERT_TRUE(parsed.errors.empty())
        << parsed.errors[0].message << "\nline: " << parsed.errors[0].original_line;
    ASSERT_EQ(parsed.lines.size(), expected.size()) << builder.text();
    for (size_t i = 0; i < expected.size(); ++i) {
      EXPECT_TRUE(parsed.lines[i].SameContent(expected[i])) << "line " << i << " of:\n"
                                                            << builder.text();
    }
  }
}

}  // namespace
}  // namespace quiver::lineproto
