#include "io/posix_file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "io/path.h"
#include "io/posix_error_internal.h"

namespace quiver {

namespace internal {

Status PosixError(std::string_view operation, std::string_view path, int error_number) {
  char buffer[256];
  // GNU strerror_r returns the message (which may not be `buffer`).
  const char* reason = strerror_r(error_number, buffer, sizeof(buffer));
  switch (error_number) {
    case ENOENT:
      return Status::NotFound("{} {}: {}", operation, path, reason);
    case EEXIST:
      return Status::AlreadyExists("{} {}: {}", operation, path, reason);
    default:
      return Status::IOError("{} {}: {}", operation, path, reason);
  }
}

}  // namespace internal

namespace {

using internal::PosixError;

constexpr int kOpenFlags = O_CLOEXEC;
constexpr mode_t kFileMode = 0644;
constexpr mode_t kDirMode = 0755;

// Retries a syscall interrupted by a signal.
template <typename Fn>
auto RetryOnEintr(Fn fn) {
  decltype(fn()) result;
  do {
    result = fn();
  } while (result < 0 && errno == EINTR);
  return result;
}

class PosixWritableFile final : public WritableFile {
 public:
  PosixWritableFile(std::string path, int fd, uint64_t size)
      : path_(std::move(path)), fd_(fd), size_(size) {}
  ~PosixWritableFile() override {
    if (fd_ >= 0) ::close(fd_);
  }

  Status Append(std::string_view data) override {
    if (fd_ < 0) return Status::IOError("append {}: file is closed", path_);
    const char* p = data.data();
    size_t left = data.size();
    while (left > 0) {
      ssize_t written = RetryOnEintr([&] { return ::write(fd_, p, left); });
      if (written < 0) return PosixError("write", path_, errno);
      p += written;
      left -= static_cast<size_t>(written);
      size_ += static_cast<uint64_t>(written);
    }
    return Status::OK();
  }

  Status Flush() override { return Status::OK(); }

  Status Sync() override {
    if (fd_ < 0) return Status::IOError("sync {}: file is closed", path_);
    if (RetryOnEintr([&] { return ::fdatasync(fd_); }) != 0) {
      return PosixError("fdatasync", path_, errno);
    }
    return Status::OK();
  }

  Status Close() override {
    if (fd_ < 0) return Status::IOError("close {}: file is closed", path_);
    int fd = fd_;
    fd_ = -1;
    // No retry on EINTR: the descriptor is released either way on Linux.
    if (::close(fd) != 0) return PosixError("close", path_, errno);
    return Status::OK();
  }

  Status Preallocate(uint64_t length) override {
    if (fd_ < 0) return Status::IOError("preallocate {}: file is closed", path_);
    int rc = RetryOnEintr(
        [&] { return ::fallocate(fd_, FALLOC_FL_KEEP_SIZE, 0, static_cast<off_t>(length)); });
    if (rc != 0) {
      if (errno == EOPNOTSUPP || errno == ENOSYS) {
        return Status::NotImplemented("fallocate {}: not supported by the file system", path_);
      }
      return PosixError("fallocate", path_, errno);
    }
    return Status::OK();
  }

  uint64_t Size() const override { return size_; }
  const std::string& path() const override { return path_; }

 private:
  const std::string path_;
  int fd_;
  uint64_t size_;
};

class PosixRandomAccessFile final : public RandomAccessFile {
 public:
  PosixRandomAccessFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~PosixRandomAccessFile() override { ::close(fd_); }

  Result<std::string_view> Read(uint64_t offset, size_t n, char* scratch) const override {
    size_t total = 0;
    while (total < n) {
      ssize_t got = RetryOnEintr([&] {
        return ::pread(fd_, scratch + total, n - total, static_cast<off_t>(offset + total));
      });
      if (got < 0) return PosixError("read", path_, errno);
      if (got == 0) break;  // end of file
      total += static_cast<size_t>(got);
    }
    return std::string_view(scratch, total);
  }

  Result<uint64_t> Size() const override {
    struct stat st;
    if (::fstat(fd_, &st) != 0) return PosixError("stat", path_, errno);
    return static_cast<uint64_t>(st.st_size);
  }

  const std::string& path() const override { return path_; }

 private:
  const std::string path_;
  const int fd_;
};

class PosixFileLock final : public FileLock {
 public:
  PosixFileLock(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~PosixFileLock() override {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
  }
  const std::string& path() const override { return path_; }

 private:
  const std::string path_;
  const int fd_;
};

Result<std::unique_ptr<WritableFile>> OpenWritable(const std::string& path, int flags) {
  int fd = RetryOnEintr([&] { return ::open(path.c_str(), flags | kOpenFlags, kFileMode); });
  if (fd < 0) return PosixError("open", path, errno);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    Status status = PosixError("stat", path, errno);
    ::close(fd);
    return status;
  }
  return std::unique_ptr<WritableFile>(
      new PosixWritableFile(path, fd, static_cast<uint64_t>(st.st_size)));
}

}  // namespace

PosixFileSystem* PosixFileSystem::Default() {
  static PosixFileSystem* instance = new PosixFileSystem();
  return instance;
}

Result<std::unique_ptr<WritableFile>> PosixFileSystem::NewWritableFile(const std::string& path) {
  return OpenWritable(path, O_WRONLY | O_CREAT | O_TRUNC);
}

Result<std::unique_ptr<WritableFile>> PosixFileSystem::NewAppendableFile(const std::string& path) {
  return OpenWritable(path, O_WRONLY | O_CREAT | O_APPEND);
}

Result<std::unique_ptr<RandomAccessFile>> PosixFileSystem::NewRandomAccessFile(
    const std::string& path) {
  int fd = RetryOnEintr([&] { return ::open(path.c_str(), O_RDONLY | kOpenFlags); });
  if (fd < 0) return PosixError("open", path, errno);
  return std::unique_ptr<RandomAccessFile>(new PosixRandomAccessFile(path, fd));
}

Status PosixFileSystem::Rename(const std::string& from, const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) {
    return PosixError("rename", from + " -> " + to, errno);
  }
  return Status::OK();
}

