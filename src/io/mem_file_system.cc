#include "io/mem_file_system.h"

#include <algorithm>
#include <cerrno>

#include "io/path.h"
#include "io/posix_error_internal.h"

namespace quiver {

using internal::PosixError;

struct MemFileSystem::MemFile {
  std::mutex mu;
  std::string data GUARDED_BY(mu);
  int64_t mtime_nanos GUARDED_BY(mu) = 0;
};

namespace {

using MemFile = MemFileSystem::MemFile;

class MemWritableFile final : public WritableFile {
 public:
  MemWritableFile(std::string path, std::shared_ptr<MemFile> file, const Clock* clock)
      : path_(std::move(path)), file_(std::move(file)), clock_(clock) {}

  Status Append(std::string_view data) override {
    if (!file_) return Status::IOError("append {}: file is closed", path_);
    std::lock_guard lock(file_->mu);
    file_->data.append(data);
    file_->mtime_nanos = clock_->NowNanos();
    return Status::OK();
  }
  Status Flush() override { return Status::OK(); }
  Status Sync() override {
    if (!file_) return Status::IOError("sync {}: file is closed", path_);
    return Status::OK();
  }
  Status Close() override {
    if (!file_) return Status::IOError("close {}: file is closed", path_);
    file_.reset();
    return Status::OK();
  }
  Status Preallocate(uint64_t length) override { return Status::OK(); }
  uint64_t Size() const override {
    if (!file_) return 0;
    std::lock_guard lock(file_->mu);
    return file_->data.size();
  }
  const std::string& path() const override { return path_; }

 private:
  const std::string path_;
  std::shared_ptr<MemFile> file_;  // null once closed
  const Clock* const clock_;
};

class MemRandomAccessFile final : public RandomAccessFile {
 public:
  MemRandomAccessFile(std::string path, std::shared_ptr<MemFile> file)
      : path_(std::move(path)), file_(std::move(file)) {}

  Result<std::string_view> Read(uint64_t offset, size_t n, char* scratch) const override {
    std::lock_guard lock(file_->mu);
    if (offset >= file_->data.size()) return std::string_view(scratch, 0);
    size_t count = std::min<uint64_t>(n, file_->data.size() - offset);
    file_->data.copy(scratch, count, offset);
    return std::string_view(scratch, count);
  }
  Result<uint64_t> Size() const override {
    std::lock_guard lock(file_->mu);
    return file_->data.size();
  }
  const std::string& path() const override { return path_; }

 private:
  const std::string path_;
  const std::shared_ptr<MemFile> file_;
};

}  // namespace

// Releases its lock through the file system, which must outlive it.
class MemFileSystem::MemLock final : public FileLock {
 public:
  MemLock(MemFileSystem* fs, std::string path) : fs_(fs), path_(std::move(path)) {}
  ~MemLock() override { fs_->Unlock(path_); }
  const std::string& path() const override { return path_; }

