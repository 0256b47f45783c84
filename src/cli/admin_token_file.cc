#include "cli/admin_token_file.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include <fmt/format.h>

// File access goes straight to POSIX here; switch to the io/ FileSystem seam once the
// data-directory layout moves there.

namespace quiver::cli {

namespace {

constexpr size_t kMaxHashFileBytes = 4096;

Status ErrnoError(std::string_view what, const std::string& path) {
  return Status::IOError("{} {}: {}", what, path, std::strerror(errno));
}

// mkdir -p; the last component gets `leaf_mode`, created parents 0755.
Status MakeDirectories(const std::string& path, mode_t leaf_mode) {
  size_t position = 0;
  while (position != std::string::npos) {
    position = path.find('/', position + 1);
    std::string prefix = path.substr(0, position);
    if (prefix.empty()) continue;
    bool leaf = position == std::string::npos;
    if (mkdir(prefix.c_str(), leaf ? leaf_mode : 0755) != 0 && errno != EEXIST) {
      return ErrnoError("cannot create directory", prefix);
    }
  }
  struct stat info;
  if (stat(path.c_str(), &info) != 0) return ErrnoError("cannot stat", path);
  if (!S_ISDIR(info.st_mode)) return Status::IOError("not a directory: {}", path);
  return Status::OK();
}

Status WriteAll(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    ssize_t n = write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoError("cannot write", path);
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Status::OK();
}

Status FsyncDirectory(const std::string& directory) {
  int fd = open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoError("cannot open directory", directory);
  int rc = fsync(fd);
  int saved_errno = errno;
  close(fd);
  errno = saved_errno;
  if (rc != 0) return ErrnoError("cannot fsync directory", directory);
  return Status::OK();
}

// Replaces `path` with `contents` so that a crash leaves either the old or the new file.
Status WriteFileAtomically(const std::string& directory, const std::string& path,
                           std::string_view contents, mode_t mode) {
  std::string temporary = path + ".tmp";
  int fd = open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return ErrnoError("cannot create", temporary);
  Status status = WriteAll(fd, contents, temporary);
  if (status.ok() && fchmod(fd, mode) != 0) status = ErrnoError("cannot chmod", temporary);
  if (status.ok() && fsync(fd) != 0) status = ErrnoError("cannot fsync", temporary);
  if (close(fd) != 0 && status.ok()) status = ErrnoError("cannot close", temporary);
  if (status.ok() && rename(temporary.c_str(), path.c_str()) != 0) {
    status = ErrnoError("cannot rename " + temporary + " to", path);
  }
  if (!status.ok()) {
    unlink(temporary.c_str());
    return status;
  }
  return FsyncDirectory(directory);
}

// The file's contents, or nullopt if it does not exist.
Result<std::optional<std::string>> ReadSmallFile(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::optional<std::string>();
    return ErrnoError("cannot open", path);
  }
  std::string contents;
  char buffer[1024];
  while (true) {
    ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Status error = ErrnoError("cannot read", path);
      close(fd);
      return error;
    }
    if (n == 0) break;
    contents.append(buffer, static_cast<size_t>(n));
    if (contents.size() > kMaxHashFileBytes) {
      close(fd);
      return Status::Corruption("admin token hash file is too large: {}", path);
    }
  }
  close(fd);
  return std::optional<std::string>(std::move(contents));
}

std::string AuthDirectory(const std::string& data_dir, const std::string& node_id) {
  return fmt::format("{}/{}/auth", data_dir, node_id);
}

}  // namespace

std::string AdminTokenHashPath(const std::string& data_dir, const std::string& node_id) {
  return AuthDirectory(data_dir, node_id) + "/admin-token.sha256";
}

Result<AdminTokenBootstrap> LoadOrCreateAdminToken(const std::string& data_dir,
                                                   const std::string& node_id) {
  AdminTokenBootstrap bootstrap;
  bootstrap.path = AdminTokenHashPath(data_dir, node_id);
  ASSIGN_OR_RETURN(std::optional<std::string> existing, ReadSmallFile(bootstrap.path));
  if (existing) {
    std::string_view text = *existing;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
      text.remove_suffix(1);
    }
    Result<http::TokenDigest> digest = http::TokenDigestFromHex(text);
    if (!digest.ok()) {
      return Status::Corruption("admin token hash file is malformed: {}: {}", bootstrap.path,
                                digest.status().message());
    }
    bootstrap.digest = *digest;
    return bootstrap;
  }

  std::string directory = AuthDirectory(data_dir, node_id);
  RETURN_NOT_OK(MakeDirectories(directory, 0700));
  ASSIGN_OR_RETURN(std::string token, http::GenerateApiToken());
  bootstrap.digest = http::HashToken(token);
  RETURN_NOT_OK(WriteFileAtomically(directory, bootstrap.path,
                                    http::TokenDigestToHex(bootstrap.digest) + "\n", 0600));
  bootstrap.generated_token = std::move(token);
  return bootstrap;
}

}  // namespace quiver::cli
