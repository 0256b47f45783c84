#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace quiver::lineproto {

// Bump allocator for the unescaped copies of tokens that contain escapes. Memory stays
// valid until Reset(); Reset() keeps the largest block so a parser reused for many
// requests stops allocating once it has seen its largest batch.
//
// Every allocation is followed by at least kTailPadding readable bytes, so callers may
// load 8 bytes from any position inside an allocation.
//
// Not thread-safe; one per parser.
class ScratchArena {
 public:
  static constexpr size_t kTailPadding = 8;

  ScratchArena() = default;
  ScratchArena(const ScratchArena&) = delete;
  ScratchArena& operator=(const ScratchArena&) = delete;

  // Returns space for up to `max_size` bytes. The caller writes into it and then calls
  // Commit() with the number of bytes it used (<= max_size) before the next Reserve().
  char* Reserve(size_t max_size) {
    if (static_cast<size_t>(limit_ - cursor_) < max_size + kTailPadding) Grow(max_size);
    return cursor_;
  }
  void Commit(size_t used) { cursor_ += used; }

  // Invalidates every pointer handed out.
  void Reset();

  // Bytes handed out since the last Reset().
  size_t bytes_used() const;

 private:
  void Grow(size_t min_size);

  struct Block {
    std::unique_ptr<char[]> data;
    size_t size;
  };
  std::vector<Block> blocks_;
  char* cursor_ = nullptr;
  char* limit_ = nullptr;
  size_t bytes_in_full_blocks_ = 0;
};

}  // namespace quiver::lineproto
