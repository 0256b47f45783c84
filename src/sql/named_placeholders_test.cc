#include "sql/named_placeholders_internal.h"

#include <gtest/gtest.h>

namespace quiver::sql {
namespace {

TEST(NamedPlaceholdersTest, RewritesNamesToNumbers) {
  RewrittenSql out = RewriteNamedPlaceholders("SELECT * FROM cpu WHERE a = $host AND b = $region AND c = $host");
  EXPECT_EQ(out.text, "SELECT * FROM cpu WHERE a = $1 AND b = $2 AND c = $1");
  EXPECT_EQ(out.NameOf(1), "host");
  EXPECT_EQ(out.NameOf(2), "region");
  EXPECT_EQ(out.NameOf(7), "7");
}

TEST(NamedPlaceholdersTest, NumbersFollowPositionalOnes) {
  RewrittenSql out = RewriteNamedPlaceholders("SELECT $2, $name, $1");
  EXPECT_EQ(out.text, "SELECT $2, $3, $1");
  EXPECT_EQ(out.NameOf(1), "1");
  EXPECT_EQ(out.NameOf(2), "2");
  EXPECT_EQ(out.NameOf(3), "name");
}

TEST(NamedPlaceholdersTest, LeavesLiteralsIdentifiersAndCommentsAlone) {
  const char* sql =
      "SELECT '$a', E'\\'$b', \"$c\", d$e, $$ $f $$, $tag$ $g $tag$ /* $h /* $i */ */ -- $j\n, 'it''s $k', $l";
  RewrittenSql out = RewriteNamedPlaceholders(sql);
  EXPECT_EQ(out.text,
            "SELECT '$a', E'\\'$b', \"$c\", d$e, $$ $f $$, $tag$ $g $tag$ /* $h /* $i */ */ -- $j\n, 'it''s $k', $1");
  EXPECT_EQ(out.NameOf(1), "l");
}

TEST(NamedPlaceholdersTest, MapsOffsetsBack) {
  // "SELECT $longname, x" -> "SELECT $1, x": offsets after the placeholder shift by 7.
  RewrittenSql out = RewriteNamedPlaceholders("SELECT $longname, x");
  EXPECT_EQ(out.text, "SELECT $1, x");
  EXPECT_EQ(out.OriginalOffset(0), 0);
  EXPECT_EQ(out.OriginalOffset(7), 7);    // the '$' itself
  EXPECT_EQ(out.OriginalOffset(11), 18);  // 'x'
  EXPECT_EQ(out.OriginalOffset(-1), -1);
  // Without placeholders nothing moves.
  RewrittenSql same = RewriteNamedPlaceholders("SELECT 1");
  EXPECT_EQ(same.text, "SELECT 1");
  EXPECT_EQ(same.OriginalOffset(5), 5);
}

}  // namespace
}  // namespace quiver::sql
