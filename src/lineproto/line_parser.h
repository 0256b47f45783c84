#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "lineproto/escape.h"
#include "lineproto/number_parser.h"
#include "lineproto/parsed_line.h"
#include "lineproto/scratch_arena.h"
#include "lineproto/structural_index.h"

namespace quiver::lineproto {

// Zero-copy parser for a line-protocol request body, one line at a time:
//
//   LineProtocolParser parser(options);
//   parser.Reset(body);
//   while (parser.Next()) {
//     if (parser.ok()) Consume(parser.line()); else Report(parser.error());
//   }
//
// Grammar, escapes, limits and messages follow InfluxDB 3 (see
// shared/reference/influxql-and-v1-api.md §6 and influxdb3-core-api.md §2.1). Blank
// lines and comments are skipped; a trailing `\r` is stripped from every line (CRLF).
// A bad line never stops the parse: Next() moves on to the line after it.
//
// Lifetimes: string views in line() point into `body` or into the parser's scratch
// arena and stay valid until the next Reset() (so a consumer may keep them for the
// whole batch); the tag and field spans are reused and are valid only until the next
// Next(). error() likewise until the next Next().
//
// Cost: no allocation per line once the parser has warmed up (vectors and the arena
// are reused across lines and Reset()s). One parser per thread; not thread-safe.
class LineProtocolParser {
 public:
  explicit LineProtocolParser(ParseOptions options = {}, SimdLevel simd = SimdLevel::kBest);
  LineProtocolParser(const LineProtocolParser&) = delete;
  LineProtocolParser& operator=(const LineProtocolParser&) = delete;

  // Starts a new body. `body` must outlive every view handed out until the next Reset().
  void Reset(std::string_view body);
  void Reset(std::string_view body, const ParseOptions& options) {
    options_ = options;
    Reset(body);
  }

  // Advances to the next non-blank, non-comment line; false when the body is exhausted.
  // After true, ok() says whether line() or error() describes it.
  bool Next();

  bool ok() const { return ok_; }
  // REQUIRES: the last Next() returned true and ok().
  const ParsedLine& line() const { return line_; }
  // REQUIRES: the last Next() returned true and !ok().
  const ParseError& error() const { return error_; }

  const ParseOptions& options() const { return options_; }
  // Bytes of unescaped copies made since Reset() (0 for bodies without escapes).
  size_t scratch_bytes() const { return arena_.bytes_used(); }

 private:
  // Parses the content [begin, end) of the raw line that starts at line_start. On
  // failure fills error_ and returns false.
  bool ParseLine(size_t line_start, size_t begin, size_t end);

  // End of the line starting at `start` (index of its newline or size).
  size_t FindLineEnd(size_t start);
  size_t FindLineEndSlow(size_t start);

  // Scans a name of `kind` starting at `begin`; returns the index of its first
  // unescaped delimiter (or `end`) and stores the (unescaped) name in *name.
  size_t ScanName(NameKind kind, size_t begin, size_t end, std::string_view* name);
  size_t ScanEscapedName(NameKind kind, size_t begin, size_t backslash, size_t end,
                         std::string_view* name);

  // Parses a field value starting at `begin` (just after '='); returns the index just
  // past it or SIZE_MAX after setting error_.
  size_t ParseFieldValue(size_t begin, size_t end, std::string_view key, FieldValue* value);
  size_t ParseStringValue(size_t begin, size_t end, std::string_view key, FieldValue* value);
  void FailNumber(size_t begin, std::string_view token, std::string_view key, NumberParse result);

  // A name ending with a backslash or longer than max_string_bytes.
  bool CheckNameSize(std::string_view name, size_t at);

  // Signatures of the previous line's keys, to skip the pairwise duplicate check when a
  // line repeats them.
  struct KeyCheckCache {
    std::vector<uint64_t> previous;
    std::vector<uint64_t> current;
    bool distinct = false;  // `previous` holds pairwise distinct signatures
  };
  bool CheckDuplicates();
  template <typename Item>
  ptrdiff_t FindDuplicateKey(KeyCheckCache& cache, const std::vector<Item>& items);
  uint64_t KeySignature(std::string_view key) const;

  // Error helpers: set error_ with "<message> at column N" and return false.
  bool Fail(size_t at, std::string message);
  // Up to 10 characters of the input starting at `at` (InfluxDB 3's error context), or
  // "end of input" when at == end.
  std::string Context(size_t at, size_t end) const;

  ParseOptions options_;
  int64_t default_timestamp_ = 0;
  std::string_view body_;
  StructuralIndex index_;
  ScratchArena arena_;

  size_t position_ = 0;        // start of the next raw line
  bool done_ = false;          // the last raw line has been consumed
  size_t line_number_ = 0;     // logical (non-blank, non-comment) lines so far
  size_t physical_lines_ = 0;  // raw lines so far
  size_t line_start_ = 0;      // raw start of the current line (for columns)

  bool ok_ = false;
  ParsedLine line_;
  ParseError error_;
  std::vector<Tag> tags_;
  std::vector<Field> fields_;
  bool check_name_sizes_ = false;
  KeyCheckCache tag_keys_;
  KeyCheckCache field_keys_;
  std::vector<std::pair<uint64_t, uint32_t>> sort_scratch_;
};

}  // namespace quiver::lineproto
