// Regular expressions (RE2 syntax):
//   regex_match (~), regex_imatch (~*), regex_not_match (!~), regex_not_imatch (!~*):
//     s matches pattern anywhere (unanchored), like PostgreSQL.
//   regexp_like(s, pattern[, flags]) -> Boolean
//   regexp_replace(s, pattern, replacement[, flags]) -> Utf8: without 'g' only the first
//     match is replaced (DataFusion/PostgreSQL); `\1`..`\9` in the replacement insert
//     groups, `\0` the whole match, `\\` a backslash.
// Flags: i (case-insensitive), c (case-sensitive), s (. matches newline), m (multi-line
// ^ and $), U (ungreedy); g (global) for regexp_replace only.
//
// A literal pattern (and flags, replacement) is compiled once in KernelInit; an invalid
// pattern is a bind-time error naming it. String dictionaries are processed once per
// entry. Patterns given per row are recompiled only when they change.
#include <re2/re2.h>

#include "function/function_list_internal.h"
#include "function/kernel_internal.h"

namespace quiver {
namespace function_internal {
namespace {

struct CompiledRegex {
  std::unique_ptr<RE2> re;
  bool global = false;
};

Result<CompiledRegex> Compile(std::string_view pattern, std::string_view flags, bool allow_global,
                              bool force_case_insensitive) {
  CompiledRegex out;
  std::string prefix;
  bool case_insensitive = force_case_insensitive;
  for (char flag : flags) {
    switch (flag) {
      case 'i':
        case_insensitive = true;
        break;
      case 'c':
        case_insensitive = false;
        break;
      case 's':
        prefix += 's';
        break;
      case 'm':
        prefix += 'm';
        break;
      case 'U':
        prefix += 'U';
        break;
      case 'g':
        if (!allow_global)
          return Status::InvalidArgument("regexp_like() does not support the global flag 'g'");
        out.global = true;
        break;
      default:
        return Status::InvalidArgument("unsupported regular expression flag '{}' in '{}'", flag,
                                       flags);
    }
  }
  std::string full =
      prefix.empty() ? std::string(pattern) : "(?" + prefix + ")" + std::string(pattern);
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(!case_insensitive);
  out.re = std::make_unique<RE2>(full, options);
  if (!out.re->ok()) {
    return Status::InvalidArgument("invalid regular expression '{}': {}", pattern, out.re->error());
  }
  return out;
}

class RegexState : public KernelState {
 public:
  CompiledRegex regex;
  std::string replacement;
  DictionaryLutCache dictionary_tables;  // matches per dictionary entry (the ~ operators)
};

// Argument positions of one function's signature.
struct RegexShape {
  size_t flags_index;     // where flags are, if present
  bool has_replacement;   // regexp_replace
  bool case_insensitive;  // ~*, !~*
  bool negate;            // !~, !~*
};

Status CheckRewrite(const RE2& re, const std::string& replacement) {
  std::string error;
  if (!re.CheckRewriteString(replacement, &error)) {
    return Status::InvalidArgument("invalid regexp_replace replacement '{}': {}", replacement,
                                   error);
  }
  return Status::OK();
}

KernelInit MakeInit(RegexShape shape) {
  return
      [shape](
          std::span<const std::optional<Scalar>> literals) -> Result<std::shared_ptr<KernelState>> {
        if (literals.size() < 2 || !literals[1] || literals[1]->is_null())
          return std::shared_ptr<KernelState>();
        std::string flags;
        if (literals.size() > shape.flags_index) {
          const auto& flag_literal = literals[shape.flags_index];
          if (!flag_literal) return std::shared_ptr<KernelState>();
          if (flag_literal->is_valid()) flags = flag_literal->string_value();
        }
        auto state = std::make_shared<RegexState>();
        ASSIGN_OR_RETURN(state->regex, Compile(literals[1]->string_value(), flags,
                                               shape.has_replacement, shape.case_insensitive));
        if (shape.has_replacement) {
          if (!literals[2]) return std::shared_ptr<KernelState>();
          if (literals[2]->is_valid()) {
            state->replacement = literals[2]->string_value();
            RETURN_NOT_OK(CheckRewrite(*state->regex.re, state->replacement));
          }
        }
        return std::shared_ptr<KernelState>(std::move(state));
      };
}

// The flags argument as text (all rows must share it).
Result<std::string> FlagsOf(std::span<const Datum> args, size_t index) {
  if (args.size() <= index) return std::string();
  if (!args[index].is_scalar())
    return Status::NotImplemented("regular expression flags must be a constant");
  return args[index].scalar().is_null() ? std::string() : args[index].scalar().string_value();
}

bool AnyNull(std::span<const Datum> args) {
  for (const Datum& arg : args) {
    if (arg.is_scalar() && arg.scalar().is_null()) return true;
  }
  return false;
}

Result<Datum> NullResult(std::span<const Datum> args, const DataType& type, int64_t rows) {
  if (AllScalars(args)) return Datum(Scalar::Null(type));
  return Datum(MakeNullArray(type, rows));
}

Result<Datum> ExecMatch(RegexShape shape, KernelContext& ctx, std::span<const Datum> args,
                        int64_t rows) {
  if (AnyNull(args)) return NullResult(args, DataType::Boolean(), rows);
  ASSIGN_OR_RETURN(std::string flags, FlagsOf(args, shape.flags_index));
  const Datum& input = args[0];
  const Datum& pattern = args[1];
  if (pattern.is_scalar()) {
    const auto* state = dynamic_cast<const RegexState*>(ctx.state);
    CompiledRegex local;
    const RE2* re = state ? state->regex.re.get() : nullptr;
    if (re == nullptr) {
      ASSIGN_OR_RETURN(
          local, Compile(pattern.scalar().string_value(), flags, false, shape.case_insensitive));
      re = local.re.get();
    }
    return ExecStringPredicate(
        ctx, input, rows,
        [&](std::string_view s) {
          return RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), *re) != shape.negate;
        },
        state && state->regex.re ? &state->dictionary_tables : nullptr);
  }
  ASSIGN_OR_RETURN(Array strings, ToArray(input, rows, ctx.pool));
  const Datum both[] = {Datum(strings), pattern};
  ASSIGN_OR_RETURN(OutputValidity validity, IntersectValidity(ctx.pool, both, rows));
  StringReader values(strings);
  StringArray patterns(pattern.array());
  std::vector<uint8_t> bytes(static_cast<size_t>(rows), 0);
  std::string last;
  CompiledRegex compiled;
  const uint8_t* valid = validity.bitmap ? validity.bitmap->data() : nullptr;
  for (int64_t i = 0; i < rows; ++i) {
    if (valid != nullptr && !bit_util::GetBit(valid, i)) continue;
    std::string_view p = patterns.Value(i);
    if (!compiled.re || p != last) {
      ASSIGN_OR_RETURN(compiled, Compile(p, flags, false, shape.case_insensitive));
      last.assign(p);
    }
    std::string_view s = values[i];
    bytes[i] =
        RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), *compiled.re) != shape.negate;
  }
  ASSIGN_OR_RETURN(MutableBuffer bits, AllocateBitmap(ctx.pool, rows));
  PackBytesToBits(bytes.data(), rows, bits.data);
  return Datum(MakeBooleanArray(rows, bits.buffer, validity));
}

