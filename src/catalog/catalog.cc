#include "catalog/catalog.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/logging.h"
#include "base/uuid.h"
#include "catalog/catalog_checkpoint.h"
#include "catalog/catalog_op.h"
#include "objectstore/object_store.h"

namespace quiver {

namespace {
constexpr std::string_view kLogSuffix = ".json";
}  // namespace

Catalog::Catalog(ObjectStore* store, CatalogOptions options, const Clock* clock)
    : store_(store), options_(std::move(options)), clock_(clock) {}

Result<std::unique_ptr<Catalog>> Catalog::Open(ObjectStore* store, CatalogOptions options,
                                               const Clock* clock) {
  std::unique_ptr<Catalog> catalog(new Catalog(store, std::move(options), clock));
  RETURN_NOT_OK(catalog->Load());
  return catalog;
}

std::string Catalog::LogKey(uint64_t sequence) const {
  return fmt::format("{}/catalog/v1/logs/{:020}{}", options_.node_id, sequence, kLogSuffix);
}

std::string Catalog::CheckpointKey() const {
  return fmt::format("{}/catalog/v1/checkpoint.json", options_.node_id);
}

Status Catalog::Load() {
  std::lock_guard commit_lock(commit_mutex_);
  CatalogSnapshotPtr state;
  std::string checkpoint_key = CheckpointKey();
  auto checkpoint = store_->Get(checkpoint_key);
  if (checkpoint.ok()) {
    ASSIGN_OR_RETURN(state, DecodeCatalogCheckpoint(*checkpoint, checkpoint_key));
  } else if (checkpoint.status().IsNotFound()) {
    state = CatalogBuilder::Empty(NewUuidV4()).Build();
  } else {
    return checkpoint.status();
  }
  last_checkpoint_sequence_ = state->sequence();

  std::string prefix = fmt::format("{}/catalog/v1/logs/", options_.node_id);
  ASSIGN_OR_RETURN(auto objects, store_->List(prefix));
  std::vector<std::pair<uint64_t, std::string>> logs;
  for (const auto& object : objects) {
    std::string_view name = std::string_view(object.key).substr(prefix.size());
    if (name.size() != 20 + kLogSuffix.size() || !name.ends_with(kLogSuffix)) {
      LOG_WARN("catalog", "ignoring unexpected file in the catalog log: {}", object.key);
      continue;
    }
    uint64_t sequence = 0;
    for (char c : name.substr(0, 20)) {
      if (c < '0' || c > '9') {
        return Status::Corruption("catalog log file with a malformed name: {}", object.key);
      }
      sequence = sequence * 10 + static_cast<uint64_t>(c - '0');
    }
    if (sequence > state->sequence()) logs.emplace_back(sequence, object.key);
  }
  std::sort(logs.begin(), logs.end());

  CatalogBuilder builder(*state);
  uint64_t expected = state->sequence() + 1;
  for (const auto& [sequence, key] : logs) {
    if (sequence != expected) {
      return Status::Corruption("catalog log is missing commit {} (next file is {})", expected, key);
    }
    ASSIGN_OR_RETURN(std::string bytes, store_->Get(key));
    ASSIGN_OR_RETURN(CatalogCommit commit, DecodeCatalogCommit(bytes, key));
    if (commit.sequence != sequence) {
      return Status::Corruption("{}: holds sequence {}", key, commit.sequence);
    }
    for (const CatalogOp& op : commit.ops) {
      Status status = builder.Apply(op);
      if (!status.ok()) return Status::Corruption("{}: cannot replay: {}", key, status.message());
    }
    builder.set_sequence(sequence);
    ++expected;
  }
  CatalogSnapshotPtr loaded = builder.Build();
  LOG_INFO("catalog", "loaded catalog {} at sequence {} ({} databases, {} log commits replayed)",
           loaded->catalog_id(), loaded->sequence(), loaded->num_live_databases(), logs.size());
  if (!checkpoint.ok() && loaded->sequence() == 0) {
    // A brand-new catalog: persist its identity right away so the id is stable.
    RETURN_NOT_OK(WriteCheckpoint(*loaded));
  }
  std::lock_guard lock(snapshot_mutex_);
  snapshot_ = std::move(loaded);
  return Status::OK();
}

CatalogSnapshotPtr Catalog::snapshot() const {
  std::lock_guard lock(snapshot_mutex_);
  return snapshot_;
}

Result<CatalogSnapshotPtr> Catalog::Commit(
    const std::function<Status(CatalogTransaction&)>& prepare) {
  std::lock_guard commit_lock(commit_mutex_);
  CatalogSnapshotPtr base = snapshot();
  CatalogTransaction transaction(*base, options_.limits, clock_);
  RETURN_NOT_OK(prepare(transaction));
  if (transaction.empty()) return base;

  CatalogCommit commit;
  commit.sequence = base->sequence() + 1;
  commit.time_ns = clock_->NowNanos();
  commit.ops = transaction.ops();
  std::string key = LogKey(commit.sequence);
  Status put = store_->PutIfAbsent(key, EncodeCatalogCommit(commit));
  if (put.IsAlreadyExists()) {
    return Status::Internal("catalog commit {} already exists: is another server using this node id?",
                            key);
  }
  RETURN_NOT_OK(put.WithContext("persisting catalog commit"));

  CatalogBuilder builder(*transaction.Build());
  builder.set_sequence(commit.sequence);
  CatalogSnapshotPtr next = builder.Build();
  {
    std::lock_guard lock(snapshot_mutex_);
    snapshot_ = next;
  }
  if (commit.sequence - last_checkpoint_sequence_ >=
      static_cast<uint64_t>(std::max(1, options_.checkpoint_interval))) {
    // A failed checkpoint is not fatal: the log still holds every commit.
    Status status = WriteCheckpoint(*next);
    if (!status.ok()) LOG_WARN("catalog", "checkpoint failed: {}", status.ToString());
  }
  return next;
}

Status Catalog::WriteCheckpoint(const CatalogSnapshot& snapshot) {
  RETURN_NOT_OK(store_->Put(CheckpointKey(), EncodeCatalogCheckpoint(snapshot))
                    .WithContext("writing catalog checkpoint"));
  // Log files up to the checkpoint are now redundant.
  for (uint64_t sequence = last_checkpoint_sequence_ + 1; sequence <= snapshot.sequence(); ++sequence) {
    Status status = store_->Delete(LogKey(sequence));
    if (!status.ok() && !status.IsNotFound()) {
      LOG_WARN("catalog", "could not delete {}: {}", LogKey(sequence), status.ToString());
    }
  }
  last_checkpoint_sequence_ = snapshot.sequence();
  return Status::OK();
}

}  // namespace quiver
