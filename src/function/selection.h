#pragma once

// Row selection by a Boolean mask, for the expression evaluator (CASE's lazy evaluation)
// and for kernels (if_else, coalesce, nullif, greatest/least).
//
// CASE WHEN c1 THEN e1 [WHEN c2 THEN e2 ...] ELSE e3 END, evaluated lazily over a batch:
//   m  = c1(batch)                          (a null condition counts as false)
//   if CountTrue(m) == rows:  return e1(batch)
//   if CountTrue(m) == 0:     return CASE WHEN c2 ... (batch)
//   t  = e1(FilterByMask(batch columns, m))                  -- only the rows that need it
//   f  = CASE WHEN c2 ... (FilterByMask(batch columns, NOT m))
//   return InterleaveByMask(m, t, f)
// so e1 never sees (and never fails on) rows it does not produce. `if_else(c, a, b)` is
// the eager form for when both branches are cheap and cannot fail.

#include <cstdint>

#include "base/result.h"
#include "columnar/array.h"
#include "function/datum.h"

namespace quiver {

// Number of rows whose mask is true (valid and set). REQUIRES: mask is Boolean.
int64_t CountTrue(const Array& mask);

// The rows of `values` where `mask` is true (null counts as false), in order; `invert`
// selects the rows where the mask is not true instead (false or null). Dictionary arrays
// keep their dictionary. REQUIRES: same length; mask is Boolean.
Result<Array> FilterByMask(const Array& values, const Array& mask, bool invert = false,
                           MemoryPool* pool = DefaultMemoryPool());

// Merges two compacted parts back into mask order: row i is the next row of `when_true`
// if mask[i] is true, else the next row of `when_false` (null mask = false). Scalars stand
// for any number of rows. REQUIRES: when_true has CountTrue(mask) rows and when_false the
// rest (if arrays); both have `type` (Null-typed parts are allowed and give nulls).
Result<Array> InterleaveByMask(const Array& mask, const Datum& when_true, const Datum& when_false,
                               const DataType& type, MemoryPool* pool = DefaultMemoryPool());

// Row i from `when_true` where mask[i] is true, else from `when_false` (both full length
// or scalars). REQUIRES: both have `type` (or Null type).
Result<Array> SelectByMask(const Array& mask, const Datum& when_true, const Datum& when_false,
                           const DataType& type, MemoryPool* pool = DefaultMemoryPool());

}  // namespace quiver
