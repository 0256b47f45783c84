#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/thread_annotations.h"
#include "io/file_system.h"

namespace quiver {

// Operations whose failure can be injected (FaultInjectionFileSystem::FailAfter).
enum class FaultOp : int {
  kAppend = 0,  // WritableFile::Append
  kSync,        // WritableFile::Sync
  kSyncDir,     // FileSystem::SyncDir
  kRename,      // Rename and RenameNoReplace
  kCreate,      // NewWritableFile, NewAppendableFile, CreateDirs
  kDelete,      // DeleteFile, DeleteDir
  kTruncate,    // FileSystem::Truncate
};
inline constexpr int kFaultOpCount = 7;

// Wraps another FileSystem to test crash safety, in the manner of leveldb's
// db/fault_injection_test.cc:
//
// 1. It tracks, per file written through it, how many bytes were durable at the last
//    WritableFile::Sync, and which new files and renames have not yet been made durable by
//    a SyncDir of their directory. DropUnsyncedData() then makes the base file system look
//    as it would after a power failure at this instant: unsynced renames are undone (the
//    replaced file's old contents restored), every tracked file is cut to its last synced
//    size, and files whose creation was never made durable are deleted.
// 2. FailAfter(op, n) lets the next `n` operations of a kind succeed and fails every later
//    one with IOError (until ClearFaults), e.g. "the 3rd fdatasync fails". An injected
//    failure changes nothing in the base file system. SetActive(false) fails every
//    mutating operation, modelling a process that has died mid-flight.
// 3. FlipByte corrupts one byte of a file in place (bit rot), bypassing the tracking.
//
// Modelling limits (deliberate): deletions and directory creations are durable at once;
// an existing file truncated by NewWritableFile counts as having 0 synced bytes; a file
// that is renamed while open keeps recording its syncs under its old name. Files that
// existed before they were first opened through this wrapper count as fully synced.
//
// Thread-safety: all methods are thread-safe (one mutex guards the tracking state; it is
// never held while calling the base file system for data operations). DropUnsyncedData
// requires that no WritableFile from this wrapper is in use concurrently.
class FaultInjectionFileSystem final : public FileSystem {
 public:
  // `base` must outlive this object.
  explicit FaultInjectionFileSystem(FileSystem* base);
  ~FaultInjectionFileSystem() override;

  // --- Fault control -------------------------------------------------------------------

  // The next `successes` operations of kind `op` succeed; all later ones fail with IOError.
  void FailAfter(FaultOp op, int64_t successes);
  // Removes every FailAfter and reactivates the file system.
  void ClearFaults();
  // While inactive, every mutating operation fails with IOError ("simulated crash").
  void SetActive(bool active);
  // How many operations of this kind were attempted (including failed ones).
  int64_t OpCount(FaultOp op) const;

  // Simulates a power failure; see the class comment. Returns the first error from the
  // base file system, if any.
  Status DropUnsyncedData();

  // XORs the byte at `offset` of `path` with `mask`, directly in the base file system.
  Status FlipByte(const std::string& path, uint64_t offset, uint8_t mask = 0x40);

  // --- FileSystem ----------------------------------------------------------------------

  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override;
  Result<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& path) override;
  Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(const std::string& path) override;
  Result<std::string> ReadFile(const std::string& path) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status RenameNoReplace(const std::string& from, const std::string& to) override;
  Status DeleteFile(const std::string& path) override;
  Status DeleteDir(const std::string& path) override;
  Status CreateDirs(const std::string& path) override;
  Result<std::vector<DirEntry>> ListDir(const std::string& path) override;
  Result<FileInfo> Stat(const std::string& path) override;
  Status SyncDir(const std::string& path) override;
  Status Truncate(const std::string& path, uint64_t size) override;
  Result<std::unique_ptr<FileLock>> LockFile(const std::string& path) override;

  // Called by this wrapper's writable files.
  Status MaybeFail(FaultOp op, const std::string& path);
  void RecordSync(const std::string& path, uint64_t synced_size);

 private:
  // What a power failure would leave of one file written through this wrapper.
  struct FileState {
    uint64_t synced_size = 0;
    bool entry_durable = true;  // false until a SyncDir after its creation
  };
  // A rename that a power failure would undo.
  struct PendingRename {
    std::string from;
    std::string to;
    bool from_dir_synced = false;
    bool to_dir_synced = false;
    std::optional<std::string> replaced_contents;  // what `to` held before, if anything
    std::optional<FileState> replaced_state;
  };

  Result<std::unique_ptr<WritableFile>> OpenWritable(const std::string& path, bool truncate);
  Status RenameInternal(const std::string& from, const std::string& to, bool replace);

  FileSystem* const base_;
  mutable std::mutex mu_;
  bool active_ GUARDED_BY(mu_) = true;
  std::array<int64_t, kFaultOpCount> op_counts_ GUARDED_BY(mu_){};
  std::array<std::optional<int64_t>, kFaultOpCount> successes_left_ GUARDED_BY(mu_){};
  std::map<std::string, FileState> files_ GUARDED_BY(mu_);  // by normalized path
  std::vector<PendingRename> pending_renames_ GUARDED_BY(mu_);
};

}  // namespace quiver
