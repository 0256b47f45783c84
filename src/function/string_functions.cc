// String functions (character counts and positions are in UTF-8 code points):
//   lower, upper (Unicode via the C.UTF-8 locale; ASCII fast path), initcap (ASCII words)
//   length / char_length / character_length -> Int32, octet_length -> Int32,
//   bit_length -> Int32
//   substr / substring(s, start[, len]): 1-based; a start below 1 counts the missing
//     characters against len (PostgreSQL: substr('hello', 0, 3) = 'he'); len < 0 errors
//   left(s, n), right(s, n): n < 0 drops |n| characters from the other end
//   repeat(s, n) (n <= 0 gives ''), reverse(s)
//   lpad / rpad(s, n[, fill]): pad to n characters (fill default ' '), truncating longer
//     strings to n; an empty fill leaves s unpadded
//   btrim / trim, ltrim, rtrim(s[, characters]): characters default ' '
//   ascii(s) -> Int32 code point of the first character (0 for ''), chr(n) -> Utf8
// Functions whose first argument is a string dictionary and whose other arguments are
// literals run once per dictionary entry (ExecViaDictionary).
#include <locale.h>  // NOLINT(modernize-deprecated-headers): newlocale/towlower_l (POSIX)
#include <clocale>
#include <cwctype>

#include "function/function_list_internal.h"
#include "function/string_kernels_internal.h"