 private:
  MemFileSystem* const fs_;
  const std::string path_;
};

MemFileSystem::MemFileSystem(const Clock* clock) : clock_(clock) {}
MemFileSystem::~MemFileSystem() = default;

bool MemFileSystem::DirExistsLocked(const std::string& normalized) const {
  return normalized.empty() || normalized == "/" || dirs_.count(normalized) > 0;
}

Result<std::unique_ptr<WritableFile>> MemFileSystem::OpenWritable(const std::string& path,
                                                                  bool truncate) {
  std::string name = NormalizePath(path);
  std::shared_ptr<MemFile> file;
  {
    std::lock_guard lock(mu_);
    if (dirs_.count(name) > 0) return PosixError("open", path, EISDIR);
    if (!DirExistsLocked(std::string(Dirname(name)))) return PosixError("open", path, ENOENT);
    auto it = files_.find(name);
    if (it == files_.end()) {
      it = files_.emplace(name, std::make_shared<MemFile>()).first;
      truncate = true;
    }
    file = it->second;
  }
  if (truncate) {
    std::lock_guard lock(file->mu);
    file->data.clear();
    file->mtime_nanos = clock_->NowNanos();
  }
  return std::unique_ptr<WritableFile>(new MemWritableFile(path, std::move(file), clock_));
}

Result<std::unique_ptr<WritableFile>> MemFileSystem::NewWritableFile(const std::string& path) {
  return OpenWritable(path, /*truncate=*/true);
}

Result<std::unique_ptr<WritableFile>> MemFileSystem::NewAppendableFile(const std::string& path) {
  return OpenWritable(path, /*truncate=*/false);
}

Result<std::unique_ptr<RandomAccessFile>> MemFileSystem::NewRandomAccessFile(
    const std::string& path) {
  std::string name = NormalizePath(path);
  std::lock_guard lock(mu_);
  auto it = files_.find(name);
  if (it == files_.end()) {
    return PosixError("open", path, dirs_.count(name) > 0 ? EISDIR : ENOENT);
  }
  return std::unique_ptr<RandomAccessFile>(new MemRandomAccessFile(path, it->second));
}

Result<std::string> MemFileSystem::ReadFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, NewRandomAccessFile(path));
  const auto& mem = static_cast<MemRandomAccessFile&>(*file);
  ASSIGN_OR_RETURN(uint64_t size, mem.Size());
  std::string contents(size, '\0');
  ASSIGN_OR_RETURN(std::string_view read, mem.Read(0, size, contents.data()));
  contents.resize(read.size());
  return contents;
}

Status MemFileSystem::RenameInternal(const std::string& from, const std::string& to, bool replace) {
  std::string source = NormalizePath(from);
  std::string target = NormalizePath(to);
  std::string description = from + " -> " + to;
  std::lock_guard lock(mu_);
  auto it = files_.find(source);
  if (it == files_.end()) {
    if (dirs_.count(source) > 0) {
      return Status::NotImplemented("rename {}: MemFileSystem renames files only", description);
    }
    return PosixError("rename", description, ENOENT);
  }
  if (!DirExistsLocked(std::string(Dirname(target)))) {
    return PosixError("rename", description, ENOENT);
  }
  if (dirs_.count(target) > 0) return PosixError("rename", description, EISDIR);
  if (source == target) return Status::OK();
  if (!replace && files_.count(target) > 0) return PosixError("rename", description, EEXIST);
  std::shared_ptr<MemFile> file = it->second;
  files_.erase(it);
  files_[target] = std::move(file);
  return Status::OK();
}

Status MemFileSystem::Rename(const std::string& from, const std::string& to) {
  return RenameInternal(from, to, /*replace=*/true);
}

Status MemFileSystem::RenameNoReplace(const std::string& from, const std::string& to) {
  return RenameInternal(from, to, /*replace=*/false);
}

Status MemFileSystem::DeleteFile(const std::string& path) {
  std::string name = NormalizePath(path);
  std::lock_guard lock(mu_);
  if (dirs_.count(name) > 0) return PosixError("unlink", path, EISDIR);
  if (files_.erase(name) == 0) return PosixError("unlink", path, ENOENT);
  return Status::OK();
}

Status MemFileSystem::DeleteDir(const std::string& path) {
  std::string name = NormalizePath(path);
  std::lock_guard lock(mu_);
  if (dirs_.count(name) == 0) {
    return PosixError("rmdir", path, files_.count(name) > 0 ? ENOTDIR : ENOENT);
  }
  std::string prefix = name + "/";
  auto file_it = files_.lower_bound(prefix);
  auto dir_it = dirs_.lower_bound(prefix);
  if ((file_it != files_.end() && file_it->first.starts_with(prefix)) ||
      (dir_it != dirs_.end() && dir_it->starts_with(prefix))) {
    return PosixError("rmdir", path, ENOTEMPTY);
  }
  dirs_.erase(name);
  return Status::OK();
}