// Replaces in `text` (a copy) the first or every match.
void ReplaceOne(const CompiledRegex& regex, const std::string& replacement, std::string_view in,
                std::string* out) {
  out->assign(in.data(), in.size());
  if (regex.global) {
    RE2::GlobalReplace(out, *regex.re, replacement);
  } else {
    RE2::Replace(out, *regex.re, replacement);
  }
}

Result<Datum> ExecReplace(KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  constexpr size_t kFlags = 3;
  if (AnyNull(args)) return NullResult(args, DataType::Utf8(), rows);
  ASSIGN_OR_RETURN(std::string flags, FlagsOf(args, kFlags));
  const Datum& input = args[0];
  const Datum& pattern = args[1];
  const Datum& replacement = args[2];
  std::string scratch;
  if (pattern.is_scalar() && replacement.is_scalar()) {
    const auto* state = dynamic_cast<const RegexState*>(ctx.state);
    CompiledRegex local;
    const CompiledRegex* regex = state ? &state->regex : nullptr;
    std::string rewrite = replacement.scalar().string_value();
    if (regex == nullptr) {
      ASSIGN_OR_RETURN(local, Compile(pattern.scalar().string_value(), flags, true, false));
      RETURN_NOT_OK(CheckRewrite(*local.re, rewrite));
      regex = &local;
    }
    auto op = [&](std::string_view s, std::string& out) -> std::string_view {
      ReplaceOne(*regex, rewrite, s, &out);
      return out;
    };
    if (input.is_array() && input.type().id() == TypeId::kDictionary) {
      // Once per dictionary entry, then gathered.
      DictionaryArray dict(input.array());
      ASSIGN_OR_RETURN(Datum replaced, ExecStringToString(ctx, Datum(dict.dictionary()),
                                                          dict.dictionary().length(), op));
      ASSIGN_OR_RETURN(Array out, GatherInt32(replaced.array(), dict.raw_indices(),
                                              input.array().null_bitmap_data(),
                                              input.array().offset(), rows, ctx.pool));
      return Datum(std::move(out));
    }
    return ExecStringToString(ctx, input, rows, op);
  }
  // Per-row patterns or replacements.
  ASSIGN_OR_RETURN(Array strings, ToArray(input, rows, ctx.pool));
  ASSIGN_OR_RETURN(Array patterns, ToArray(pattern, rows, ctx.pool));
  ASSIGN_OR_RETURN(Array replacements, ToArray(replacement, rows, ctx.pool));
  StringReader values(strings), pattern_values(patterns), replacement_values(replacements);
  StringBuilder builder(DataType::Utf8(), ctx.pool);
  RETURN_NOT_OK(builder.Reserve(rows));
  std::string last;
  CompiledRegex compiled;
  for (int64_t i = 0; i < rows; ++i) {
    if (strings.IsNull(i) || patterns.IsNull(i) || replacements.IsNull(i)) {
      RETURN_NOT_OK(builder.AppendNull());
      continue;
    }
    std::string_view p = pattern_values[i];
    if (!compiled.re || p != last) {
      ASSIGN_OR_RETURN(compiled, Compile(p, flags, true, false));
      last.assign(p);
    }
    std::string rewrite(replacement_values[i]);
    RETURN_NOT_OK(CheckRewrite(*compiled.re, rewrite));
    ReplaceOne(compiled, rewrite, values[i], &scratch);
    RETURN_NOT_OK(builder.Append(scratch));
  }
  ASSIGN_OR_RETURN(Array out, builder.Finish());
  return Datum(std::move(out));
}

