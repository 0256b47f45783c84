#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/status.h"

namespace quiver {

// Where Quiver keeps everything that outlives a process except the WAL's own bytes:
// the catalog log and checkpoints, snapshot manifests and Parquet files.
//
// Keys are relative '/'-separated paths ("node0/catalog/v3/logs/00000000000000000042.catalog").
// A valid key is non-empty, at most kMaxObjectKeyLength bytes, has no leading or trailing
// '/', no empty segment, and no segment that starts with '.' ("." and ".." included: names
// starting with a dot are reserved for a backend's temporary files). See object_key.h.
//
// Layout rule: everything a node writes lives under the prefix `<node-id>/`, so several
// nodes can share one store and a node's data can be copied or deleted as one tree. The
// folders below that prefix (catalog/, wal/, dbs/, snapshots/ ...) are documented by the
// modules that own them, following InfluxDB 3 Core's layout so that third-party tools can
// read the Parquet files in place.
//
// Contracts every backend keeps:
// - Put is atomic: a reader sees the old object or the new one, never a mix, and once Put
//   returns OK the object survives a crash.
// - PutIfAbsent is an atomic create-only Put: if the key exists it returns AlreadyExists
//   and changes nothing; of many concurrent callers for one key exactly one succeeds. The
//   catalog commits its log this way (optimistic concurrency).
// - A missing key is NotFound (message "object not found: <key>"); an invalid key is
//   InvalidArgument naming the key; backend failures are IOError.
// - Delete of a missing key is OK (as in S3), and so is deleting twice.
//
// Thread-safety: every implementation is safe to call from any number of threads.
class ObjectStore {
 public:
  struct ObjectMeta {
    std::string key;
    uint64_t size = 0;
    int64_t last_modified_nanos = 0;  // ns since the Unix epoch
  };

  virtual ~ObjectStore() = default;
  ObjectStore(const ObjectStore&) = delete;
  ObjectStore& operator=(const ObjectStore&) = delete;

  virtual Status Put(std::string_view key, std::string_view bytes) = 0;
  virtual Status PutIfAbsent(std::string_view key, std::string_view bytes) = 0;

  virtual Result<std::string> Get(std::string_view key) = 0;

  // Bytes [offset, offset + length) of the object, cut short at its end. An offset past
  // the end is OutOfRange; an offset equal to the size gives an empty string.
  virtual Result<std::string> GetRange(std::string_view key, uint64_t offset, uint64_t length) = 0;

  // Size and modification time, without reading the object.
  virtual Result<ObjectMeta> Head(std::string_view key) = 0;

  virtual Status Delete(std::string_view key) = 0;

  // Every object whose key starts with `prefix` (a plain string prefix: "a/b" matches
  // "a/b/c" and "a/bc"), sorted by key. "" lists everything. An invalid prefix (one that
  // could not start a valid key, such as "/x" or "a/../") is InvalidArgument.
  virtual Result<std::vector<ObjectMeta>> List(std::string_view prefix) = 0;

  // "file:///data/dir" or "memory:", for logs.
  virtual std::string Describe() const = 0;

 protected:
  ObjectStore() = default;
};

using ObjectMeta = ObjectStore::ObjectMeta;

}  // namespace quiver
