#include "lineproto/structural_index.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace quiver::lineproto {
namespace {

bool IsStructural(char c) {
  return c == ',' || c == '=' || c == ' ' || c == '\\' || c == '"' || c == '\t' || c == '\n' ||
         c == '\0';
}
bool IsLineSpecial(char c) { return c == '\n' || c == '"' || c == '\\'; }

std::vector<SimdLevel> SupportedLevels() {
  std::vector<SimdLevel> levels = {SimdLevel::kScalar};
  if (DetectSimdLevel() != SimdLevel::kScalar) levels.push_back(SimdLevel::kAvx2);
  if (DetectSimdLevel() == SimdLevel::kAvx512) levels.push_back(SimdLevel::kAvx512);
  return levels;
}

std::string RandomBody(std::mt19937& rng, size_t size) {
  static const std::string alphabet("ab,= \\\"\t\n\0\xff\x80x", 13);
  std::string body(size, 'a');
  int density = 1 + static_cast<int>(rng() % 40);
  for (auto& c : body) {
    if (static_cast<int>(rng() % density) == 0) c = alphabet[rng() % alphabet.size()];
  }
  return body;
}

TEST(StructuralIndexTest, ClassifiesEveryByteValue) {
  std::string block(256, '\0');
  for (int i = 0; i < 256; ++i) block[i] = static_cast<char>(i);
  for (SimdLevel level : SupportedLevels()) {
    uint64_t structural[4];
    uint64_t special[4];
    ClassifyBlocks(level, block.data(), 4, structural, special);
    for (int i = 0; i < 256; ++i) {
      bool s = (structural[i / 64] >> (i % 64)) & 1;
      bool l = (special[i / 64] >> (i % 64)) & 1;
      EXPECT_EQ(s, IsStructural(static_cast<char>(i))) << i << " " << SimdLevelName(level);
      EXPECT_EQ(l, IsLineSpecial(static_cast<char>(i))) << i << " " << SimdLevelName(level);
    }
  }
}

TEST(StructuralIndexTest, SearchesMatchBruteForce) {
  std::mt19937 rng(3);
  for (int round = 0; round < 200; ++round) {
    // Sizes around block and window boundaries.
    size_t size = round < 100 ? rng() % 300 : 16384 * (1 + rng() % 3) + rng() % 130 - 65;
    std::string body = RandomBody(rng, size);
    for (SimdLevel level : SupportedLevels()) {
      StructuralIndex index(level);
      index.Reset(body);
      size_t pos = 0;
      while (pos <= size) {
        size_t expected = pos;
        while (expected < size && !IsStructural(body[expected])) ++expected;
        ASSERT_EQ(index.NextStructural(pos), expected) << "pos " << pos << " size " << size;
        size_t expected_special = pos;
        while (expected_special < size && !IsLineSpecial(body[expected_special])) {
          ++expected_special;
        }
        ASSERT_EQ(index.NextLineSpecial(pos), expected_special);
        pos = expected + 1 + rng() % 3;
      }
    }
  }
}

TEST(StructuralIndexTest, CursorVisitsEveryStructuralPosition) {
  std::mt19937 rng(9);
  for (int round = 0; round < 100; ++round) {
    size_t size = round < 50 ? rng() % 500 : 16384 * (1 + rng() % 3) + rng() % 130 - 65;
    std::string body = RandomBody(rng, size);
    for (SimdLevel level : SupportedLevels()) {
      StructuralIndex index(level);
      index.Reset(body);
      for (size_t i = 0; i < size; ++i) {
        if (!IsStructural(body[i])) continue;
        ASSERT_EQ(index.Current(), i) << "size " << size;
        index.Advance();
      }
      EXPECT_EQ(index.Current(), size);
      // Past the end the cursor stays at size().
      index.SeekTo(size);
      EXPECT_EQ(index.Current(), size);
    }
  }
}

TEST(StructuralIndexTest, SeekToMovesForwardOnly) {
  std::string body = std::string(40000, 'x') + ",a=b" + std::string(40000, 'y') + " ";
  StructuralIndex index;
  index.Reset(body);
  EXPECT_EQ(index.Current(), 40000u);
  index.SeekTo(40001);
  EXPECT_EQ(index.Current(), 40002u);
  index.SeekTo(10);  // never back
  EXPECT_EQ(index.Current(), 40002u);
  index.SeekTo(40003);
  EXPECT_EQ(index.Current(), 80004u);
  index.Advance();
  EXPECT_EQ(index.Current(), body.size());
}

TEST(StructuralIndexTest, EmptyBodyAndReuse) {
  StructuralIndex index;
  index.Reset("");
  EXPECT_EQ(index.NextStructural(0), 0u);
  EXPECT_EQ(index.NextLineSpecial(0), 0u);
  EXPECT_EQ(index.Current(), 0u);
  std::string big(100000, 'x');
  big[99999] = ',';
  index.Reset(big);
  EXPECT_EQ(index.NextStructural(5), 99999u);
  EXPECT_EQ(index.Current(), 99999u);
  index.Reset("ab");
  EXPECT_EQ(index.NextStructural(0), 2u);
  EXPECT_EQ(index.NextStructural(2), 2u);
  EXPECT_EQ(index.Current(), 2u);
}

}  // namespace
}  // namespace quiver::lineproto
