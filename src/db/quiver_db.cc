#include "db/quiver_db.h"

#include "base/logging.h"
#include "io/mem_file_system.h"
#include "io/posix_file_system.h"
#include "objectstore/object_store_factory.h"

namespace quiver {

Result<std::unique_ptr<QuiverDb>> QuiverDb::Open(DbOptions options, const Clock* clock) {
  std::unique_ptr<QuiverDb> db(new QuiverDb(std::move(options), clock));
  const DbOptions& o = db->options_;
  if (o.object_store == "memory") {
    db->owned_fs_ = std::make_unique<MemFileSystem>(clock);
    db->fs_ = db->owned_fs_.get();
  } else {
    db->fs_ = PosixFileSystem::Default();
  }
  ObjectStoreConfig store_config;
  store_config.type = o.object_store;
  store_config.data_dir = o.data_dir;
  store_config.fs = db->fs_;
  ASSIGN_OR_RETURN(db->store_, MakeObjectStore(store_config));

  CatalogOptions catalog_options;
  catalog_options.node_id = o.node_id;
  catalog_options.limits = o.limits;
  ASSIGN_OR_RETURN(db->catalog_, Catalog::Open(db->store_.get(), catalog_options, clock));

  db->buffer_ = std::make_unique<WriteBuffer>(db->catalog_.get(), o.buffer, clock);
  std::string wal_dir = (o.object_store == "memory" ? std::string("/") : o.data_dir + "/") + o.node_id + "/wal";
  ASSIGN_OR_RETURN(db->wal_, Wal::Open(db->fs_, wal_dir, o.wal, db->buffer_.get()));
  db->buffer_->AttachWal(db->wal_.get());
  LOG_INFO("db", "opened {} (object store {}), {} rows in the write buffer", o.data_dir,
           db->store_->Describe(), db->buffer_->rows_applied());
  return db;
}

QuiverDb::~QuiverDb() {
  Status status = Close();
  if (!status.ok()) LOG_ERROR("db", "closing: {}", status.ToString());
}

Status QuiverDb::Close() {
  if (wal_) return wal_->Close();
  return Status::OK();
}

}  // namespace quiver
