// SQL pattern matching: like, ilike, not_like, not_ilike (s [NOT] [I]LIKE pattern
// [ESCAPE e]). `%` matches any run of characters, `_` exactly one character (UTF-8 code
// point); the escape character (default backslash) makes the next character literal. A
// trailing escape is a literal escape character (as arrow/DataFusion).
//
// A literal pattern is compiled once (KernelInit) into the cheapest matcher: equality,
// prefix, suffix, substring, match-all, or an anchored RE2 for the general case and for
// ILIKE (Unicode case folding). String dictionaries are matched once per entry.
#include <re2/re2.h>

#include "function/function_list_internal.h"
#include "function/kernel_internal.h"

namespace quiver {
namespace function_internal {
namespace {

class LikeMatcher {
 public:
  static Result<std::unique_ptr<LikeMatcher>> Make(std::string_view pattern, bool case_insensitive,
                                                   char escape) {
    auto matcher = std::make_unique<LikeMatcher>();
    // Tokens: literal runs and wildcards.
    struct Token {
      char wildcard;  // 0 for a literal run, else '%' or '_'
      std::string literal;
    };
    std::vector<Token> tokens;
    auto literal = [&](char c) {
      if (tokens.empty() || tokens.back().wildcard != 0) tokens.push_back({0, ""});
      tokens.back().literal += c;
    };
    for (size_t i = 0; i < pattern.size(); ++i) {
      char c = pattern[i];
      if (c == escape && i + 1 < pattern.size()) {
        literal(pattern[++i]);
      } else if (c == '%') {
        if (tokens.empty() || tokens.back().wildcard != '%') tokens.push_back({'%', ""});
      } else if (c == '_') {
        tokens.push_back({'_', ""});
      } else {
        literal(c);
      }
    }
    bool has_underscore = false;
    size_t percents = 0;
    for (const Token& t : tokens) {
      has_underscore |= t.wildcard == '_';
      percents += t.wildcard == '%';
    }
    if (!case_insensitive && !has_underscore) {
      if (tokens.empty()) {
        matcher->kind_ = Kind::kEquals;
        return matcher;
      }
      if (tokens.size() == 1) {
        matcher->kind_ = tokens[0].wildcard == '%' ? Kind::kAny : Kind::kEquals;
        matcher->literal_ = tokens[0].literal;
        return matcher;
      }
      if (tokens.size() == 2 && percents == 1) {
        matcher->kind_ = tokens[0].wildcard == '%' ? Kind::kSuffix : Kind::kPrefix;
        matcher->literal_ = tokens[0].wildcard == '%' ? tokens[1].literal : tokens[0].literal;
        return matcher;
      }
      if (tokens.size() == 3 && percents == 2 && tokens[0].wildcard == '%' &&
          tokens[2].wildcard == '%') {
        matcher->kind_ = Kind::kContains;
        matcher->literal_ = tokens[1].literal;
        return matcher;
      }
    }
    std::string regex;
    for (const Token& t : tokens) {
      if (t.wildcard == '%') {
        regex += ".*";
      } else if (t.wildcard == '_') {
        regex += ".";
      } else {
        regex += RE2::QuoteMeta(t.literal);
      }
    }
    RE2::Options options;
    options.set_log_errors(false);
    options.set_dot_nl(true);
    options.set_case_sensitive(!case_insensitive);
    matcher->kind_ = Kind::kRegex;
    matcher->regex_ = std::make_unique<RE2>(regex, options);
    if (!matcher->regex_->ok()) {
      return Status::InvalidArgument("invalid LIKE pattern '{}': {}", pattern,
                                     matcher->regex_->error());
    }
    return matcher;
  }

  bool Matches(std::string_view s) const {
    switch (kind_) {
      case Kind::kEquals:
        return s == literal_;
      case Kind::kPrefix:
        return s.size() >= literal_.size() && s.compare(0, literal_.size(), literal_) == 0;
      case Kind::kSuffix:
        return s.size() >= literal_.size() &&
               s.compare(s.size() - literal_.size(), literal_.size(), literal_) == 0;
      case Kind::kContains:
        return s.find(literal_) != std::string_view::npos;
      case Kind::kAny:
        return true;
      case Kind::kRegex:
        return RE2::FullMatch(re2::StringPiece(s.data(), s.size()), *regex_);
    }
    return false;
  }

