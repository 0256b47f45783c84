#include "lineproto/scratch_arena.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace quiver::lineproto {
namespace {

TEST(ScratchArenaTest, PointersStayValidUntilReset) {
  ScratchArena arena;
  std::vector<std::pair<char*, std::string>> written;
  for (int i = 0; i < 2000; ++i) {
    std::string text(static_cast<size_t>(i % 300), static_cast<char>('a' + i % 26));
    char* p = arena.Reserve(text.size() + 10);
    std::memcpy(p, text.data(), text.size());
    arena.Commit(text.size());
    written.emplace_back(p, text);
  }
  for (const auto& [p, text] : written) EXPECT_EQ(std::string(p, text.size()), text);
  EXPECT_GT(arena.bytes_used(), 0u);
  arena.Reset();
  EXPECT_EQ(arena.bytes_used(), 0u);
  char* big = arena.Reserve(1 << 20);
  std::memset(big, 'x', 1 << 20);
  arena.Commit(1 << 20);
  EXPECT_EQ(arena.bytes_used(), size_t{1} << 20);
}

}  // namespace
}  // namespace quiver::lineproto
