// String search and assembly:
//   concat(a, ...): any types (cast to Utf8), nulls skipped, never null
//   concat_ws(sep, a, ...): null if sep is null; null arguments skipped
//   replace(s, from, to): every occurrence (from = '' leaves s unchanged)
//   starts_with(s, prefix), ends_with(s, suffix), contains(s, sub) -> Boolean
//   strpos / instr / position(s, sub) -> Int32: 1-based character position, 0 if absent
//   split_part(s, delimiter, n): the n-th field (1-based; n < 0 counts from the end; n = 0
//     is an error); an empty delimiter makes s the only field
// Predicates with a literal second argument on a string dictionary test each entry once.
#include "function/function_list_internal.h"
#include "function/string_kernels_internal.h"

namespace quiver {
namespace function_internal {
namespace {

Result<Datum> ExecConcat(bool with_separator, KernelContext& ctx, std::span<const Datum> raw_args,
                         int64_t rows) {
  std::vector<Datum> args(raw_args.begin(), raw_args.end());
  for (Datum& arg : args) {
    if (arg.type().id() != TypeId::kUtf8 && arg.type().id() != TypeId::kNull) {
      ASSIGN_OR_RETURN(arg, Cast(ctx, arg, DataType::Utf8()));
    }
  }
  bool scalar = AllScalars(args);
  int64_t n = scalar ? 1 : rows;
  std::vector<Array> arrays;
  for (const Datum& arg : args) {
    ASSIGN_OR_RETURN(Array array, ToArray(arg, n, ctx.pool));
    arrays.push_back(std::move(array));
  }
  std::vector<std::optional<StringReader>> readers;
  for (const Array& array : arrays) {
    if (array.type().id() == TypeId::kUtf8) {
      readers.emplace_back(array);
    } else {
      readers.emplace_back(std::nullopt);  // Null type: every row null
    }
  }
  StringBuilder builder(DataType::Utf8(), ctx.pool);
  RETURN_NOT_OK(builder.Reserve(n));
  std::string out;
  size_t first_value = with_separator ? 1 : 0;
  for (int64_t i = 0; i < n; ++i) {
    out.clear();
    if (with_separator && (!readers[0] || arrays[0].IsNull(i))) {
      RETURN_NOT_OK(builder.AppendNull());
      continue;
    }
    bool first = true;
    for (size_t k = first_value; k < arrays.size(); ++k) {
      if (!readers[k] || arrays[k].IsNull(i)) continue;
      if (with_separator && !first) out.append((*readers[0])[i]);
      out.append((*readers[k])[i]);
      first = false;
    }
    RETURN_NOT_OK(builder.Append(out));
  }
  ASSIGN_OR_RETURN(Array array, builder.Finish());
  if (scalar) {
    ASSIGN_OR_RETURN(Scalar s, ScalarAt(array, 0));
    return Datum(std::move(s));
  }
  return Datum(std::move(array));
}

Result<Datum> ExecReplace(KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  StringArg s(args[0]), from(args[1]), to(args[2]);
  return MapRowsToString(ctx, args, rows, [&](int64_t i, std::string& out) -> Status {
    std::string_view text = s[i], needle = from[i], replacement = to[i];
    if (needle.empty()) {
      out.assign(text);
      return Status::OK();
    }
    size_t pos = 0;
    while (true) {
      size_t hit = text.find(needle, pos);
      if (hit == std::string_view::npos) break;
      out.append(text.substr(pos, hit - pos));
      out.append(replacement);
      pos = hit + needle.size();
    }
    out.append(text.substr(pos));
    return Status::OK();
  });
}

enum class Search { kStartsWith, kEndsWith, kContains };

bool Test(Search kind, std::string_view s, std::string_view part) {
  switch (kind) {
    case Search::kStartsWith:
      return s.size() >= part.size() && s.compare(0, part.size(), part) == 0;
    case Search::kEndsWith:
      return s.size() >= part.size() && s.compare(s.size() - part.size(), part.size(), part) == 0;
    case Search::kContains:
      return s.find(part) != std::string_view::npos;
  }
  return false;
}

Result<Datum> ExecSearch(Search kind, KernelContext& ctx, std::span<const Datum> args,
                         int64_t rows) {
  if (args[1].is_scalar() && args[1].scalar().is_valid()) {
    std::string part = args[1].scalar().string_value();
    return ExecStringPredicate(ctx, args[0], rows,
                               [&](std::string_view s) { return Test(kind, s, part); });
  }
  StringArg s(args[0]), part(args[1]);
  return MapRowsToFixed<bool>(ctx, args, rows, DataType::Boolean(),
                              [&](int64_t i) { return Test(kind, s[i], part[i]); });
}

Result<Datum> ExecStrpos(KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  StringArg s(args[0]), sub(args[1]);
  return MapRowsToFixed<int32_t>(ctx, args, rows, DataType::Int32(), [&](int64_t i) -> int32_t {
    std::string_view text = s[i];
    size_t hit = text.find(sub[i]);
    if (hit == std::string_view::npos) return 0;
    return static_cast<int32_t>(CharCount(text.substr(0, hit)) + 1);
  });
}

Result<Datum> ExecSplitPart(KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  StringArg s(args[0]), delimiter(args[1]);
  IntArg n(args[2]);
  return MapRowsToString(ctx, args, rows, [&](int64_t i, std::string& out) -> Status {
    int64_t field = n[i];
    if (field == 0) return Status::InvalidArgument("split_part: field position must not be zero");
    std::string_view text = s[i], delim = delimiter[i];
    std::vector<std::string_view> parts;
    if (delim.empty()) {
      parts.push_back(text);
    } else {
      size_t pos = 0;
      while (true) {
        size_t hit = text.find(delim, pos);
        if (hit == std::string_view::npos) {
          parts.push_back(text.substr(pos));
          break;
        }
        parts.push_back(text.substr(pos, hit - pos));
        pos = hit + delim.size();
      }
    }
    int64_t count = static_cast<int64_t>(parts.size());
    int64_t index = field > 0 ? field - 1 : count + field;
    if (index >= 0 && index < count) out.assign(parts[static_cast<size_t>(index)]);
    return Status::OK();
  });
}

}  // namespace

void RegisterStringSearchFunctions(FunctionRegistry& registry) {
  TypeMatcher str = TypeMatcher::AnyString();
  TypeMatcher any = TypeMatcher::Any();

  ScalarFunction concat;
  concat.name = "concat";
  concat.description = "concatenation; null arguments are skipped";
  ScalarKernel concat_kernel;
  concat_kernel.inputs = {any, any};
  concat_kernel.variadic = true;
  concat_kernel.output = FixedOutput(DataType::Utf8());
  concat_kernel.null_handling = NullHandling::kComputedByKernel;
  concat_kernel.exec = [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
    return ExecConcat(false, ctx, a, n);
  };
  concat.kernels.push_back(std::move(concat_kernel));
  registry.AddScalar(std::move(concat));

  ScalarFunction concat_ws;
  concat_ws.name = "concat_ws";
  concat_ws.description = "concat_ws(separator, a, ...): null arguments are skipped";
  ScalarKernel ws_kernel;
  ws_kernel.inputs = {str, any};
  ws_kernel.variadic = true;
  ws_kernel.output = FixedOutput(DataType::Utf8());
  ws_kernel.null_handling = NullHandling::kComputedByKernel;
  ws_kernel.exec = [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
    return ExecConcat(true, ctx, a, n);
  };
  concat_ws.kernels.push_back(std::move(ws_kernel));
  registry.AddScalar(std::move(concat_ws));

  AddStringFunction(registry, "replace", "replace(s, from, to): every occurrence", {str, str},
                    FixedOutput(DataType::Utf8()), ExecReplace);
  AddStringFunction(registry, "starts_with", "s starts with prefix", {str},
                    FixedOutput(DataType::Boolean()),
                    [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                      return ExecSearch(Search::kStartsWith, ctx, a, n);
                    });
  AddStringFunction(registry, "ends_with", "s ends with suffix", {str},
                    FixedOutput(DataType::Boolean()),
                    [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                      return ExecSearch(Search::kEndsWith, ctx, a, n);
                    });
  AddStringFunction(registry, "contains", "s contains sub", {str}, FixedOutput(DataType::Boolean()),
                    [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                      return ExecSearch(Search::kContains, ctx, a, n);
                    });
  AddStringFunction(registry, "strpos", "1-based character position of sub in s, 0 if absent",
                    {str}, FixedOutput(DataType::Int32()), ExecStrpos, {"instr", "position"});
  AddStringFunction(registry, "split_part", "split_part(s, delimiter, n)",
                    {str, TypeMatcher::Exact(DataType::Int64())}, FixedOutput(DataType::Utf8()),
                    ExecSplitPart);
}

}  // namespace function_internal
}  // namespace quiver
