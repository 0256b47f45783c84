#include "io/fault_injection_file_system.h"

#include <algorithm>

#include "io/path.h"

namespace quiver {
namespace {

std::string_view FaultOpName(FaultOp op) {
  switch (op) {
    case FaultOp::kAppend:
      return "append";
    case FaultOp::kSync:
      return "sync";
    case FaultOp::kSyncDir:
      return "sync directory";
    case FaultOp::kRename:
      return "rename";
    case FaultOp::kCreate:
      return "create";
    case FaultOp::kDelete:
      return "delete";
    case FaultOp::kTruncate:
      return "truncate";
  }
  return "unknown";
}

// Forwards to the base file, asking the file system whether to fail first and reporting
// successful syncs to it.
class FaultInjectionWritableFile final : public WritableFile {
 public:
  FaultInjectionWritableFile(FaultInjectionFileSystem* fs, std::string normalized_path,
                             std::unique_ptr<WritableFile> base)
      : fs_(fs), normalized_path_(std::move(normalized_path)), base_(std::move(base)) {}

  Status Append(std::string_view data) override {
    RETURN_NOT_OK(fs_->MaybeFail(FaultOp::kAppend, base_->path()));
    return base_->Append(data);
  }
  Status Flush() override { return base_->Flush(); }
  Status Sync() override {
    RETURN_NOT_OK(fs_->MaybeFail(FaultOp::kSync, base_->path()));
    RETURN_NOT_OK(base_->Sync());
    fs_->RecordSync(normalized_path_, base_->Size());
    return Status::OK();
  }
  Status Close() override { return base_->Close(); }
  Status Preallocate(uint64_t length) override { return base_->Preallocate(length); }
  uint64_t Size() const override { return base_->Size(); }
  const std::string& path() const override { return base_->path(); }

 private:
  FaultInjectionFileSystem* const fs_;
  const std::string normalized_path_;
  const std::unique_ptr<WritableFile> base_;
};

}  // namespace

FaultInjectionFileSystem::FaultInjectionFileSystem(FileSystem* base) : base_(base) {}
FaultInjectionFileSystem::~FaultInjectionFileSystem() = default;

void FaultInjectionFileSystem::FailAfter(FaultOp op, int64_t successes) {
  std::lock_guard lock(mu_);
  successes_left_[static_cast<int>(op)] = successes;
}

void FaultInjectionFileSystem::ClearFaults() {
  std::lock_guard lock(mu_);
  successes_left_.fill(std::nullopt);
  active_ = true;
}

void FaultInjectionFileSystem::SetActive(bool active) {
  std::lock_guard lock(mu_);
  active_ = active;
}

int64_t FaultInjectionFileSystem::OpCount(FaultOp op) const {
  std::lock_guard lock(mu_);
  return op_counts_[static_cast<int>(op)];
}

Status FaultInjectionFileSystem::MaybeFail(FaultOp op, const std::string& path) {
  std::lock_guard lock(mu_);
  int index = static_cast<int>(op);
  ++op_counts_[index];
  if (!active_) {
    return Status::IOError("{} {}: simulated crash (file system inactive)", FaultOpName(op), path);
  }
  std::optional<int64_t>& left = successes_left_[index];
  if (left.has_value()) {
    if (*left == 0) return Status::IOError("{} {}: injected fault", FaultOpName(op), path);
    --*left;
  }
  return Status::OK();
}

void FaultInjectionFileSystem::RecordSync(const std::string& path, uint64_t synced_size) {
  std::lock_guard lock(mu_);
  auto it = files_.find(path);
  if (it != files_.end()) it->second.synced_size = synced_size;
}

Result<std::unique_ptr<WritableFile>> FaultInjectionFileSystem::OpenWritable(
    const std::string& path, bool truncate) {
  RETURN_NOT_OK(MaybeFail(FaultOp::kCreate, path));
  std::string name = NormalizePath(path);
  Result<FileInfo> before = base_->Stat(path);
  if (!before.ok() && !before.status().IsNotFound()) return before.status();
  ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file,
                   truncate ? base_->NewWritableFile(path) : base_->NewAppendableFile(path));
  std::lock_guard lock(mu_);
  auto it = files_.find(name);
  if (it == files_.end()) {
    FileState state;
    state.entry_durable = before.ok();
    state.synced_size = before.ok() && !truncate ? before->size : 0;
    files_.emplace(name, state);
  } else if (truncate) {
    it->second.synced_size = 0;
  }
  return std::unique_ptr<WritableFile>(
      new FaultInjectionWritableFile(this, std::move(name), std::move(file)));
}

