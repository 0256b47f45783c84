#include "lineproto/line_parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

#include "lineproto/number_parser.h"

namespace quiver::lineproto {
namespace {

constexpr size_t kFailed = std::numeric_limits<size_t>::max();

// Which structural bytes end which kind of name (InfluxDB 3: tab and newline end every
// name; `,` ends measurements and tag values but not tag or field keys; `=` ends keys;
// NUL ends measurements only). Bit i is NameKind i; kBackslash starts an escape.
constexpr uint8_t kBackslash = 0x10;

constexpr uint8_t KindBit(NameKind kind) { return uint8_t{1} << static_cast<int>(kind); }

constexpr std::array<uint8_t, 256> MakeDelimiterTable() {
  std::array<uint8_t, 256> table{};
  constexpr uint8_t kAll = KindBit(NameKind::kMeasurement) | KindBit(NameKind::kTagKey) |
                           KindBit(NameKind::kTagValue) | KindBit(NameKind::kFieldKey);
  table[static_cast<unsigned char>(' ')] = kAll;
  table[static_cast<unsigned char>('\t')] = kAll;
  table[static_cast<unsigned char>('\n')] = kAll;
  table[static_cast<unsigned char>(',')] =
      KindBit(NameKind::kMeasurement) | KindBit(NameKind::kTagValue);
  table[static_cast<unsigned char>('=')] =
      KindBit(NameKind::kTagKey) | KindBit(NameKind::kFieldKey);
  table[0] = KindBit(NameKind::kMeasurement);
  table[static_cast<unsigned char>('\\')] = kBackslash;
  return table;
}
constexpr std::array<uint8_t, 256> kDelimiters = MakeDelimiterTable();

// At most `max_bytes` of `text` for an error message, cut at a UTF-8 boundary, with
// "..." when cut.
std::string Snippet(std::string_view text, size_t max_bytes = 64) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return fmt::format("{}...", text.substr(0, cut));
}

std::string StringTooLarge(size_t max_bytes) {
  if (max_bytes == kMaxStringBytes) return "String is greater than 1MB";
  return fmt::format("String is greater than {} bytes", max_bytes);
}

// The kind of value a (bad) token looks like, for the error message.
std::string_view ValueKindForMessage(std::string_view token) {
  char first = token.empty() ? '\0' : token.front();
  if (IsDigit(first) || first == '-') {
    if (token.back() == 'i') return "integer";
    if (token.back() == 'u') return "unsigned integer";
    return "float";
  }
  if (first == 't' || first == 'T' || first == 'f' || first == 'F') return "boolean";
  return "field";
}

}  // namespace

LineProtocolParser::LineProtocolParser(ParseOptions options, SimdLevel simd)
    : options_(options), index_(simd) {
  tags_.reserve(32);
  fields_.reserve(32);
  for (KeyCheckCache* cache : {&tag_keys_, &field_keys_}) {
    cache->previous.reserve(32);
    cache->current.reserve(32);
  }
}

void LineProtocolParser::Reset(std::string_view body) {
  body_ = body;
  index_.Reset(body);
  arena_.Reset();
  default_timestamp_ = DefaultTimestamp(options_.default_time_ns, options_.precision);
  position_ = 0;
  done_ = false;
  line_number_ = 0;
  physical_lines_ = 0;
  ok_ = false;
}

bool LineProtocolParser::Next() {
  const char* b = body_.data();
  while (!done_) {
    size_t start = position_;
    size_t end = FindLineEnd(start);
    if (end >= body_.size()) {
      done_ = true;
    } else {
      position_ = end + 1;
    }
    ++physical_lines_;
    if (end > start && b[end - 1] == '\r') --end;  // CRLF
    // Skip leading whitespace and comment lines (InfluxDB 3's trim_leading; a comment
    // runs to the next newline, which inside one raw line exists only after a quote).
    size_t p = start;
    while (true) {
      while (p < end && (b[p] == ' ' || b[p] == '\t' || b[p] == '\n')) ++p;
      if (p < end && b[p] == '#') {
        const void* newline = std::memchr(b + p, '\n', end - p);
        p = newline ? static_cast<size_t>(static_cast<const char*>(newline) - b) : end;
      } else {
        break;
      }
    }
    if (p == end) continue;  // blank or comment
    ++line_number_;
    line_start_ = start;
    ok_ = ParseLine(start, p, end);
    if (ok_) {
      line_.line_number = line_number_;
      line_.physical_line_number = physical_lines_;
      line_.text = body_.substr(start, end - start);
    } else {
      error_.line_number = line_number_;
      error_.physical_line_number = physical_lines_;
      error_.original_line = body_.substr(start, end - start);
    }
    return true;
  }
  ok_ = false;
  return false;
}