namespace quiver {
namespace function_internal {

Result<Datum> ExecViaDictionary(KernelContext& ctx, std::span<const Datum> args, int64_t rows,
                                const ScalarKernelExec& exec) {
  std::vector<Datum> forwarded(args.begin(), args.end());
  bool rest_scalar = true;
  for (size_t i = 1; i < args.size(); ++i) rest_scalar &= args[i].is_scalar();
  if (args[0].is_array() && rest_scalar) {
    const Array& indices = args[0].array();
    Array values = DictionaryArray(indices).dictionary();
    if (values.length() <= 4 * rows + 1024) {
      forwarded[0] = Datum(values);
      ASSIGN_OR_RETURN(Datum per_entry, exec(ctx, forwarded, values.length()));
      ASSIGN_OR_RETURN(Array per_entry_array, ToArray(per_entry, values.length(), ctx.pool));
      ASSIGN_OR_RETURN(Array out,
                       GatherInt32(per_entry_array, DictionaryArray(indices).raw_indices(),
                                   indices.null_bitmap_data(), indices.offset(), rows, ctx.pool));
      return Datum(std::move(out));
    }
  }
  ASSIGN_OR_RETURN(forwarded[0], Cast(ctx, args[0], ValueTypeOf(args[0].type())));
  return exec(ctx, forwarded, rows);
}

void AddStringFunction(FunctionRegistry& registry, const char* name, const char* description,
                       std::vector<TypeMatcher> rest, OutputTypeResolver output,
                       ScalarKernelExec exec, std::vector<std::string> aliases, bool variadic) {
  ScalarFunction function;
  function.name = name;
  function.description = description;
  ScalarKernel plain;
  plain.inputs = {TypeMatcher::AnyString()};
  plain.inputs.insert(plain.inputs.end(), rest.begin(), rest.end());
  plain.variadic = variadic;
  plain.output = output;
  plain.exec = exec;
  ScalarKernel dictionary = plain;
  dictionary.inputs[0] = TypeMatcher::StringDictionary();
  dictionary.exec = [exec](KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
    return ExecViaDictionary(ctx, args, rows, exec);
  };
  function.kernels.push_back(std::move(plain));
  function.kernels.push_back(std::move(dictionary));
  registry.AddScalar(std::move(function), std::move(aliases));
}

namespace {

// ---- case mapping ------------------------------------------------------------------------

locale_t Utf8Locale() {
  static locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  return locale;
}

bool IsAscii(std::string_view s) {
  unsigned char any = 0;
  for (char c : s) any |= static_cast<unsigned char>(c);
  return any < 0x80;
}

// Decodes one code point at s[pos] (advancing pos); invalid bytes decode as themselves
// with `valid` false.
uint32_t DecodeUtf8(std::string_view s, size_t& pos, bool& valid) {
  unsigned char lead = static_cast<unsigned char>(s[pos]);
  int extra;
  uint32_t cp;
  if (lead < 0x80) {
    ++pos;
    valid = true;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    extra = 1;
    cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2;
    cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3;
    cp = lead & 0x07;
  } else {
    ++pos;
    valid = false;
    return lead;
  }
  if (pos + static_cast<size_t>(extra) >= s.size()) {
    ++pos;
    valid = false;
    return lead;
  }
  for (int k = 1; k <= extra; ++k) {
    unsigned char next = static_cast<unsigned char>(s[pos + static_cast<size_t>(k)]);
    if ((next & 0xC0) != 0x80) {
      ++pos;
      valid = false;
      return lead;
    }
    cp = (cp << 6) | (next & 0x3F);
  }
  pos += static_cast<size_t>(extra) + 1;
  valid = true;
  return cp;
}

void EncodeUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string_view MapCase(bool upper, std::string_view s, std::string& out) {
  out.resize(s.size());
  if (IsAscii(s)) {
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (upper) {
        out[i] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
      } else {
        out[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
      }
    }
    return out;
  }
  out.clear();
  locale_t locale = Utf8Locale();
  size_t pos = 0;
  while (pos < s.size()) {
    size_t start = pos;
    bool valid = false;
    uint32_t cp = DecodeUtf8(s, pos, valid);
    if (!valid) {
      out.append(s.substr(start, pos - start));
      continue;
    }
    if (locale != static_cast<locale_t>(nullptr)) {
      cp = static_cast<uint32_t>(upper ? towupper_l(static_cast<wint_t>(cp), locale)
                                       : towlower_l(static_cast<wint_t>(cp), locale));
    } else if (cp < 0x80) {
      cp = static_cast<uint32_t>(upper ? std::toupper(static_cast<int>(cp))
                                       : std::tolower(static_cast<int>(cp)));
    }
    EncodeUtf8(cp, out);
  }
  return out;
}

std::string_view InitCap(std::string_view s, std::string& out) {
  out.assign(s);
  bool word_start = true;
  for (char& c : out) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum) {
      if (word_start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
      if (!word_start && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    word_start = !alnum;
  }
  return out;
}

// ---- substrings ----------------------------------------------------------------------------

std::string_view Substring(std::string_view s, int64_t start, std::optional<int64_t> length) {
  int64_t begin = std::max<int64_t>(start, 1);
  if (length) {
    int64_t end;
    if (__builtin_add_overflow(start, *length, &end)) end = INT64_MAX;
    if (end <= begin) return {};
    size_t b = ByteOffsetOfChar(s, begin - 1);
    size_t e = ByteOffsetOfChar(s, end - 1);
    return s.substr(b, e - b);
  }
  return s.substr(ByteOffsetOfChar(s, begin - 1));
}

std::string_view Left(std::string_view s, int64_t n) {
  if (n < 0) {
    int64_t keep = CharCount(s) + n;
    if (keep <= 0) return {};
    return s.substr(0, ByteOffsetOfChar(s, keep));
  }
  return s.substr(0, ByteOffsetOfChar(s, n));
}

std::string_view Right(std::string_view s, int64_t n) {
  if (n < 0) {
    if (n == INT64_MIN) return {};
    return s.substr(ByteOffsetOfChar(s, -n));
  }
  int64_t skip = std::max<int64_t>(CharCount(s) - n, 0);
  return s.substr(ByteOffsetOfChar(s, skip));
}

// The characters (code points as UTF-8 byte strings) of s.
std::vector<std::string_view> Characters(std::string_view s) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t start = pos++;
    while (pos < s.size() && IsContinuation(s[pos])) ++pos;
    out.push_back(s.substr(start, pos - start));
  }
  return out;
}

constexpr int64_t kMaxGeneratedBytes = int64_t{1} << 30;

Status Pad(bool left, std::string_view s, int64_t n, std::string_view fill, std::string& out) {
  if (n <= 0) return Status::OK();
  if (n > kMaxGeneratedBytes / 4)
    return Status::InvalidArgument("{} length too large: {}", left ? "lpad" : "rpad", n);
  int64_t chars = CharCount(s);
  if (chars >= n) {
    out.assign(Left(s, n));
    return Status::OK();
  }
  if (fill.empty()) {
    out.assign(s);
    return Status::OK();
  }
  std::vector<std::string_view> fill_chars = Characters(fill);
  std::string padding;
  for (int64_t k = 0; k < n - chars; ++k)
    padding.append(fill_chars[static_cast<size_t>(k) % fill_chars.size()]);
  if (left) {
    out = padding;
    out.append(s);
  } else {
    out.assign(s);
    out.append(padding);
  }
  return Status::OK();
}

enum class TrimSide { kBoth, kLeft, kRight };

std::string_view Trim(std::string_view s, std::string_view characters, TrimSide side) {
  auto in_set = [&](std::string_view ch) {
    if (ch.size() == 1) return characters.find(ch[0]) != std::string_view::npos;
    return characters.find(ch) != std::string_view::npos;
  };
  size_t begin = 0, end = s.size();
  if (side != TrimSide::kRight) {
    while (begin < end) {
      size_t next = begin + 1;
      while (next < end && IsContinuation(s[next])) ++next;
      if (!in_set(s.substr(begin, next - begin))) break;
      begin = next;
    }
  }
  if (side != TrimSide::kLeft) {
    while (end > begin) {
      size_t prev = end - 1;
      while (prev > begin && IsContinuation(s[prev])) --prev;
      if (!in_set(s.substr(prev, end - prev))) break;
      end = prev;
    }
  }
  return s.substr(begin, end - begin);
}

// ---- kernels --------------------------------------------------------------------------------

Result<Datum> ExecCase(bool upper, KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  return ExecStringToString(ctx, args[0], rows, [upper](std::string_view s, std::string& out) {
    return MapCase(upper, s, out);
  });
}

Result<Datum> ExecSubstr(KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  StringArg s(args[0]);
  IntArg start(args[1]);
  std::optional<IntArg> length;
  if (args.size() > 2) length.emplace(args[2]);
  return MapRowsToString(ctx, args, rows, [&](int64_t i, std::string& out) -> Status {
    std::optional<int64_t> len;
    if (length) {
      len = (*length)[i];
      if (*len < 0)
        return Status::InvalidArgument("negative substring length not allowed: substr(..., {}, {})",
                                       start[i], *len);
    }
    out.assign(Substring(s[i], start[i], len));
    return Status::OK();
  });
}

Result<Datum> ExecLeftRight(bool left, KernelContext& ctx, std::span<const Datum> args,
                            int64_t rows) {
  StringArg s(args[0]);
  IntArg n(args[1]);
  return MapRowsToString(ctx, args, rows, [&](int64_t i, std::string& out) -> Status {
    out.assign(left ? Left(s[i], n[i]) : Right(s[i], n[i]));
    return Status::OK();
  });
}

Result<Datum> ExecRepeat(KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  StringArg s(args[0]);
  IntArg n(args[1]);
  return MapRowsToString(ctx, args, rows, [&](int64_t i, std::string& out) -> Status {
    int64_t times = n[i];
    std::string_view value = s[i];
    if (times <= 0 || value.empty()) return Status::OK();
    if (times > kMaxGeneratedBytes / static_cast<int64_t>(value.size())) {
      return Status::InvalidArgument("repeat result too large: {} x {} bytes", times, value.size());
    }
    out.reserve(static_cast<size_t>(times) * value.size());
    for (int64_t k = 0; k < times; ++k) out.append(value);
    return Status::OK();
  });
}

Result<Datum> ExecReverse(KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  return ExecStringToString(ctx, args[0], rows,
                            [](std::string_view s, std::string& out) -> std::string_view {
                              out.clear();
                              std::vector<std::string_view> chars = Characters(s);
                              for (auto it = chars.rbegin(); it != chars.rend(); ++it)
                                out.append(*it);
                              return out;
                            });
}

Result<Datum> ExecPad(bool left, KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  StringArg s(args[0]);
  IntArg n(args[1]);
  std::optional<StringArg> fill;
  if (args.size() > 2) fill.emplace(args[2]);
  return MapRowsToString(ctx, args, rows, [&](int64_t i, std::string& out) -> Status {
    return Pad(left, s[i], n[i], fill ? (*fill)[i] : std::string_view(" "), out);
  });
}

Result<Datum> ExecTrim(TrimSide side, KernelContext& ctx, std::span<const Datum> args,
                       int64_t rows) {
  if (args.size() == 1) {
    return ExecStringToString(ctx, args[0], rows, [side](std::string_view s, std::string&) {
      return Trim(s, " ", side);
    });
  }
  StringArg s(args[0]);
  StringArg characters(args[1]);
  return MapRowsToString(ctx, args, rows, [&](int64_t i, std::string& out) -> Status {
    out.assign(Trim(s[i], characters[i], side));
    return Status::OK();
  });
}

Result<Datum> ExecChr(KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  IntArg n(args[0]);
  return MapRowsToString(ctx, args, rows, [&](int64_t i, std::string& out) -> Status {
    int64_t cp = n[i];
    if (cp <= 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return Status::InvalidArgument("requested character not a valid Unicode code point: {}", cp);
    }
    EncodeUtf8(static_cast<uint32_t>(cp), out);
    return Status::OK();
  });
}

Result<Datum> ExecAscii(KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  return ExecStringToFixed<int32_t>(ctx, args[0], rows, DataType::Int32(),
                                    [](std::string_view s) -> int32_t {
                                      if (s.empty()) return 0;
                                      size_t pos = 0;
                                      bool valid = false;
                                      return static_cast<int32_t>(DecodeUtf8(s, pos, valid));
                                    });
}

}  // namespace

void RegisterStringFunctions(FunctionRegistry& registry) {
  TypeMatcher str = TypeMatcher::AnyString();
  TypeMatcher int64 = TypeMatcher::Exact(DataType::Int64());
  OutputTypeResolver utf8 = FixedOutput(DataType::Utf8());
  OutputTypeResolver int32 = FixedOutput(DataType::Int32());

  AddStringFunction(registry, "lower", "lower case", {}, utf8,
                    [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                      return ExecCase(false, ctx, a, n);
                    });
  AddStringFunction(registry, "upper", "upper case", {}, utf8,
                    [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                      return ExecCase(true, ctx, a, n);
                    });
  AddStringFunction(registry, "initcap", "capitalise each word (ASCII)", {}, utf8,
                    [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                      return ExecStringToString(ctx, a[0], n, InitCap);
                    });
  AddStringFunction(registry, "character_length", "number of characters", {}, int32,
                    [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                      return ExecStringToFixed<int32_t>(
                          ctx, a[0], n, DataType::Int32(),
                          [](std::string_view s) { return static_cast<int32_t>(CharCount(s)); });
                    },
                    {"length", "char_length", "len"});
  AddStringFunction(registry, "octet_length", "number of bytes", {}, int32,
                    [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                      return ExecStringToFixed<int32_t>(
                          ctx, a[0], n, DataType::Int32(),
                          [](std::string_view s) { return static_cast<int32_t>(s.size()); });
                    });
  AddStringFunction(registry, "bit_length", "number of bits", {}, int32,
                    [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                      return ExecStringToFixed<int32_t>(
                          ctx, a[0], n, DataType::Int32(),
                          [](std::string_view s) { return static_cast<int32_t>(s.size() * 8); });
                    });
  // substr(s, start) and substr(s, start, len): two registrations under one name.
  AddStringFunction(registry, "substr", "substr(s, start[, len]), 1-based", {int64}, utf8,
                    ExecSubstr, {"substring"});
  AddStringFunction(registry, "substr", "", {int64, int64}, utf8, ExecSubstr);
  AddStringFunction(registry, "left", "first n characters", {int64}, utf8,
                    [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                      return ExecLeftRight(true, ctx, a, n);
                    });
  AddStringFunction(registry, "right", "last n characters", {int64}, utf8,
                    [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                      return ExecLeftRight(false, ctx, a, n);
                    });
  AddStringFunction(registry, "repeat", "s repeated n times", {int64}, utf8, ExecRepeat);
  AddStringFunction(registry, "reverse", "characters in reverse order", {}, utf8, ExecReverse);
  for (bool left : {true, false}) {
    const char* name = left ? "lpad" : "rpad";
    auto exec = [left](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
      return ExecPad(left, ctx, a, n);
    };
    AddStringFunction(registry, name, "pad to n characters", {int64}, utf8, exec);
    AddStringFunction(registry, name, "", {int64, str}, utf8, exec);
  }
  struct TrimEntry {
    const char* name;
    TrimSide side;
    std::vector<std::string> aliases;
  };
  for (const TrimEntry& entry :
       {TrimEntry{"btrim", TrimSide::kBoth, {"trim"}}, TrimEntry{"ltrim", TrimSide::kLeft, {}},
        TrimEntry{"rtrim", TrimSide::kRight, {}}}) {
    TrimSide side = entry.side;
    auto exec = [side](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
      return ExecTrim(side, ctx, a, n);
    };
    AddStringFunction(registry, entry.name, "remove characters (default ' ') from the ends", {},
                      utf8, exec, entry.aliases);
    AddStringFunction(registry, entry.name, "", {str}, utf8, exec);
  }
  AddStringFunction(registry, "ascii", "code point of the first character", {}, int32, ExecAscii);
  ScalarFunction chr;
  chr.name = "chr";
  chr.description = "the character with code point n";
  ScalarKernel chr_kernel;
  chr_kernel.inputs = {int64};
  chr_kernel.output = utf8;
  chr_kernel.exec = ExecChr;
  chr.kernels.push_back(std::move(chr_kernel));
  registry.AddScalar(std::move(chr));
}

}  // namespace function_internal
}  // namespace quiver
