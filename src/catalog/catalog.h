#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "base/thread_annotations.h"
#include "catalog/catalog_schema.h"
#include "catalog/catalog_transaction.h"

namespace quiver {

class ObjectStore;

struct CatalogOptions {
  std::string node_id = "quiver";
  CatalogLimits limits;
  // A checkpoint is written after this many commits since the last one; log files it
  // covers are then deleted.
  int checkpoint_interval = 100;
};

// The catalog: databases, tables and columns, with ids. Persisted in the object store as
// an append-only log of commits plus periodic checkpoints (docs/formats/catalog.md):
//   <node-id>/catalog/v1/checkpoint.json
//   <node-id>/catalog/v1/logs/<20-digit sequence>.json
//
// Thread-safety: snapshot() may be called from any thread at any time and never blocks on
// a commit in progress. Commit() calls are serialized.
//
// Invariants:
//  1. A snapshot is published only after the commit that produced it is durable in the
//     object store, so anything derived from a snapshot (WAL records naming its ids) can
//     rely on the catalog reproducing those ids after a restart.
//  2. Sequence numbers of log files are contiguous from the checkpoint's sequence + 1.
class Catalog {
 public:
  // Loads the catalog of `options.node_id` from `store` (checkpoint, then later log
  // commits), or creates an empty one. `store` and `clock` must outlive the catalog.
  static Result<std::unique_ptr<Catalog>> Open(ObjectStore* store, CatalogOptions options,
                                               const Clock* clock = SystemClock::Default());

  CatalogSnapshotPtr snapshot() const;

  // Runs `prepare` on a transaction over the latest state. If it returns OK and recorded
  // ops, the commit is persisted and published and the new snapshot returned; if it
  // recorded nothing the current snapshot is returned. If `prepare` fails, nothing is
  // changed and its error is returned. `prepare` must not call back into the catalog.
  Result<CatalogSnapshotPtr> Commit(const std::function<Status(CatalogTransaction&)>& prepare);

  const CatalogLimits& limits() const { return options_.limits; }

 private:
  Catalog(ObjectStore* store, CatalogOptions options, const Clock* clock);
  Status Load();
  Status WriteCheckpoint(const CatalogSnapshot& snapshot) REQUIRES(commit_mutex_);
  std::string LogKey(uint64_t sequence) const;
  std::string CheckpointKey() const;

  ObjectStore* const store_;
  const CatalogOptions options_;
  const Clock* const clock_;

  std::mutex commit_mutex_;  // Serializes Commit().
  uint64_t last_checkpoint_sequence_ GUARDED_BY(commit_mutex_) = 0;

  mutable std::mutex snapshot_mutex_;  // Guards only the pointer swap.
  CatalogSnapshotPtr snapshot_ GUARDED_BY(snapshot_mutex_);
};

}  // namespace quiver