size_t LineProtocolParser::FindLineEnd(size_t start) {
  size_t q = index_.NextLineSpecial(start);
  if (q >= body_.size() || body_[q] == '\n') return q;
  return FindLineEndSlow(start);
}

// The splitter state machine of line_splitter.cc, stepping over structural bytes only
// (every byte it reacts to is structural).
size_t LineProtocolParser::FindLineEndSlow(size_t start) {
  const char* b = body_.data();
  const size_t size = body_.size();
  bool quoted = false;
  bool fields = false;
  size_t equals = 0;
  size_t commas = 0;
  size_t i = start;
  while (true) {
    i = index_.NextStructural(i);
    if (i >= size) return size;
    switch (b[i]) {
      case '\\':
        i += 2;
        if (i > size) return size;
        continue;
      case ' ':
        fields = true;
        break;
      case '=':
        if (fields && !quoted) ++equals;
        break;
      case ',':
        if (fields && !quoted) ++commas;
        break;
      case '"':
        if (fields && equals > commas) quoted = !quoted;
        break;
      case '\n':
        if (!quoted) return i;
        break;
      default:
        break;
    }
    ++i;
  }
}

// REQUIRES: the index cursor is at the first structural position >= begin. Leaves it at
// the returned delimiter.
inline size_t LineProtocolParser::ScanName(NameKind kind, size_t begin, size_t end,
                                           std::string_view* name) {
  const uint8_t bit = KindBit(kind);
  size_t q;
  while (true) {
    q = index_.Current();
    if (q >= end) {
      q = end;
      break;
    }
    uint8_t cls = kDelimiters[static_cast<unsigned char>(body_[q])];
    if (cls & bit) break;
    if (cls & kBackslash) return ScanEscapedName(kind, begin, q, end, name);
    index_.Advance();  // a structural byte that is ordinary in this name (`=` in a tag value)
  }
  *name = body_.substr(begin, q - begin);
  if (__builtin_expect(check_name_sizes_, 0) && !CheckNameSize(*name, begin)) return kFailed;
  return q;
}

size_t LineProtocolParser::ScanEscapedName(NameKind kind, size_t begin, size_t backslash,
                                           size_t end, std::string_view* name) {
  const uint8_t bit = KindBit(kind);
  size_t i = backslash;
  while (i < end) {
    unsigned char c = static_cast<unsigned char>(body_[i]);
    if (c == '\\') {
      i += 2;  // any character after a backslash belongs to the name
      continue;
    }
    if (kDelimiters[c] & bit) break;
    ++i;
  }
  if (i > end) i = end;
  index_.SeekTo(i);
  char* out = arena_.Reserve(i - begin);
  size_t size = UnescapeName(kind, body_.data() + begin, body_.data() + i, out);
  arena_.Commit(size);
  *name = std::string_view(out, size);
  if (!CheckNameSize(*name, begin)) return kFailed;
  return i;
}

bool LineProtocolParser::CheckNameSize(std::string_view name, size_t at) {
  if (!name.empty() && name.back() == '\\') {
    return Fail(at,
                "Measurements, tag keys and values, and field keys may not end with a backslash");
  }
  if (name.size() > options_.max_string_bytes)
    return Fail(at, StringTooLarge(options_.max_string_bytes));
  return true;
}

bool LineProtocolParser::Fail(size_t at, std::string message) {
  error_.column = at - line_start_ + 1;
  error_.message = fmt::format("{} at column {}", message, error_.column);
  return false;
}

std::string LineProtocolParser::Context(size_t at, size_t end) const {
  if (at >= end) return "end of input";
  std::string_view rest = body_.substr(at, end - at);
  // First 10 characters (code points), as InfluxDB 3 shows them.
  size_t chars = 0;
  size_t cut = 0;
  while (cut < rest.size() && chars < 10) {
    ++cut;
    while (cut < rest.size() && (static_cast<unsigned char>(rest[cut]) & 0xC0) == 0x80) ++cut;
    ++chars;
  }
  if (cut < rest.size()) return fmt::format("`{}...`", rest.substr(0, cut));
  return fmt::format("`{}`", rest);
}

