#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace quiver::lineproto {

// Which instruction set classifies bytes. kBest picks the widest one the CPU supports
// (checked once at run time); the others exist for tests and benchmarks.
enum class SimdLevel : uint8_t { kScalar, kAvx2, kAvx512, kBest };

// The level kBest resolves to on this CPU.
SimdLevel DetectSimdLevel();
std::string_view SimdLevelName(SimdLevel level);

// Bitmaps over a request body, one bit per byte, computed lazily in windows of 16 KiB
// just ahead of the parser (so the bytes are still in cache when the parser reads them):
//   structural:   , = space \ " tab newline NUL   (every byte where a token can end)
//   line_special: newline " \                   (what the line splitter must look at)
// Position body.size() is marked in both, so every search terminates there.
//
// Besides random-access searches, the index has a forward-only cursor over the
// structural positions, flattened window by window into a small array: the parser's
// hot loop reads the next token boundary from it instead of searching the bitmap, so
// consecutive tokens do not form a dependency chain.
//
// The body must outlive the index (or the next Reset()). Not thread-safe.
class StructuralIndex {
 public:
  explicit StructuralIndex(SimdLevel level = SimdLevel::kBest);
  StructuralIndex(const StructuralIndex&) = delete;
  StructuralIndex& operator=(const StructuralIndex&) = delete;

  // Starts over on `body`; the cursor is at the first structural position.
  void Reset(std::string_view body);

  // The first structural position >= pos, or size() if none. REQUIRES: pos <= size().
  size_t NextStructural(size_t pos) { return Next(structural_.data(), pos); }
  // The first newline, quote or backslash position >= pos, or size().
  size_t NextLineSpecial(size_t pos) { return Next(line_special_.data(), pos); }

  // The structural position at the cursor (size() once past the last one).
  size_t Current() const { return positions_[cursor_]; }
  // Moves the cursor to the next structural position. REQUIRES: Current() < size().
  void Advance() {
    if (++cursor_ == count_) Refill();
  }
  // Moves the cursor forward to the first structural position >= pos (never back).
  void SeekTo(size_t pos) {
    while (Current() < pos) Advance();
  }

  size_t size() const { return size_; }
  SimdLevel level() const { return level_; }

 private:
  static constexpr size_t kWindowWords = 256;  // 16 KiB of input per window

  size_t Next(const uint64_t* bits, size_t pos) {
    size_t word = pos >> 6;
    if (word >= computed_words_) ComputeThrough(word);
    uint64_t w = bits[word] & (~uint64_t{0} << (pos & 63));
    while (w == 0) {
      ++word;
      if (word >= computed_words_) ComputeThrough(word);
      w = bits[word];
    }
    return (word << 6) + static_cast<size_t>(__builtin_ctzll(w));
  }

  void ComputeThrough(size_t word);
  // Flattens the next non-empty window of structural bits into positions_.
  void Refill();

  SimdLevel level_;
  const char* data_ = nullptr;
  size_t size_ = 0;
  size_t total_words_ = 0;     // size_ / 64 + 1 (the last one holds the end marker)
  size_t computed_words_ = 0;  // words [0, computed_words_) are valid
  std::vector<uint64_t> structural_;
  std::vector<uint64_t> line_special_;

  std::vector<size_t> positions_;  // flattened structural positions of one window
  size_t count_ = 0;               // valid entries in positions_
  size_t cursor_ = 0;              // index of Current() in positions_
  size_t next_window_word_ = 0;    // first word not yet flattened
};

// Classifies `blocks` full 64-byte blocks starting at `data` into one structural and
// one line_special word each. Exposed for tests (all levels must agree) and benchmarks.
void ClassifyBlocks(SimdLevel level, const char* data, size_t blocks, uint64_t* structural,
                    uint64_t* line_special);

}  // namespace quiver::lineproto
