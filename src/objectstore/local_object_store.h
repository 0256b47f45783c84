#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "io/file_system.h"
#include "objectstore/object_store.h"

namespace quiver {

// An ObjectStore in a local directory (`--object-store file --data-dir <root>`): key
// "a/b/c" is the file <root>/a/b/c.
//
// Put writes a temporary file ".tmp.<name>.<n>" in the target's directory, fsyncs it,
// renames it over the target and fsyncs the directory; directories it had to create are
// made durable too (their parents are fsynced). PutIfAbsent does the same with a
// no-replace rename. Temporary files are hidden from List (keys may not start a segment
// with '.'); ones left behind by a crash are harmless and removed by
// RemoveTemporaryFiles(). Delete fsyncs the directory as well, so a deleted object does
// not reappear after a crash. Empty directories are left in place.
//
// A key can never name a path outside the root: keys are validated (no "..", no absolute
// keys, no empty segments) before any file system call.
//
// Thread-safety: thread-safe; concurrent Puts of one key are each atomic, the last rename
// wins.
class LocalObjectStore final : public ObjectStore {
 public:
  // Creates `root` if it does not exist. `fs` must outlive the store.
  static Result<std::unique_ptr<LocalObjectStore>> Make(FileSystem* fs, std::string root);

  Status Put(std::string_view key, std::string_view bytes) override;
  Status PutIfAbsent(std::string_view key, std::string_view bytes) override;
  Result<std::string> Get(std::string_view key) override;
  Result<std::string> GetRange(std::string_view key, uint64_t offset, uint64_t length) override;
  Result<ObjectMeta> Head(std::string_view key) override;
  Status Delete(std::string_view key) override;
  Result<std::vector<ObjectMeta>> List(std::string_view prefix) override;
  std::string Describe() const override;

  // Deletes temporary files left by interrupted Puts. Call at startup once this process
  // owns the data directory (holds its lock) and before any Put: a concurrent Put's
  // temporary file would be deleted under it.
  Status RemoveTemporaryFiles();

  const std::string& root() const { return root_; }

 private:
  LocalObjectStore(FileSystem* fs, std::string root);

  Status PutInternal(std::string_view key, std::string_view bytes, bool replace);
  Status ListRecursive(const std::string& relative_dir, std::string_view prefix,
                       std::vector<ObjectMeta>* out);
  std::string PathOf(std::string_view key) const;

  FileSystem* const fs_;
  const std::string root_;
  std::atomic<uint64_t> next_temp_id_{0};
};

}  // namespace quiver
