#pragma once

// Comparison building blocks shared by comparison.cc, in_list.cc and conditional.cc.
//
// `cache` (optional) keeps the per-dictionary tables of a dictionary compared with a
// string scalar across batches; pass it only when the scalar is the call site's literal
// (the one the cache was made for).

#include "function/kernel_internal.h"
#include "function/simd_kernels_internal.h"

namespace quiver::function_internal {

// The value bits (offset 0, `rows` bits) of a <op> b, ignoring validity (null rows hold
// arbitrary bits). `a` and `b` have types one comparison kernel accepts (equal types,
// Int64/UInt64 mixes, string dictionaries with Utf8). At least one is an array.
Result<BufferPtr> CompareBits(CompareOp op, KernelContext& ctx, const Datum& a, const Datum& b,
                              int64_t rows, const DictionaryLutCache* cache = nullptr);

// a <op> b with SQL semantics (null if either side is null). Scalars in, scalar out.
Result<Datum> CompareDatums(CompareOp op, KernelContext& ctx, const Datum& a, const Datum& b,
                            int64_t rows, const DictionaryLutCache* cache = nullptr);

// a IS NOT DISTINCT FROM b (`distinct` false) or a IS DISTINCT FROM b: never null.
Result<Datum> DistinctDatums(bool distinct, KernelContext& ctx, const Datum& a, const Datum& b,
                             int64_t rows);

}  // namespace quiver::function_internal
