#pragma once

#include <memory>

#include "base/result.h"
#include "catalog/catalog_op.h"
#include "catalog/catalog_schema.h"

namespace quiver {

// A mutable working copy of a CatalogSnapshot that applies ops one at a time and then
// produces a new immutable snapshot. Unchanged databases and tables are shared with the
// base snapshot (copy-on-write), so applying a small op to a large catalog is cheap.
// Used for log replay and inside transactions. Not thread-safe.
class CatalogBuilder {
 public:
  explicit CatalogBuilder(const CatalogSnapshot& base);
  // An empty catalog with the given identity.
  static CatalogBuilder Empty(std::string catalog_id);

  // Applies one op. Fails (InvalidArgument) if the op does not fit the current state
  // (unknown ids, duplicate names or ids); the state is unchanged on failure.
  Status Apply(const CatalogOp& op);

  const CatalogSnapshot& current() const { return *state_; }
  void set_sequence(uint64_t sequence);

  // The state after every applied op.
  CatalogSnapshotPtr Build() const { return state_; }

 private:
  CatalogBuilder() = default;
  CatalogSnapshot& Mutable();
  std::shared_ptr<DatabaseSchema> MutableDatabase(DbId id);

  Status ApplyOp(const CreateDatabaseOp& op);
  Status ApplyOp(const CreateTableOp& op);
  Status ApplyOp(const AddColumnsOp& op);
  Status ApplyOp(const DeleteDatabaseOp& op);
  Status ApplyOp(const DeleteTableOp& op);
  Status ApplyOp(const SetRetentionOp& op);

  // Copy-on-write: state_ is shared with whoever built it until the next Apply.
  std::shared_ptr<CatalogSnapshot> state_;
};

}  // namespace quiver
