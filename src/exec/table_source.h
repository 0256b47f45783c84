#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "columnar/record_batch.h"
#include "exec/exec_context.h"
#include "plan/logical_plan.h"

namespace quiver {

// One unit of scan work. Either already materialised (`batch`) or loaded on demand by a
// worker thread (`load`, e.g. reading a Parquet row group). The batch holds the columns
// of ScanSpec::projection, in that order; it may contain rows the scan's filters reject
// (the scan operator applies them) but never lacks a row that passes them.
struct Morsel {
  RecordBatchPtr batch;
  std::function<Result<RecordBatchPtr>()> load;

  Result<RecordBatchPtr> Get() const { return batch ? Result<RecordBatchPtr>(batch) : load(); }
};

// The data behind one table. Implemented by db/ for user tables (write buffer + Parquet
// files, deduplicated) and for system and information_schema tables.
// Thread-safety: Scan may be called concurrently; returned morsels may be loaded from
// any thread.
class TableSource {
 public:
  virtual ~TableSource() = default;
  // Plans the scan: returns the morsels covering every row that can satisfy
  // spec.time_range and spec.tag_predicates (sources prune with them; they need not be
  // exact). A consistent snapshot is taken here: rows written afterwards are not seen.
  virtual Result<std::vector<Morsel>> Scan(const ScanSpec& spec, ExecContext& ctx) = 0;
  // Free-form detail for EXPLAIN (e.g. "chunks=3 files=2 pruned=5").
  virtual std::string Describe() const { return ""; }
};

// Finds the source of a table named in a plan (one per query).
class TableSourceProvider {
 public:
  virtual ~TableSourceProvider() = default;
  virtual Result<std::shared_ptr<TableSource>> GetSource(const TableRef& table) = 0;
};

}  // namespace quiver
