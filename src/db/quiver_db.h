#pragma once

#include <memory>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "buffer/write_buffer.h"
#include "catalog/catalog.h"
#include "db/database_service.h"
#include "db/query_result.h"
#include "exec/exec_context.h"
#include "io/file_system.h"
#include "objectstore/object_store.h"
#include "wal/wal.h"

namespace quiver {

struct DbOptions {
  std::string data_dir = "quiver-data";
  std::string node_id = "quiver";
  std::string object_store = "file";  // "file" or "memory"
  WalOptions wal;
  WriteBufferOptions buffer;
  CatalogLimits limits;
  ExecOptions exec;
};

// The database: owns the object store, the catalog, the WAL and the write buffer, and
// serves writes and queries to the servers. On Open it loads the catalog, then replays
// the WAL into the buffer, so everything acknowledged before a crash is back.
//
// Layout under the data directory (also in the README):
//   <data-dir>/<node-id>/catalog/v1/...   catalog log and checkpoint (object store)
//   <data-dir>/<node-id>/wal/             WAL segment files
//
// Thread-safety: every public method is thread-safe.
class QuiverDb final : public DatabaseService {
 public:
  static Result<std::unique_ptr<QuiverDb>> Open(DbOptions options, const Clock* clock = SystemClock::Default());
  ~QuiverDb() override;
  QuiverDb(const QuiverDb&) = delete;
  QuiverDb& operator=(const QuiverDb&) = delete;

  // Flushes and closes the WAL. Idempotent.
  Status Close();

  Result<WriteOutcome> Write(const WriteRequest& request) override { return buffer_->Write(request); }

  // Plans and starts a SQL query against database `db`. Errors: NotFound "database not
  // found: <db>"; the planner's InvalidArgument/NotImplemented; execution errors come
  // from QueryResult::Next.
  Result<std::unique_ptr<QueryResult>> QuerySql(std::string_view db, std::string_view sql,
                                                const std::map<std::string, Scalar>& params) override;

  Catalog& catalog() override { return *catalog_; }
  WriteBuffer& write_buffer() { return *buffer_; }
  Wal& wal() { return *wal_; }
  ObjectStore& object_store() { return *store_; }
  const DbOptions& options() const { return options_; }
  const Clock* clock() const override { return clock_; }

 private:
  QuiverDb(DbOptions options, const Clock* clock) : options_(std::move(options)), clock_(clock) {}

  const DbOptions options_;
  const Clock* const clock_;
  std::unique_ptr<FileSystem> owned_fs_;  // memory store: an in-memory FS for the WAL
  FileSystem* fs_ = nullptr;
  std::unique_ptr<ObjectStore> store_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<WriteBuffer> buffer_;
  std::unique_ptr<Wal> wal_;
};

}  // namespace quiver