Result<std::unique_ptr<WritableFile>> FaultInjectionFileSystem::NewWritableFile(
    const std::string& path) {
  return OpenWritable(path, /*truncate=*/true);
}

Result<std::unique_ptr<WritableFile>> FaultInjectionFileSystem::NewAppendableFile(
    const std::string& path) {
  return OpenWritable(path, /*truncate=*/false);
}

Result<std::unique_ptr<RandomAccessFile>> FaultInjectionFileSystem::NewRandomAccessFile(
    const std::string& path) {
  return base_->NewRandomAccessFile(path);
}

Result<std::string> FaultInjectionFileSystem::ReadFile(const std::string& path) {
  return base_->ReadFile(path);
}

Status FaultInjectionFileSystem::RenameInternal(const std::string& from, const std::string& to,
                                                bool replace) {
  RETURN_NOT_OK(MaybeFail(FaultOp::kRename, from + " -> " + to));
  std::string source = NormalizePath(from);
  std::string target = NormalizePath(to);
  ASSIGN_OR_RETURN(FileInfo source_info, base_->Stat(from));
  std::optional<std::string> replaced_contents;
  std::optional<uint64_t> replaced_size;
  if (replace) {
    Result<std::string> old = base_->ReadFile(to);
    if (old.ok()) {
      replaced_size = old->size();
      replaced_contents = std::move(old).ValueOrDie();
    }
  }
  RETURN_NOT_OK(replace ? base_->Rename(from, to) : base_->RenameNoReplace(from, to));

  std::lock_guard lock(mu_);
  PendingRename pending;
  pending.from = source;
  pending.to = target;
  pending.replaced_contents = std::move(replaced_contents);
  if (auto it = files_.find(target); it != files_.end()) {
    pending.replaced_state = it->second;
  } else if (replaced_size.has_value()) {
    pending.replaced_state = FileState{*replaced_size, true};
  }
  FileState moved{source_info.size, true};
  if (auto it = files_.find(source); it != files_.end()) {
    moved = it->second;
    files_.erase(it);
  }
  files_[target] = moved;
  pending_renames_.push_back(std::move(pending));
  return Status::OK();
}

Status FaultInjectionFileSystem::Rename(const std::string& from, const std::string& to) {
  return RenameInternal(from, to, /*replace=*/true);
}

Status FaultInjectionFileSystem::RenameNoReplace(const std::string& from, const std::string& to) {
  return RenameInternal(from, to, /*replace=*/false);
}

Status FaultInjectionFileSystem::DeleteFile(const std::string& path) {
  RETURN_NOT_OK(MaybeFail(FaultOp::kDelete, path));
  RETURN_NOT_OK(base_->DeleteFile(path));
  std::lock_guard lock(mu_);
  files_.erase(NormalizePath(path));
  return Status::OK();
}

Status FaultInjectionFileSystem::DeleteDir(const std::string& path) {
  RETURN_NOT_OK(MaybeFail(FaultOp::kDelete, path));
  return base_->DeleteDir(path);
}

Status FaultInjectionFileSystem::CreateDirs(const std::string& path) {
  RETURN_NOT_OK(MaybeFail(FaultOp::kCreate, path));
  return base_->CreateDirs(path);
}

