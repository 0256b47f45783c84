#include "io/file_system.h"

#include <string>

#include "io/path.h"

namespace quiver {

Result<std::string> FileSystem::ReadFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, NewRandomAccessFile(path));
  ASSIGN_OR_RETURN(uint64_t size, file->Size());
  std::string contents(size, '\0');
  uint64_t offset = 0;
  // Read until end of file, in case the file grew after Size().
  while (true) {
    if (offset == contents.size()) contents.resize(contents.size() + 4096);
    size_t want = contents.size() - offset;
    ASSIGN_OR_RETURN(std::string_view chunk, file->Read(offset, want, contents.data() + offset));
    if (chunk.data() != contents.data() + offset) {
      chunk.copy(contents.data() + offset, chunk.size());
    }
    offset += chunk.size();
    if (chunk.size() < want) break;
  }
  contents.resize(offset);
  return contents;
}

Result<bool> FileSystem::FileExists(const std::string& path) {
  Result<FileInfo> info = Stat(path);
  if (info.ok()) return true;
  if (info.status().IsNotFound()) return false;
  return info.status();
}

Result<uint64_t> FileSystem::FileSize(const std::string& path) {
  ASSIGN_OR_RETURN(FileInfo info, Stat(path));
  return info.size;
}

Status WriteFileAndSync(FileSystem* fs, const std::string& path, std::string_view data) {
  ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file, fs->NewWritableFile(path));
  RETURN_NOT_OK(file->Append(data));
  RETURN_NOT_OK(file->Sync());
  return file->Close();
}

Status CreateDirsDurably(FileSystem* fs, const std::string& dir) {
  std::string normalized = NormalizePath(dir);
  // Find the missing directories, nearest first.
  std::vector<std::string> missing;
  for (std::string path = normalized; !path.empty();) {
    Result<FileInfo> info = fs->Stat(path);
    if (info.ok()) {
      if (!info->is_directory) return Status::InvalidArgument("not a directory: {}", path);
      break;
    }
    if (!info.status().IsNotFound()) return info.status();
    missing.push_back(path);
    std::string parent(Dirname(path));
    if (parent == path) break;  // "/"
    path = std::move(parent);
  }
  if (missing.empty()) return Status::OK();
  RETURN_NOT_OK(fs->CreateDirs(normalized));
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    std::string parent(Dirname(*it));
    RETURN_NOT_OK(fs->SyncDir(parent.empty() ? "." : parent));
  }
  return Status::OK();
}

}  // namespace quiver
