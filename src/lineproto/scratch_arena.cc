#include "lineproto/scratch_arena.h"

#include <algorithm>
#include <cstring>

namespace quiver::lineproto {

void ScratchArena::Grow(size_t min_size) {
  if (!blocks_.empty()) {
    bytes_in_full_blocks_ += static_cast<size_t>(cursor_ - blocks_.back().data.get());
  }
  size_t previous = blocks_.empty() ? 0 : blocks_.back().size;
  size_t size = std::max({size_t{4096}, previous * 2, min_size + kTailPadding});
  Block block{std::make_unique<char[]>(size), size};
  // Zero the tail so padding reads are of initialized memory (sanitizers, valgrind).
  std::memset(block.data.get(), 0, size);
  cursor_ = block.data.get();
  limit_ = cursor_ + size;
  blocks_.push_back(std::move(block));
}

void ScratchArena::Reset() {
  if (blocks_.empty()) return;
  if (blocks_.size() > 1) {
    auto largest = std::max_element(blocks_.begin(), blocks_.end(),
                                    [](const Block& a, const Block& b) { return a.size < b.size; });
    Block keep = std::move(*largest);
    blocks_.clear();
    blocks_.push_back(std::move(keep));
  }
  cursor_ = blocks_.front().data.get();
  limit_ = cursor_ + blocks_.front().size;
  bytes_in_full_blocks_ = 0;
}

size_t ScratchArena::bytes_used() const {
  if (blocks_.empty()) return 0;
  return bytes_in_full_blocks_ + static_cast<size_t>(cursor_ - blocks_.back().data.get());
}

}  // namespace quiver::lineproto
