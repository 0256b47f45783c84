#include "objectstore/local_object_store.h"

#include <unistd.h>

#include <algorithm>

#include "io/path.h"
#include "objectstore/object_key.h"

namespace quiver {
namespace {

constexpr std::string_view kTempPrefix = ".tmp.";

Status ObjectNotFound(std::string_view key) {
  return Status::NotFound("object not found: {}", key);
}

// Maps the file system's NotFound (which names a path) to the object-level message.
Status MapNotFound(const Status& status, std::string_view key) {
  return status.IsNotFound() ? ObjectNotFound(key) : status;
}

}  // namespace

LocalObjectStore::LocalObjectStore(FileSystem* fs, std::string root)
    : fs_(fs), root_(std::move(root)) {}

Result<std::unique_ptr<LocalObjectStore>> LocalObjectStore::Make(FileSystem* fs, std::string root) {
  if (root.empty()) return Status::InvalidArgument("object store root directory is empty");
  root = NormalizePath(root);
  std::unique_ptr<LocalObjectStore> store(new LocalObjectStore(fs, root));
  Result<FileInfo> info = fs->Stat(root);
  if (info.ok() && !info->is_directory) {
    return Status::InvalidArgument("object store root is not a directory: {}", root);
  }
  if (!info.ok()) {
    if (!info.status().IsNotFound()) return info.status();
    RETURN_NOT_OK(CreateDirsDurably(fs, root));
  }
  return store;
}

std::string LocalObjectStore::PathOf(std::string_view key) const { return JoinPath(root_, key); }

std::string LocalObjectStore::Describe() const { return "file://" + root_; }

Status LocalObjectStore::PutInternal(std::string_view key, std::string_view bytes, bool replace) {
  RETURN_NOT_OK(ValidateObjectKey(key));
  std::string path = PathOf(key);
  std::string dir(Dirname(path));
  RETURN_NOT_OK(CreateDirsDurably(fs_, dir));

  std::string temp = JoinPath(dir, fmt::format("{}{}.{}.{}", kTempPrefix, Basename(path),
                                               ::getpid(), next_temp_id_.fetch_add(1)));
  Status status = WriteFileAndSync(fs_, temp, bytes);
  if (status.ok()) status = replace ? fs_->Rename(temp, path) : fs_->RenameNoReplace(temp, path);
  if (!status.ok()) {
    (void)fs_->DeleteFile(temp);  // best effort; RemoveTemporaryFiles cleans up otherwise
    if (status.IsAlreadyExists()) return Status::AlreadyExists("object already exists: {}", key);
    return status;
  }
  return fs_->SyncDir(dir);
}

Status LocalObjectStore::Put(std::string_view key, std::string_view bytes) {
  return PutInternal(key, bytes, /*replace=*/true);
}

Status LocalObjectStore::PutIfAbsent(std::string_view key, std::string_view bytes) {
  return PutInternal(key, bytes, /*replace=*/false);
}

Result<std::string> LocalObjectStore::Get(std::string_view key) {
  RETURN_NOT_OK(ValidateObjectKey(key));
  ASSIGN_OR_RETURN(ObjectMeta meta, Head(key));
  Result<std::string> contents = fs_->ReadFile(PathOf(key));
  if (!contents.ok()) return MapNotFound(contents.status(), key);
  return contents;
}

Result<std::string> LocalObjectStore::GetRange(std::string_view key, uint64_t offset,
                                               uint64_t length) {
  RETURN_NOT_OK(ValidateObjectKey(key));
  ASSIGN_OR_RETURN(ObjectMeta meta, Head(key));
  Result<std::unique_ptr<RandomAccessFile>> file = fs_->NewRandomAccessFile(PathOf(key));
  if (!file.ok()) return MapNotFound(file.status(), key);
  ASSIGN_OR_RETURN(uint64_t size, (*file)->Size());
  if (offset > size) {
    return Status::OutOfRange("range start {} is past the end of object {} ({} bytes)", offset, key,
                              size);
  }
  std::string bytes(std::min(length, size - offset), '\0');
  ASSIGN_OR_RETURN(std::string_view read, (*file)->Read(offset, bytes.size(), bytes.data()));
  if (read.data() != bytes.data()) read.copy(bytes.data(), read.size());
  bytes.resize(read.size());
  return bytes;
}

Result<ObjectMeta> LocalObjectStore::Head(std::string_view key) {
  RETURN_NOT_OK(ValidateObjectKey(key));
  Result<FileInfo> info = fs_->Stat(PathOf(key));
  if (!info.ok()) return MapNotFound(info.status(), key);
  if (info->is_directory) return ObjectNotFound(key);
  return ObjectMeta{std::string(key), info->size, info->mtime_nanos};
}

Status LocalObjectStore::Delete(std::string_view key) {
  RETURN_NOT_OK(ValidateObjectKey(key));
  std::string path = PathOf(key);
  Result<FileInfo> info = fs_->Stat(path);
  if (!info.ok()) return info.status().IsNotFound() ? Status::OK() : info.status();
  if (info->is_directory) return Status::OK();  // not an object
  Status status = fs_->DeleteFile(path);
  if (status.IsNotFound()) return Status::OK();  // deleted concurrently
  RETURN_NOT_OK(status);
  return fs_->SyncDir(std::string(Dirname(path)));
}

Status LocalObjectStore::ListRecursive(const std::string& relative_dir, std::string_view prefix,
                                       std::vector<ObjectMeta>* out) {
  Result<std::vector<DirEntry>> entries = fs_->ListDir(JoinPath(root_, relative_dir));
  if (!entries.ok()) return entries.status().IsNotFound() ? Status::OK() : entries.status();
  for (const DirEntry& entry : *entries) {
    if (entry.name.starts_with('.')) continue;  // temporary files
    std::string key = JoinObjectKey(relative_dir, entry.name);
    if (entry.is_directory) {
      std::string as_dir = key + "/";
      // Descend only where keys matching the prefix can be.
      if (as_dir.starts_with(prefix) || prefix.starts_with(as_dir)) {
        RETURN_NOT_OK(ListRecursive(key, prefix, out));
      }
      continue;
    }
    if (!key.starts_with(prefix)) continue;
    Result<FileInfo> info = fs_->Stat(JoinPath(root_, key));
    if (!info.ok()) {
      if (info.status().IsNotFound()) continue;  // deleted while listing
      return info.status();
    }
    out->push_back(ObjectMeta{std::move(key), info->size, info->mtime_nanos});
  }
  return Status::OK();
}

Result<std::vector<ObjectMeta>> LocalObjectStore::List(std::string_view prefix) {
  RETURN_NOT_OK(ValidateObjectKeyPrefix(prefix));
  size_t slash = prefix.rfind('/');
  std::string start_dir(slash == std::string_view::npos ? "" : prefix.substr(0, slash));
  std::vector<ObjectMeta> objects;
  RETURN_NOT_OK(ListRecursive(start_dir, prefix, &objects));
  std::sort(objects.begin(), objects.end(),
            [](const ObjectMeta& a, const ObjectMeta& b) { return a.key < b.key; });
  return objects;
}

Status LocalObjectStore::RemoveTemporaryFiles() {
  std::vector<std::string> pending{root_};
  while (!pending.empty()) {
    std::string dir = std::move(pending.back());
    pending.pop_back();
    ASSIGN_OR_RETURN(std::vector<DirEntry> entries, fs_->ListDir(dir));
    for (const DirEntry& entry : entries) {
      std::string path = JoinPath(dir, entry.name);
      if (entry.is_directory) {
        if (!entry.name.starts_with('.')) pending.push_back(std::move(path));
      } else if (entry.name.starts_with(kTempPrefix)) {
        Status status = fs_->DeleteFile(path);
        if (!status.ok() && !status.IsNotFound()) return status;
      }
    }
  }
  return Status::OK();
}

}  // namespace quiver
