#pragma once

#include <memory>
#include <string>

#include "buffer/write_buffer.h"
#include "exec/table_source.h"

namespace quiver {

// A user table's rows as the engine scans them: the write buffer's (deduplicated) chunks,
// pruned by time range and by tag predicates (a chunk whose tag dictionary holds none of
// the wanted values is skipped without reading a row), projected without copying.
class BufferTableSource final : public TableSource {
 public:
  BufferTableSource(const WriteBuffer* buffer, DbId db, TableId table) : buffer_(buffer), db_(db), table_(table) {}

  Result<std::vector<Morsel>> Scan(const ScanSpec& spec, ExecContext& ctx) override;
  std::string Describe() const override;

 private:
  const WriteBuffer* buffer_;
  DbId db_;
  TableId table_;
  // Statistics of the last Scan, for EXPLAIN.
  int64_t chunks_scanned_ = 0;
  int64_t chunks_pruned_ = 0;
};

}  // namespace quiver
