#pragma once

#include <memory>
#include <vector>

#include "base/result.h"
#include "columnar/record_batch.h"

namespace quiver {

// A pull-based sequence of record batches sharing one schema: what an IPC stream
// reader, an imported ArrowArrayStream or a query result yields, and what an exported
// ArrowArrayStream pulls from.
//
// Next() returns the next batch, nullptr once the sequence is exhausted (and on every
// later call), or an error. Implementations are not thread-safe: one consumer at a time.
class RecordBatchReader {
 public:
  virtual ~RecordBatchReader() = default;

  virtual SchemaPtr schema() const = 0;
  virtual Result<RecordBatchPtr> Next() = 0;

  // Reads every remaining batch.
  Result<std::vector<RecordBatchPtr>> ReadAll() {
    std::vector<RecordBatchPtr> batches;
    while (true) {
      ASSIGN_OR_RETURN(RecordBatchPtr batch, Next());
      if (batch == nullptr) return batches;
      batches.push_back(std::move(batch));
    }
  }
};

// A reader over batches already in memory. REQUIRES: every batch has `schema`'s types.
std::unique_ptr<RecordBatchReader> MakeVectorRecordBatchReader(SchemaPtr schema,
                                                               std::vector<RecordBatchPtr> batches);

}  // namespace quiver