Result<std::vector<DirEntry>> FaultInjectionFileSystem::ListDir(const std::string& path) {
  return base_->ListDir(path);
}

Result<FileInfo> FaultInjectionFileSystem::Stat(const std::string& path) {
  return base_->Stat(path);
}

Status FaultInjectionFileSystem::SyncDir(const std::string& path) {
  RETURN_NOT_OK(MaybeFail(FaultOp::kSyncDir, path));
  RETURN_NOT_OK(base_->SyncDir(path));
  std::string dir = NormalizePath(path);
  std::lock_guard lock(mu_);
  for (auto& [name, state] : files_) {
    if (Dirname(name) == dir) state.entry_durable = true;
  }
  for (PendingRename& pending : pending_renames_) {
    if (Dirname(pending.from) == dir) pending.from_dir_synced = true;
    if (Dirname(pending.to) == dir) pending.to_dir_synced = true;
  }
  std::erase_if(pending_renames_, [](const PendingRename& pending) {
    return pending.from_dir_synced && pending.to_dir_synced;
  });
  return Status::OK();
}

Status FaultInjectionFileSystem::Truncate(const std::string& path, uint64_t size) {
  RETURN_NOT_OK(MaybeFail(FaultOp::kTruncate, path));
  RETURN_NOT_OK(base_->Truncate(path, size));
  std::lock_guard lock(mu_);
  if (auto it = files_.find(NormalizePath(path)); it != files_.end()) {
    it->second.synced_size = std::min(it->second.synced_size, size);
  }
  return Status::OK();
}

Result<std::unique_ptr<FileLock>> FaultInjectionFileSystem::LockFile(const std::string& path) {
  return base_->LockFile(path);
}

Status FaultInjectionFileSystem::DropUnsyncedData() {
  // Holding the lock across base calls is fine here: this is the simulated crash, and the
  // caller guarantees no concurrent use of this wrapper's files.
  std::lock_guard lock(mu_);
  Status first_error;
  auto note = [&first_error](Status status) {
    if (!status.ok() && !status.IsNotFound() && first_error.ok()) first_error = std::move(status);
  };

  // 1. Undo renames that no directory sync made durable, newest first.
  for (auto it = pending_renames_.rbegin(); it != pending_renames_.rend(); ++it) {
    Result<bool> exists = base_->FileExists(it->to);
    if (exists.ok() && *exists) {
      note(base_->Rename(it->to, it->from));
      if (auto state = files_.find(it->to); state != files_.end()) {
        files_[it->from] = state->second;
        files_.erase(state);
      }
    }
    if (it->replaced_contents.has_value()) {
      note(WriteFileAndSync(base_, it->to, *it->replaced_contents));
      files_[it->to] = it->replaced_state.value_or(FileState{it->replaced_contents->size(), true});
    }
  }
  pending_renames_.clear();

  // 2. Cut every file to its synced size; forget files whose creation was not durable.
  for (auto it = files_.begin(); it != files_.end();) {
    if (!it->second.entry_durable) {
      note(base_->DeleteFile(it->first));
      it = files_.erase(it);
      continue;
    }
    Result<FileInfo> info = base_->Stat(it->first);
    if (info.ok() && info->size > it->second.synced_size) {
      note(base_->Truncate(it->first, it->second.synced_size));
    }
    ++it;
  }
  return first_error;
}

Status FaultInjectionFileSystem::FlipByte(const std::string& path, uint64_t offset, uint8_t mask) {
  ASSIGN_OR_RETURN(std::string contents, base_->ReadFile(path));
  if (offset >= contents.size()) {
    return Status::OutOfRange("flip byte {} of {}: file has {} bytes", offset, path,
                              contents.size());
  }
  contents[offset] = static_cast<char>(contents[offset] ^ mask);
  return WriteFileAndSync(base_, path, contents);
}

}  // namespace quiver