Status PosixFileSystem::RenameNoReplace(const std::string& from, const std::string& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) {
    return Status::OK();
  }
  if (errno != EINVAL && errno != ENOSYS) {
    return PosixError("rename", from + " -> " + to, errno);
  }
  // The file system cannot do RENAME_NOREPLACE: link(2) also fails with EEXIST atomically.
  if (::link(from.c_str(), to.c_str()) != 0) return PosixError("link", from + " -> " + to, errno);
  if (::unlink(from.c_str()) != 0) return PosixError("unlink", from, errno);
  return Status::OK();
}

Status PosixFileSystem::DeleteFile(const std::string& path) {
  if (::unlink(path.c_str()) != 0) return PosixError("unlink", path, errno);
  return Status::OK();
}

Status PosixFileSystem::DeleteDir(const std::string& path) {
  if (::rmdir(path.c_str()) != 0) return PosixError("rmdir", path, errno);
  return Status::OK();
}

Status PosixFileSystem::CreateDirs(const std::string& path) {
  std::string normalized = NormalizePath(path);
  if (normalized.empty()) return Status::OK();
  // Create each prefix ending before a '/', then the full path.
  for (size_t slash = normalized.find('/', 1);; slash = normalized.find('/', slash + 1)) {
    std::string prefix = normalized.substr(0, slash);
    if (::mkdir(prefix.c_str(), kDirMode) != 0 && errno != EEXIST) {
      return PosixError("mkdir", prefix, errno);
    }
    if (slash == std::string::npos) break;
  }
  struct stat st;
  if (::stat(normalized.c_str(), &st) != 0) return PosixError("stat", normalized, errno);
  if (!S_ISDIR(st.st_mode)) return PosixError("mkdir", normalized, ENOTDIR);
  return Status::OK();
}

Result<std::vector<DirEntry>> PosixFileSystem::ListDir(const std::string& path) {
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) return PosixError("opendir", path, errno);
  std::vector<DirEntry> entries;
  while (true) {
    errno = 0;
    struct dirent* entry = ::readdir(dir);
    if (entry == nullptr) {
      if (errno != 0) {
        Status status = PosixError("readdir", path, errno);
        ::closedir(dir);
        return status;
      }
      break;
    }
    std::string_view name(entry->d_name);
    if (name == "." || name == "..") continue;
    bool is_directory = entry->d_type == DT_DIR;
    if (entry->d_type == DT_UNKNOWN) {
      struct stat st;
      if (::fstatat(::dirfd(dir), entry->d_name, &st, 0) == 0) is_directory = S_ISDIR(st.st_mode);
    }
    entries.push_back(DirEntry{std::string(name), is_directory});
  }
  ::closedir(dir);
  std::sort(entries.begin(), entries.end(),
            [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return entries;
}

Result<FileInfo> PosixFileSystem::Stat(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return PosixError("stat", path, errno);
  FileInfo info;
  info.size = static_cast<uint64_t>(st.st_size);
  info.mtime_nanos = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  info.is_directory = S_ISDIR(st.st_mode);
  return info;
}

Status PosixFileSystem::SyncDir(const std::string& path) {
  int fd = RetryOnEintr([&] { return ::open(path.c_str(), O_RDONLY | O_DIRECTORY | kOpenFlags); });
  if (fd < 0) return PosixError("open", path, errno);
  Status status;
  if (RetryOnEintr([&] { return ::fsync(fd); }) != 0) status = PosixError("fsync", path, errno);
  ::close(fd);
  return status;
}

Status PosixFileSystem::Truncate(const std::string& path, uint64_t size) {
  if (RetryOnEintr([&] { return ::truncate(path.c_str(), static_cast<off_t>(size)); }) != 0) {
    return PosixError("truncate", path, errno);
  }
  return Status::OK();
}

Result<std::unique_ptr<FileLock>> PosixFileSystem::LockFile(const std::string& path) {
  int fd =
      RetryOnEintr([&] { return ::open(path.c_str(), O_RDWR | O_CREAT | kOpenFlags, kFileMode); });
  if (fd < 0) return PosixError("open", path, errno);
  if (RetryOnEintr([&] { return ::flock(fd, LOCK_EX | LOCK_NB); }) != 0) {
    int error_number = errno;
    ::close(fd);
    if (error_number == EWOULDBLOCK) {
      return Status::IOError("lock {}: already locked (is another server using this directory?)",
                             path);
    }
    return PosixError("flock", path, error_number);
  }
  return std::unique_ptr<FileLock>(new PosixFileLock(path, fd));
}

}  // namespace quiver
