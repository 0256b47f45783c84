#include "lineproto/escape.h"

#include <gtest/gtest.h>

#include <string>

namespace quiver::lineproto {
namespace {

std::string Unescape(NameKind kind, std::string_view raw) {
  std::string out(raw.size(), '\0');
  out.resize(UnescapeName(kind, raw.data(), raw.data() + raw.size(), out.data()));
  return out;
}

std::string Escape(NameKind kind, std::string_view name) {
  std::string out;
  AppendEscapedName(kind, name, &out);
  return out;
}

TEST(EscapeTest, UnescapeMeasurement) {
  EXPECT_EQ(Unescape(NameKind::kMeasurement, "wea\\,ther"), "wea,ther");
  EXPECT_EQ(Unescape(NameKind::kMeasurement, "wea\\ ther"), "wea ther");
  EXPECT_EQ(Unescape(NameKind::kMeasurement, "\\\\wea\\\\ther"), "\\wea\\ther");
  EXPECT_EQ(Unescape(NameKind::kMeasurement, "wea\\=ther"), "wea\\=ther");
  EXPECT_EQ(Unescape(NameKind::kMeasurement, "\\wea\\ther"), "\\wea\\ther");
  EXPECT_EQ(Unescape(NameKind::kMeasurement, "x\\"), "x\\");
}

TEST(EscapeTest, UnescapeKeysAndValues) {
  for (NameKind kind : {NameKind::kTagKey, NameKind::kTagValue, NameKind::kFieldKey}) {
    EXPECT_EQ(Unescape(kind, "a\\,b\\=c\\ d\\\\e\\f"), "a,b=c d\\e\\f") << NameKindName(kind);
  }
}

TEST(EscapeTest, UnescapeStringValue) {
  auto unescape = [](std::string_view raw) {
    std::string out(raw.size(), '\0');
    out.resize(UnescapeStringValue(raw.data(), raw.data() + raw.size(), out.data()));
    return out;
  };
  EXPECT_EQ(unescape(R"(a\"b)"), "a\"b");
  EXPECT_EQ(unescape(R"(a\\b)"), "a\\b");
  EXPECT_EQ(unescape(R"(a\nb)"), "a\\nb");
  EXPECT_EQ(unescape(R"(a\\\b)"), "a\\\\b");
  EXPECT_EQ(unescape("\\"), "\\");
}

TEST(EscapeTest, EscapeNames) {
  EXPECT_EQ(Escape(NameKind::kMeasurement, "a,b c=d\\e"), "a\\,b\\ c=d\\\\e");
  EXPECT_EQ(Escape(NameKind::kTagKey, "a,b c=d\\e"), "a\\,b\\ c\\=d\\\\e");
  EXPECT_EQ(Escape(NameKind::kTagValue, "\"quoted\""), "\"quoted\"");
  // A tab after a literal backslash is written raw (an unknown escape keeps both).
  EXPECT_EQ(Escape(NameKind::kFieldKey, "a\\\tb"), "a\\\tb");
  EXPECT_EQ(Escape(NameKind::kFieldKey, "a\\\\\tb"), "a\\\\\\\tb");
}

TEST(EscapeTest, EscapeUnescapeRoundTrip) {
  const std::string alphabet("a,= \\\"#\t\n\0x\xc3\xa9", 13);
  for (NameKind kind :
       {NameKind::kMeasurement, NameKind::kTagKey, NameKind::kTagValue, NameKind::kFieldKey}) {
    for (int i = 0; i < 5000; ++i) {
      std::string name;
      int n = 1 + i % 9;
      unsigned x = static_cast<unsigned>(i) * 2654435761u;
      for (int j = 0; j < n; ++j) {
        name.push_back(alphabet[(x >> 8) % alphabet.size()]);
        x = x * 1103515245u + 12345u;
      }
      if (!CheckNameEncodable(kind, name).empty()) continue;
      EXPECT_EQ(Unescape(kind, Escape(kind, name)), name) << NameKindName(kind);
    }
  }
}

TEST(EscapeTest, CheckNameEncodable) {
  EXPECT_EQ(CheckNameEncodable(NameKind::kMeasurement, ""), "measurement must not be empty");
  EXPECT_EQ(CheckNameEncodable(NameKind::kTagValue, ""), "tag value must not be empty");
  EXPECT_FALSE(CheckNameEncodable(NameKind::kTagKey, "a\\").empty());
  EXPECT_FALSE(CheckNameEncodable(NameKind::kTagKey, "a\tb").empty());
  EXPECT_FALSE(CheckNameEncodable(NameKind::kTagKey, "a\nb").empty());
  EXPECT_TRUE(CheckNameEncodable(NameKind::kTagKey, "a\\\nb").empty());
  EXPECT_FALSE(CheckNameEncodable(NameKind::kMeasurement, std::string_view("a\0b", 3)).empty());
  EXPECT_TRUE(CheckNameEncodable(NameKind::kTagKey, std::string_view("a\0b", 3)).empty());
  EXPECT_FALSE(CheckNameEncodable(NameKind::kMeasurement, "#m").empty());
  EXPECT_TRUE(CheckNameEncodable(NameKind::kTagKey, "#m").empty());
  EXPECT_TRUE(CheckNameEncodable(NameKind::kMeasurement, "m#").empty());
}

TEST(EscapeTest, QuotedString) {
  std::string out;
  AppendQuotedString("a\"b\\c\nd", &out);
  EXPECT_EQ(out, "\"a\\\"b\\\\c\nd\"");
}

}  // namespace
}  // namespace quiver::lineproto