// REQUIRES: the index cursor is at the first structural position >= begin. Leaves it at
// the first structural position >= the returned index.
inline size_t LineProtocolParser::ParseFieldValue(size_t begin, size_t end, std::string_view key,
                                                  FieldValue* value) {
  const char* b = body_.data();
  if (begin < end && b[begin] == '"') return ParseStringValue(begin, end, key, value);

  size_t q = index_.Current();
  if (q > end) q = end;
  std::string_view token = body_.substr(begin, q - begin);
  if (__builtin_expect(q < end && b[q] != ',' && b[q] != ' ', 0)) {
    // Something other than a separator inside the value (`1=2`, `t"`, a tab): report
    // the whole would-be token.
    size_t r = q;
    while (r < end && b[r] != ',' && b[r] != ' ') ++r;
    std::string_view bad = body_.substr(begin, r - begin);
    Fail(begin, fmt::format("invalid {} value '{}' for field '{}'", ValueKindForMessage(bad),
                            Snippet(bad), Snippet(key)));
    return kFailed;
  }
  if (__builtin_expect(token.empty(), 0)) {
    Fail(begin, fmt::format("missing value for field '{}'", Snippet(key)));
    return kFailed;
  }
  const char first = token.front();
  const char last = token.back();
  if (IsDigit(first) || first == '-') {
    NumberParse result;
    if (last == 'i') {
      int64_t v;
      result = ParseInt64Inline(token.substr(0, token.size() - 1), &v);
      *value = FieldValue::Integer(v);
    } else if (last == 'u') {
      uint64_t v;
      result = ParseUInt64(token.substr(0, token.size() - 1), &v);
      *value = FieldValue::UInteger(v);
    } else {
      double v;
      result = ParseFloat(token, &v);
      *value = FieldValue::Float(v);
    }
    if (__builtin_expect(result != NumberParse::kOk, 0)) {
      FailNumber(begin, token, key, result);
      return kFailed;
    }
    return q;
  }
  bool boolean;
  if (ParseBoolean(token, &boolean)) {
    *value = FieldValue::Boolean(boolean);
    return q;
  }
  Fail(begin, fmt::format("invalid {} value '{}' for field '{}'", ValueKindForMessage(token),
                          Snippet(token), Snippet(key)));
  return kFailed;
}

void LineProtocolParser::FailNumber(size_t begin, std::string_view token, std::string_view key,
                                    NumberParse result) {
  const char last = token.back();
  std::string_view kind_name = last == 'i' ? "integer" : last == 'u' ? "unsigned integer" : "float";
  if (result == NumberParse::kOutOfRange) {
    std::string_view range_name = last == 'i'   ? "Unable to parse integer value"
                                  : last == 'u' ? "Unable to parse unsigned integer value"
                                                : "Unable to parse floating-point value";
    std::string_view digits =
        last == 'i' || last == 'u' ? token.substr(0, token.size() - 1) : token;
    Fail(begin, fmt::format("{} `{}` for field '{}': number out of range", range_name,
                            Snippet(digits), Snippet(key)));
  } else {
    Fail(begin, fmt::format("invalid {} value '{}' for field '{}'", kind_name, Snippet(token),
                            Snippet(key)));
  }
}

size_t LineProtocolParser::ParseStringValue(size_t begin, size_t end, std::string_view key,
                                            FieldValue* value) {
  const char* b = body_.data();
  index_.SeekTo(begin + 1);
  size_t q;
  bool escaped = false;
  while (true) {
    q = index_.Current();
    if (q >= end) {
      Fail(begin, fmt::format("unterminated string value for field '{}'", Snippet(key)));
      return kFailed;
    }
    char c = b[q];
    if (c == '"') break;
    if (c == '\\') {
      escaped = true;
      if (q + 2 > end) {
        index_.SeekTo(end);
        continue;
      }
      index_.SeekTo(q + 2);
      continue;
    }
    index_.Advance();
  }
  std::string_view text = body_.substr(begin + 1, q - begin - 1);
  if (escaped) {
    char* out = arena_.Reserve(text.size());
    size_t size = UnescapeStringValue(text.data(), text.data() + text.size(), out);
    arena_.Commit(size);
    text = std::string_view(out, size);
  }
  if (text.size() > options_.max_string_bytes) {
    Fail(begin,
         fmt::format("{} (field '{}')", StringTooLarge(options_.max_string_bytes), Snippet(key)));
    return kFailed;
  }
  *value = FieldValue::String(text);
  size_t after = q + 1;
  index_.Advance();  // past the closing quote
  if (after < end && b[after] != ',' && b[after] != ' ') {
    Fail(after, fmt::format("unexpected {} after string value for field '{}'", Context(after, end),
                            Snippet(key)));
    return kFailed;
  }
  return after;
}