Status MemFileSystem::CreateDirs(const std::string& path) {
  std::string name = NormalizePath(path);
  std::lock_guard lock(mu_);
  // Check every prefix first so that a file in the way changes nothing.
  std::vector<std::string> prefixes;
  for (size_t slash = name.find('/', 1);; slash = name.find('/', slash + 1)) {
    prefixes.push_back(name.substr(0, slash));
    if (slash == std::string::npos) break;
  }
  for (const std::string& prefix : prefixes) {
    if (files_.count(prefix) > 0) return PosixError("mkdir", prefix, ENOTDIR);
  }
  for (std::string& prefix : prefixes) {
    if (!prefix.empty() && prefix != "/") dirs_.insert(std::move(prefix));
  }
  return Status::OK();
}

Result<std::vector<DirEntry>> MemFileSystem::ListDir(const std::string& path) {
  std::string name = NormalizePath(path);
  std::lock_guard lock(mu_);
  if (!DirExistsLocked(name)) {
    return PosixError("opendir", path, files_.count(name) > 0 ? ENOTDIR : ENOENT);
  }
  std::string prefix = name.empty() ? "" : (name == "/" ? "/" : name + "/");
  std::vector<DirEntry> entries;
  auto add_child = [&](const std::string& full, bool is_directory) {
    std::string_view rest = std::string_view(full).substr(prefix.size());
    if (rest.empty() || rest.find('/') != std::string_view::npos) return;
    if (prefix.empty() && full.starts_with("/")) return;  // absolute entries are not in ""
    entries.push_back(DirEntry{std::string(rest), is_directory});
  };
  for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.starts_with(prefix);
       ++it) {
    add_child(it->first, false);
  }
  for (auto it = dirs_.lower_bound(prefix); it != dirs_.end() && it->starts_with(prefix); ++it) {
    add_child(*it, true);
  }
  std::sort(entries.begin(), entries.end(),
            [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return entries;
}

Result<FileInfo> MemFileSystem::Stat(const std::string& path) {
  std::string name = NormalizePath(path);
  std::shared_ptr<MemFile> file;
  {
    std::lock_guard lock(mu_);
    if (DirExistsLocked(name)) return FileInfo{0, 0, true};
    auto it = files_.find(name);
    if (it == files_.end()) return PosixError("stat", path, ENOENT);
    file = it->second;
  }
  std::lock_guard lock(file->mu);
  return FileInfo{file->data.size(), file->mtime_nanos, false};
}

Status MemFileSystem::SyncDir(const std::string& path) {
  std::string name = NormalizePath(path);
  std::lock_guard lock(mu_);
  if (!DirExistsLocked(name)) return PosixError("open", path, ENOENT);
  return Status::OK();
}

Status MemFileSystem::Truncate(const std::string& path, uint64_t size) {
  std::string name = NormalizePath(path);
  std::shared_ptr<MemFile> file;
  {
    std::lock_guard lock(mu_);
    auto it = files_.find(name);
    if (it == files_.end()) {
      return PosixError("truncate", path, dirs_.count(name) > 0 ? EISDIR : ENOENT);
    }
    file = it->second;
  }
  std::lock_guard lock(file->mu);
  file->data.resize(size, '\0');
  file->mtime_nanos = clock_->NowNanos();
  return Status::OK();
}

Result<std::unique_ptr<FileLock>> MemFileSystem::LockFile(const std::string& path) {
  std::string name = NormalizePath(path);
  {
    std::lock_guard lock(mu_);
    if (locks_.count(name) > 0) {
      return Status::IOError("lock {}: already locked (is another server using this directory?)",
                             path);
    }
  }
  // Like the POSIX implementation, the lock file is created if missing.
  Result<FileInfo> info = Stat(name);
  if (!info.ok()) {
    ASSIGN_OR_RETURN(auto file, NewAppendableFile(name));
    RETURN_NOT_OK(file->Close());
  }
  std::lock_guard lock(mu_);
  if (!locks_.insert(name).second) {
    return Status::IOError("lock {}: already locked (is another server using this directory?)",
                           path);
  }
  return std::unique_ptr<FileLock>(new MemLock(this, name));
}

void MemFileSystem::Unlock(const std::string& normalized) {
  std::lock_guard lock(mu_);
  locks_.erase(normalized);
}

}  // namespace quiver