void AddMatch(FunctionRegistry& registry, const char* name, const char* description,
              RegexShape shape, bool with_flags, std::vector<std::string> aliases = {}) {
  ScalarFunction function;
  function.name = name;
  function.description = description;
  for (bool dictionary : {true, false}) {
    for (bool flags : {false, true}) {
      if (flags && !with_flags) continue;
      ScalarKernel kernel;
      kernel.inputs = {dictionary ? TypeMatcher::StringDictionary() : TypeMatcher::AnyString(),
                       TypeMatcher::AnyString()};
      if (flags) kernel.inputs.push_back(TypeMatcher::AnyString());
      kernel.output = FixedOutput(DataType::Boolean());
      kernel.init = MakeInit(shape);
      kernel.exec = [shape](KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
        return ExecMatch(shape, ctx, args, rows);
      };
      function.kernels.push_back(std::move(kernel));
    }
  }
  registry.AddScalar(std::move(function), std::move(aliases));
}

}  // namespace

void RegisterRegexFunctions(FunctionRegistry& registry) {
  AddMatch(registry, "regex_match", "s ~ pattern", {2, false, false, false}, false, {"~"});
  AddMatch(registry, "regex_imatch", "s ~* pattern", {2, false, true, false}, false, {"~*"});
  AddMatch(registry, "regex_not_match", "s !~ pattern", {2, false, false, true}, false, {"!~"});
  AddMatch(registry, "regex_not_imatch", "s !~* pattern", {2, false, true, true}, false, {"!~*"});
  AddMatch(registry, "regexp_like", "regexp_like(s, pattern[, flags])", {2, false, false, false},
           true);

  ScalarFunction replace;
  replace.name = "regexp_replace";
  replace.description =
      "regexp_replace(s, pattern, replacement[, flags]); flag g replaces every match";
  for (bool dictionary : {true, false}) {
    for (bool flags : {false, true}) {
      ScalarKernel kernel;
      TypeMatcher s = TypeMatcher::AnyString();
      kernel.inputs = {dictionary ? TypeMatcher::StringDictionary() : s, s, s};
      if (flags) kernel.inputs.push_back(s);
      kernel.output = FixedOutput(DataType::Utf8());
      kernel.init = MakeInit({3, true, false, false});
      kernel.exec = ExecReplace;
      replace.kernels.push_back(std::move(kernel));
    }
  }
  registry.AddScalar(std::move(replace));
}

}  // namespace function_internal
}  // namespace quiver