inline uint64_t LineProtocolParser::KeySignature(std::string_view key) const {
  const char* p = key.data();
  const size_t n = key.size();
  uint64_t head = 0;
  if (n >= 8) {
    uint64_t tail;
    std::memcpy(&head, p, 8);
    std::memcpy(&tail, p + n - 8, 8);
    return head ^ (tail * 0x9E3779B97F4A7C15ULL) ^ n;
  }
  const char* body_end = body_.data() + body_.size();
  bool in_body = p >= body_.data() && p < body_end;
  if (!in_body || p + 8 <= body_end) {  // arena copies are padded
    std::memcpy(&head, p, 8);
    head &= (uint64_t{1} << (8 * n)) - 1;
  } else {
    std::memcpy(&head, p, n);
  }
  return head ^ n;
}

// Duplicate keys within one line. Keys are compared through 64-bit signatures (length,
// first and last 8 bytes); equal signatures are confirmed by comparing the keys. Most
// lines repeat the key sequence of the line before (same schema), and a sequence whose
// signatures were all distinct needs no pairwise check at all: a duplicate key would
// give two equal signatures. Returns the index of the first repeated key, or -1.
template <typename Item>
ptrdiff_t LineProtocolParser::FindDuplicateKey(KeyCheckCache& cache,
                                               const std::vector<Item>& items) {
  const size_t count = items.size();
  cache.current.resize(count);
  uint64_t* signatures = cache.current.data();
  for (size_t i = 0; i < count; ++i) signatures[i] = KeySignature(items[i].key);
  if (cache.distinct && cache.previous.size() == count) {
    const uint64_t* previous = cache.previous.data();
    uint64_t differ = 0;
    for (size_t i = 0; i < count; ++i) differ |= previous[i] ^ signatures[i];
    if (differ == 0) return -1;
  }
  bool distinct = true;
  ptrdiff_t duplicate = -1;
  if (count <= 64) {
    for (size_t i = 1; i < count && duplicate < 0; ++i) {
      const uint64_t s = signatures[i];
      for (size_t j = 0; j < i; ++j) {
        if (__builtin_expect(signatures[j] == s, 0)) {
          distinct = false;
          if (items[j].key == items[i].key) {
            duplicate = static_cast<ptrdiff_t>(i);
            break;
          }
        }
      }
    }
  } else {
    sort_scratch_.clear();
    for (size_t i = 0; i < count; ++i) {
      sort_scratch_.emplace_back(signatures[i], static_cast<uint32_t>(i));
    }
    std::sort(sort_scratch_.begin(), sort_scratch_.end());
    size_t first_duplicate = count;
    for (size_t i = 0; i < count; ++i) {
      for (size_t j = i + 1; j < count && sort_scratch_[j].first == sort_scratch_[i].first; ++j) {
        distinct = false;
        size_t a = sort_scratch_[i].second;
        size_t b = sort_scratch_[j].second;
        if (items[a].key == items[b].key) {
          first_duplicate = std::min(first_duplicate, std::max(a, b));
        }
      }
    }
    if (first_duplicate != count) duplicate = static_cast<ptrdiff_t>(first_duplicate);
  }
  if (duplicate < 0) {
    std::swap(cache.previous, cache.current);
    cache.distinct = distinct;
  }
  return duplicate;
}

bool LineProtocolParser::CheckDuplicates() {
  if (tags_.size() > 1) {
    ptrdiff_t duplicate = FindDuplicateKey(tag_keys_, tags_);
    if (__builtin_expect(duplicate >= 0, 0)) {
      const Tag& tag = tags_[static_cast<size_t>(duplicate)];
      return Fail(
          line_start_ + tag.column - 1,
          fmt::format("Must not contain duplicate tags, but `{}` was repeated", Snippet(tag.key)));
    }
  }
  if (fields_.size() > 1) {
    ptrdiff_t duplicate = FindDuplicateKey(field_keys_, fields_);
    if (__builtin_expect(duplicate >= 0, 0)) {
      const Field& field = fields_[static_cast<size_t>(duplicate)];
      return Fail(line_start_ + field.column - 1,
                  fmt::format("invalid line protocol - multiple instances of '{}' field found",
                              Snippet(field.key)));
    }
  }
  return true;
}