 private:
  enum class Kind { kEquals, kPrefix, kSuffix, kContains, kAny, kRegex };
  Kind kind_ = Kind::kEquals;
  std::string literal_;
  std::unique_ptr<RE2> regex_;
};

class LikeState : public KernelState {
 public:
  std::unique_ptr<LikeMatcher> matcher;
  DictionaryLutCache dictionary_tables;
};

Result<char> EscapeChar(const std::optional<Scalar>& escape) {
  if (!escape || escape->is_null()) return '\\';
  const std::string& text = escape->string_value();
  if (text.size() > 1)
    return Status::InvalidArgument("LIKE escape must be a single character: '{}'", text);
  return text.empty() ? '\0' : text[0];
}

KernelInit MakeInit(bool case_insensitive) {
  return
      [case_insensitive](
          std::span<const std::optional<Scalar>> literals) -> Result<std::shared_ptr<KernelState>> {
        if (literals.size() < 2 || !literals[1] || literals[1]->is_null())
          return std::shared_ptr<KernelState>();
        if (literals.size() > 2 && !literals[2]) return std::shared_ptr<KernelState>();
        ASSIGN_OR_RETURN(char escape, EscapeChar(literals.size() > 2 ? literals[2] : std::nullopt));
        auto state = std::make_shared<LikeState>();
        ASSIGN_OR_RETURN(state->matcher,
                         LikeMatcher::Make(literals[1]->string_value(), case_insensitive, escape));
        return std::shared_ptr<KernelState>(std::move(state));
      };
}

Result<Datum> ExecLike(bool case_insensitive, bool negate, KernelContext& ctx,
                       std::span<const Datum> args, int64_t rows) {
  const Datum& input = args[0];
  const Datum& pattern = args[1];
  std::optional<Scalar> escape_literal;
  if (args.size() > 2) {
    if (!args[2].is_scalar()) return Status::NotImplemented("LIKE ESCAPE must be a constant");
    escape_literal = args[2].scalar();
  }
  ASSIGN_OR_RETURN(char escape, EscapeChar(escape_literal));
  if (pattern.is_scalar()) {
    if (pattern.scalar().is_null()) {
      return input.is_scalar() ? Datum(Scalar::Null(DataType::Boolean()))
                               : Datum(MakeNullArray(DataType::Boolean(), rows));
    }
    const auto* state = dynamic_cast<const LikeState*>(ctx.state);
    std::unique_ptr<LikeMatcher> local;
    const LikeMatcher* matcher = state ? state->matcher.get() : nullptr;
    if (matcher == nullptr) {
      ASSIGN_OR_RETURN(
          local, LikeMatcher::Make(pattern.scalar().string_value(), case_insensitive, escape));
      matcher = local.get();
    }
    return ExecStringPredicate(
        ctx, input, rows, [&](std::string_view s) { return matcher->Matches(s) != negate; },
        state ? &state->dictionary_tables : nullptr);
  }
  // A pattern per row: recompile only when it changes.
  ASSIGN_OR_RETURN(Array strings, ToArray(input, rows, ctx.pool));
  const Datum both[] = {Datum(strings), pattern};
  ASSIGN_OR_RETURN(OutputValidity validity, IntersectValidity(ctx.pool, both, rows));
  StringReader values(strings);
  StringArray patterns(pattern.array());
  std::vector<uint8_t> bytes(static_cast<size_t>(rows), 0);
  std::string last_pattern;
  std::unique_ptr<LikeMatcher> matcher;
  const uint8_t* valid = validity.bitmap ? validity.bitmap->data() : nullptr;
  for (int64_t i = 0; i < rows; ++i) {
    if (valid != nullptr && !bit_util::GetBit(valid, i)) continue;
    std::string_view p = patterns.Value(i);
    if (!matcher || p != last_pattern) {
      ASSIGN_OR_RETURN(matcher, LikeMatcher::Make(p, case_insensitive, escape));
      last_pattern.assign(p);
    }
    bytes[i] = matcher->Matches(values[i]) != negate;
  }
  ASSIGN_OR_RETURN(MutableBuffer bits, AllocateBitmap(ctx.pool, rows));
  PackBytesToBits(bytes.data(), rows, bits.data);
  return Datum(MakeBooleanArray(rows, bits.buffer, validity));
}

void AddLike(FunctionRegistry& registry, const char* name, const char* description,
             bool case_insensitive, bool negate) {
  ScalarFunction function;
  function.name = name;
  function.description = description;
  for (bool dictionary : {true, false}) {
    for (bool with_escape : {false, true}) {
      ScalarKernel kernel;
      kernel.inputs = {dictionary ? TypeMatcher::StringDictionary() : TypeMatcher::AnyString(),
                       TypeMatcher::AnyString()};
      if (with_escape) kernel.inputs.push_back(TypeMatcher::AnyString());
      kernel.output = FixedOutput(DataType::Boolean());
      kernel.init = MakeInit(case_insensitive);
      kernel.exec = [case_insensitive, negate](KernelContext& ctx, std::span<const Datum> args,
                                               int64_t rows) {
        return ExecLike(case_insensitive, negate, ctx, args, rows);
      };
      function.kernels.push_back(std::move(kernel));
    }
  }
  registry.AddScalar(std::move(function));
}

}  // namespace

void RegisterLikeFunctions(FunctionRegistry& registry) {
  AddLike(registry, "like", "s LIKE pattern", false, false);
  AddLike(registry, "ilike", "s ILIKE pattern (case-insensitive)", true, false);
  AddLike(registry, "not_like", "s NOT LIKE pattern", false, true);
  AddLike(registry, "not_ilike", "s NOT ILIKE pattern", true, true);
}

}  // namespace function_internal
}  // namespace quiver
