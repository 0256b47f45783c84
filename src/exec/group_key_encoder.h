#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "columnar/record_batch.h"
#include "exec/exec_context.h"
#include "plan/expr.h"

namespace quiver {

// Turns one GROUP BY expression into 64-bit codes per row (equal values, equal codes)
// and back into values for the output. Encoders with per-worker state (string interning)
// are cloned per worker; Translate maps a worker's codes into the combined encoder's.
// Not thread-safe.
class GroupKeyEncoder {
 public:
  virtual ~GroupKeyEncoder() = default;

  // Chooses the encoder for `expr`: tags (dictionaries) and strings are interned;
  // date_bin(<fixed interval>, time[, origin]) is computed directly from the timestamps
  // (no date_bin kernel call, no intermediate array); other types use their bits.
  static Result<std::unique_ptr<GroupKeyEncoder>> Make(const ExprPtr& expr);

  // Fills codes[i] and nulls[i] for every row of `batch`; sets *any_null.
  virtual Status Encode(const RecordBatch& batch, ExecContext& ctx, std::vector<uint64_t>* codes,
                        std::vector<uint8_t>* nulls, bool* any_null) = 0;
  // This encoder's code in `combined` (an encoder of the same kind).
  virtual uint64_t Translate(uint64_t code, GroupKeyEncoder& combined) = 0;
  // The output column for per-group codes (nulls[i] != 0: null).
  virtual Result<Array> Decode(std::span<const uint64_t> codes, std::span<const uint8_t> nulls,
                               ExecContext& ctx) = 0;
  // A fresh encoder of the same kind and expression, without accumulated state.
  virtual std::unique_ptr<GroupKeyEncoder> Clone() const = 0;
  virtual std::string Describe() const = 0;
};

}  // namespace quiver
