#pragma once

#include <memory>
#include <string>

#include "base/result.h"
#include "columnar/record_batch.h"

namespace quiver {

// A query's result, pulled batch by batch by a server (see QueryExecution for how the
// work is scheduled). Destroying it cancels the query. Not thread-safe, except Cancel.
class QueryResult {
 public:
  virtual ~QueryResult() = default;
  virtual const SchemaPtr& schema() const = 0;
  // The next batch with rows, or nullptr when the result is complete.
  virtual Result<RecordBatchPtr> Next() = 0;
  virtual void Cancel(Status reason) = 0;
};

}  // namespace quiver
