// Conditional functions: coalesce (aliases ifnull, nvl), nullif, nvl2, greatest, least,
// if_else (the eager CASE; see selection.h for the lazy evaluation the evaluator does).
//
// Arguments are coerced to their common type (CommonType); a kernel matches any types and
// casts to the resolved output type itself, so dictionaries sharing a dictionary stay
// dictionary-encoded (only their indices move).
//   coalesce(a, b, ...): the first non-null argument per row.
//   nullif(a, b): null where a = b, else a.
//   nvl2(a, b, c): b where a is not null, else c.
//   greatest/least(a, b, ...): the largest/smallest non-null argument (null only if all
//     are null), as DataFusion and PostgreSQL do. Floats: NaN is the largest.
//   if_else(cond, a, b): a where cond is true, b where it is false or null.
#include "function/comparison_internal.h"
#include "function/function_list_internal.h"
#include "function/function_registry.h"
#include "function/selection_internal.h"

namespace quiver {
namespace function_internal {
namespace {

Result<DataType> FoldCommonType(std::span<const DataType> types, size_t first, const char* name) {
  if (types.size() <= first)
    return Status::InvalidArgument("{} needs at least one value argument", name);
  DataType common = types[first];
  for (size_t i = first + 1; i < types.size(); ++i) {
    std::optional<DataType> next = CommonType(common, types[i]);
    if (!next) {
      return Status::InvalidArgument("{}: incompatible argument types {} and {}", name,
                                     common.ToString(), types[i].ToString());
    }
    common = *next;
  }
  return common;
}

// Casts args[first..] to `type`.
Result<std::vector<Datum>> CastAll(KernelContext& ctx, std::span<const Datum> args, size_t first,
                                   const DataType& type) {
  std::vector<Datum> out(args.begin(), args.end());
  for (size_t i = first; i < out.size(); ++i) {
    if (out[i].type() != type && out[i].type().id() != TypeId::kNull) {
      ASSIGN_OR_RETURN(out[i], Cast(ctx, out[i], type));
    }
  }
  return out;
}

// Runs an array kernel on all-scalar arguments as one-row arrays; returns the scalar.
template <typename ArrayExec>
Result<Datum> OnScalars(KernelContext& ctx, std::span<const Datum> args, ArrayExec exec) {
  std::vector<Datum> arrays;
  for (const Datum& arg : args) {
    ASSIGN_OR_RETURN(Array one, ArrayFromScalar(arg.scalar(), 1, ctx.pool));
    arrays.push_back(Datum(std::move(one)));
  }
  ASSIGN_OR_RETURN(Array result, exec(std::span<const Datum>(arrays), int64_t{1}));
  ASSIGN_OR_RETURN(Scalar scalar, ScalarAt(result, 0));
  return Datum(std::move(scalar));
}

// Valid bits of a datum from bit 0 (padded).
Result<std::vector<uint8_t>> ValidBits(const Datum& d, int64_t rows, MemoryPool* pool) {
  ASSIGN_OR_RETURN(BooleanWords words, LoadBooleanWords(d, rows, pool));
  std::vector<uint8_t> bits(words.validity.size() * 8 + 8, 0);
  if (!words.validity.empty())
    std::memcpy(bits.data(), words.validity.data(), words.validity.size() * 8);
  return bits;
}

Result<Array> CoalesceArrays(KernelContext& ctx, std::span<const Datum> args, int64_t rows,
                             const DataType& type) {
  Datum current = args[0];
  for (size_t k = 1; k < args.size(); ++k) {
    if (current.is_scalar() && current.scalar().is_valid()) break;
    if (current.is_array() && LogicalNullCount(current.array()) == 0) break;
    ASSIGN_OR_RETURN(std::vector<uint8_t> keep, ValidBits(current, rows, ctx.pool));
    ASSIGN_OR_RETURN(Array merged,
                     ZipByMask(keep.data(), current, args[k], rows, false, type, ctx.pool));
    current = Datum(std::move(merged));
  }
  if (current.is_array() && current.type() == type) return current.array();
  if (current.is_scalar())
    return ArrayFromScalar(current.scalar().is_null() ? Scalar::Null(type) : current.scalar(), rows,
                           ctx.pool);
  return MakeNullArray(type, rows);
}

Result<Datum> ExecCoalesce(KernelContext& ctx, std::span<const Datum> raw_args, int64_t rows) {
  std::vector<DataType> types;
  for (const Datum& arg : raw_args) types.push_back(arg.type());
  ASSIGN_OR_RETURN(DataType type, FoldCommonType(types, 0, "coalesce"));
  ASSIGN_OR_RETURN(std::vector<Datum> args, CastAll(ctx, raw_args, 0, type));
  if (AllScalars(args)) {
    for (const Datum& arg : args) {
      if (arg.scalar().is_valid()) return arg;
    }
    return Datum(Scalar::Null(type));
  }
  ASSIGN_OR_RETURN(Array out, CoalesceArrays(ctx, args, rows, type));
  return Datum(std::move(out));
}

Result<Datum> ExecNullIf(KernelContext& ctx, std::span<const Datum> raw_args, int64_t rows) {
  std::vector<DataType> types = {raw_args[0].type(), raw_args[1].type()};
  ASSIGN_OR_RETURN(DataType type, FoldCommonType(types, 0, "nullif"));
  ASSIGN_OR_RETURN(std::vector<Datum> args, CastAll(ctx, raw_args, 0, type));
  auto run = [&](std::span<const Datum> a, int64_t n) -> Result<Array> {
    if (a[0].type().id() == TypeId::kNull) return MakeNullArray(type, n);
    Datum b = a[1];
    ASSIGN_OR_RETURN(Datum eq, CompareDatums(CompareOp::kEq, ctx, a[0], b, n));
    ASSIGN_OR_RETURN(Array eq_array, ToArray(eq, n, ctx.pool));
    ASSIGN_OR_RETURN(std::vector<uint8_t> equal, TrueBits(eq_array, /*invert=*/true, ctx.pool));
    return ZipByMask(equal.data(), a[0], Datum(Scalar::Null(type)), n, false, type, ctx.pool);
  };
  if (AllScalars(args)) return OnScalars(ctx, args, run);
  ASSIGN_OR_RETURN(Array out, run(args, rows));
  return Datum(std::move(out));
}

Result<Datum> ExecExtremum(bool greatest, KernelContext& ctx, std::span<const Datum> raw_args,
                           int64_t rows) {
  std::vector<DataType> types;
  for (const Datum& arg : raw_args) types.push_back(arg.type());
  ASSIGN_OR_RETURN(DataType type, FoldCommonType(types, 0, greatest ? "greatest" : "least"));
  ASSIGN_OR_RETURN(std::vector<Datum> args, CastAll(ctx, raw_args, 0, type));
  auto run = [&](std::span<const Datum> a, int64_t n) -> Result<Array> {
    Datum current = a[0];
    for (size_t k = 1; k < a.size(); ++k) {
      const Datum& next = a[k];
      if (next.type().id() == TypeId::kNull || (next.is_scalar() && next.scalar().is_null()))
        continue;
      if (current.type().id() == TypeId::kNull ||
          (current.is_scalar() && current.scalar().is_null())) {
        current = next;
        continue;
      }
      // Take `next` where it is valid and (current is null or next beats current).
      ASSIGN_OR_RETURN(std::vector<uint8_t> next_valid, ValidBits(next, n, ctx.pool));
      ASSIGN_OR_RETURN(std::vector<uint8_t> current_valid, ValidBits(current, n, ctx.pool));
      Datum lhs = next, rhs = current;
      Datum lhs_array = lhs, rhs_array = rhs;
      if (lhs.is_scalar() && rhs.is_scalar()) {
        ASSIGN_OR_RETURN(Array one, ArrayFromScalar(lhs.scalar(), n, ctx.pool));
        lhs_array = Datum(std::move(one));
      }
      ASSIGN_OR_RETURN(BufferPtr beats, CompareBits(greatest ? CompareOp::kGt : CompareOp::kLt, ctx,
                                                    lhs_array, rhs_array, n));
      std::vector<uint8_t> take(next_valid.size(), 0);
      int64_t bytes = bit_util::BytesForBits(n);
      for (int64_t j = 0; j < bytes; ++j) {
        take[j] = static_cast<uint8_t>(next_valid[j] & (~current_valid[j] | beats->data()[j]));
      }
      ASSIGN_OR_RETURN(Array merged,
                       ZipByMask(take.data(), next, current, n, false, type, ctx.pool));
      current = Datum(std::move(merged));
    }
    if (current.is_array() && current.type() == type) return current.array();
    if (current.is_scalar() && current.scalar().is_valid())
      return ArrayFromScalar(current.scalar(), n, ctx.pool);
    return MakeNullArray(type, n);
  };
  if (AllScalars(args)) return OnScalars(ctx, args, run);
  ASSIGN_OR_RETURN(Array out, run(args, rows));
  return Datum(std::move(out));
}

// if_else(cond, a, b) and nvl2(x, a, b): `choose` gives the rows taking `a`.
Result<Datum> ExecChoose(bool by_validity, KernelContext& ctx, std::span<const Datum> raw_args,
                         int64_t rows) {
  std::vector<DataType> types = {raw_args[1].type(), raw_args[2].type()};
  ASSIGN_OR_RETURN(DataType type, FoldCommonType(types, 0, by_validity ? "nvl2" : "if_else"));
  ASSIGN_OR_RETURN(std::vector<Datum> args, CastAll(ctx, raw_args, 1, type));
  auto run = [&](std::span<const Datum> a, int64_t n) -> Result<Array> {
    std::vector<uint8_t> choose;
    if (by_validity) {
      ASSIGN_OR_RETURN(choose, ValidBits(a[0], n, ctx.pool));
    } else {
      ASSIGN_OR_RETURN(Array cond, ToArray(a[0], n, ctx.pool));
      if (cond.type().id() == TypeId::kNull) {
        choose.assign(static_cast<size_t>(bit_util::BytesForBits(n)) + 8, 0);
      } else {
        ASSIGN_OR_RETURN(choose, TrueBits(cond, false, ctx.pool));
      }
    }
    return ZipByMask(choose.data(), a[1], a[2], n, false, type, ctx.pool);
  };
  if (AllScalars(args)) return OnScalars(ctx, args, run);
  ASSIGN_OR_RETURN(Array out, run(args, rows));
  return Datum(std::move(out));
}

OutputTypeResolver CommonOutput(size_t first, const char* name) {
  return
      [first, name](std::span<const DataType> types) { return FoldCommonType(types, first, name); };
}

void Add(FunctionRegistry& registry, const char* name, const char* description,
         std::vector<TypeMatcher> inputs, bool variadic, OutputTypeResolver output,
         ScalarKernelExec exec, std::vector<std::string> aliases = {}) {
  ScalarFunction function;
  function.name = name;
  function.description = description;
  ScalarKernel kernel;
  kernel.inputs = std::move(inputs);
  kernel.variadic = variadic;
  kernel.output = std::move(output);
  kernel.exec = std::move(exec);
  kernel.null_handling = NullHandling::kComputedByKernel;
  function.kernels.push_back(std::move(kernel));
  registry.AddScalar(std::move(function), std::move(aliases));
}

}  // namespace

void RegisterConditionalFunctions(FunctionRegistry& registry) {
  TypeMatcher any = TypeMatcher::Any();
  Add(registry, "coalesce", "the first non-null argument", {any, any}, true,
      CommonOutput(0, "coalesce"), ExecCoalesce, {"ifnull", "nvl"});
  Add(registry, "nullif", "null if a = b, else a", {any, any}, false, CommonOutput(0, "nullif"),
      ExecNullIf);
  Add(registry, "nvl2", "b if a is not null, else c", {any, any, any}, false,
      CommonOutput(1, "nvl2"), [](KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
        return ExecChoose(true, ctx, args, rows);
      });
  Add(registry, "greatest", "the largest non-null argument", {any, any}, true,
      CommonOutput(0, "greatest"),
      [](KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
        return ExecExtremum(true, ctx, args, rows);
      });
  Add(registry, "least", "the smallest non-null argument", {any, any}, true,
      CommonOutput(0, "least"), [](KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
        return ExecExtremum(false, ctx, args, rows);
      });
  Add(registry, "if_else", "a where cond is true, else b (CASE WHEN cond THEN a ELSE b END)",
      {TypeMatcher::Exact(DataType::Boolean()), any, any}, false, CommonOutput(1, "if_else"),
      [](KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
        return ExecChoose(false, ctx, args, rows);
      });
}

}  // namespace function_internal
}  // namespace quiver