bool LineProtocolParser::ParseLine(size_t line_start, size_t begin, size_t end) {
  const char* b = body_.data();
  tags_.clear();
  fields_.clear();
  // Names without escapes are no longer than the line; check their size only when the
  // line could hold one that is too long.
  check_name_sizes_ = end - begin > options_.max_string_bytes;
  index_.SeekTo(begin);
  auto column = [line_start](size_t at) { return static_cast<uint32_t>(at - line_start + 1); };

  // Measurement.
  std::string_view measurement;
  size_t p = ScanName(NameKind::kMeasurement, begin, end, &measurement);
  if (p == kFailed) return false;
  if (measurement.empty()) return Fail(begin, "Invalid measurement was provided");

  // Tag set: `,key=value` repeated.
  if (p < end && b[p] == ',') {
    do {
      index_.Advance();  // past ','
      const size_t key_at = p + 1;
      std::string_view key;
      p = ScanName(NameKind::kTagKey, key_at, end, &key);
      if (p == kFailed) return false;
      if (key.empty()) return Fail(key_at, "Expected tag key, got " + Context(key_at, end));
      if (p >= end || b[p] != '=') {
        return Fail(p, fmt::format("Tag set malformed: could not find equals sign in {}",
                                   Context(key_at, end)));
      }
      index_.Advance();  // past '='
      const size_t value_at = p + 1;
      std::string_view value;
      p = ScanName(NameKind::kTagValue, value_at, end, &value);
      if (p == kFailed) return false;
      if (value.empty()) {
        return Fail(value_at, "Expected tag value, got " + Context(value_at, end));
      }
      tags_.push_back(Tag{key, value, column(key_at)});
    } while (p < end && b[p] == ',');
  }

  // One or more spaces.
  if (p >= end || b[p] != ' ') {
    return Fail(p, "Expected at least one space character, got " + Context(p, end));
  }
  do {
    index_.Advance();  // spaces are structural
  } while (++p < end && b[p] == ' ');

  // Field set: `key=value` separated by commas.
  while (true) {
    const size_t key_at = p;
    std::string_view key;
    p = ScanName(NameKind::kFieldKey, key_at, end, &key);
    if (p == kFailed) return false;
    if (key.empty() || p >= end || b[p] != '=') {
      if (fields_.empty()) return Fail(key_at, "No fields were provided");
      if (key.empty()) return Fail(key_at, "Expected field key, got " + Context(key_at, end));
      return Fail(p, fmt::format("Expected '=' after field key '{}', got {}", Snippet(key),
                                 Context(p, end)));
    }
    index_.Advance();  // past '='
    fields_.emplace_back();
    Field& field = fields_.back();
    field.key = key;
    field.column = column(key_at);
    p = ParseFieldValue(p + 1, end, key, &field.value);
    if (p == kFailed) return false;
    if (p >= end || b[p] != ',') break;
    index_.Advance();  // past ','
    ++p;
  }

  // Optional timestamp, then only spaces.
  bool has_timestamp = false;
  int64_t timestamp = default_timestamp_;
  if (p < end) {  // b[p] == ' '
    do {
      index_.Advance();
    } while (++p < end && b[p] == ' ');
    if (p < end) {
      const size_t ts_at = p;
      size_t q = index_.Current();
      if (q > end) q = end;
      std::string_view token = body_.substr(p, q - p);
      if (token.empty()) {
        return Fail(ts_at,
                    "Could not parse entire line. Found trailing content: " + Context(ts_at, end));
      }
      int64_t raw;
      NumberParse result = ParseInt64Inline(token, &raw);
      if (__builtin_expect(result != NumberParse::kOk, 0)) {
        if (result == NumberParse::kOutOfRange) {
          return Fail(ts_at, fmt::format("Unable to parse timestamp value `{}`", Snippet(token)));
        }
        return Fail(ts_at, fmt::format("invalid timestamp '{}'", Snippet(token)));
      }
      size_t r = q;
      while (r < end && b[r] == ' ') ++r;
      if (r < end) {
        return Fail(r, "Could not parse entire line. Found trailing content: " + Context(r, end));
      }
      const Precision precision = options_.precision;
      if (precision == Precision::kNanosecond) {
        timestamp = raw;
      } else if (__builtin_mul_overflow(raw, PrecisionMultiplier(InferPrecision(precision, raw)),
                                        &timestamp)) {
        return Fail(ts_at, fmt::format("timestamp, {}, out of range for precision: {}", raw,
                                       PrecisionName(precision)));
      }
      has_timestamp = true;
    }
  }

  if (!CheckDuplicates()) return false;

  line_.measurement = measurement;
  line_.tags = tags_;
  line_.fields = fields_;
  line_.timestamp = timestamp;
  line_.has_timestamp = has_timestamp;
  return true;
}

}  // namespace quiver::lineproto
