#include "lineproto/line_splitter.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "lineproto/line_parser.h"

namespace quiver::lineproto {
namespace {

using Lines = std::vector<std::string_view>;

TEST(LineSplitterTest, InfluxDb3Cases) {
  EXPECT_EQ(SplitLines(""), (Lines{""}));
  EXPECT_EQ(SplitLines("foo"), (Lines{"foo"}));
  EXPECT_EQ(SplitLines("foo\nbar"), (Lines{"foo", "bar"}));
  EXPECT_EQ(SplitLines("foo\nbar\nbaz"), (Lines{"foo", "bar", "baz"}));
  EXPECT_EQ(SplitLines("foo\\nbar\nbaz"), (Lines{"foo\\nbar", "baz"}));
  EXPECT_EQ(SplitLines("meas tag=val field=1\nnext\n"),
            (Lines{"meas tag=val field=1", "next", ""}));
  EXPECT_EQ(SplitLines("meas tag=val field=\"\nval\"\nnext"),
            (Lines{"meas tag=val field=\"\nval\"", "next"}));
  EXPECT_EQ(SplitLines("meas tag=val field=\\\"\nval\"\nnext"),
            (Lines{"meas tag=val field=\\\"", "val\"", "next"}));
  EXPECT_EQ(SplitLines("meas tag=val field=1,field=\"\nval\"\nnext"),
            (Lines{"meas tag=val field=1,field=\"\nval\"", "next"}));
  EXPECT_EQ(SplitLines("meas tag=val field=1,field=\\\"\nval\"\nnext"),
            (Lines{"meas tag=val field=1,field=\\\"", "val\"", "next"}));
}

TEST(LineSplitterTest, QuotesOnlyCountInValuePosition) {
  // Before the first space (measurement, tags) quotes are ordinary.
  EXPECT_EQ(SplitLines("m,t=\"a\nb v=1"), (Lines{"m,t=\"a", "b v=1"}));
  // In a field key (as many commas as equals signs) quotes are ordinary too.
  EXPECT_EQ(SplitLines("m a=1,\"b=2\nn v=1"), (Lines{"m a=1,\"b=2", "n v=1"}));
  // A backslash escapes the newline itself.
  EXPECT_EQ(SplitLines("m\\\nx v=1\ny"), (Lines{"m\\\nx v=1", "y"}));
  // Trailing backslash at the end of the body.
  EXPECT_EQ(SplitLines("m v=1\\"), (Lines{"m v=1\\"}));
}

// The parser finds line ends with the structural index (fast path) and a bitmap-driven
// copy of the state machine (slow path); both must agree with SplitLines().
TEST(LineSplitterTest, ParserAgreesWithReferenceOnRandomBodies) {
  std::mt19937 rng(5);
  const std::string alphabet = "ab1i=, \"\\\n\t#";
  for (int round = 0; round < 3000; ++round) {
    size_t size = rng() % 160;
    std::string body;
    for (size_t i = 0; i < size; ++i) {
      body.push_back(rng() % 3 == 0 ? alphabet[rng() % alphabet.size()] : 'a');
    }
    Lines reference = SplitLines(body);
    for (SimdLevel level : {SimdLevel::kScalar, SimdLevel::kBest}) {
      LineProtocolParser parser({}, level);
      parser.Reset(body);
      while (parser.Next()) {
        size_t physical =
            parser.ok() ? parser.line().physical_line_number : parser.error().physical_line_number;
        std::string_view text = parser.ok() ? parser.line().text : parser.error().original_line;
        ASSERT_LE(physical, reference.size()) << body;
        EXPECT_EQ(text, reference[physical - 1]) << "body: " << body;
      }
    }
  }
}

}  // namespace
}  // namespace quiver::lineproto
