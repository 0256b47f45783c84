#include "wal/segment_writer.h"

#include "base/logging.h"
#include "io/path.h"
#include "wal/wal_format.h"

namespace quiver {

SegmentWriter::SegmentWriter(FileSystem* fs, std::unique_ptr<WritableFile> file,
                             uint64_t first_sequence, bool preallocated)
    : fs_(fs),
      file_(std::move(file)),
      path_(file_->path()),
      first_sequence_(first_sequence),
      size_(file_->Size()),
      preallocated_(preallocated) {}

SegmentWriter::~SegmentWriter() {
  if (file_) (void)Finish();
}

void SegmentWriter::Preallocate(WritableFile* file, uint64_t bytes, bool* preallocated) {
  *preallocated = false;
  if (bytes == 0 || file->Size() >= bytes) return;
  Status status = file->Preallocate(bytes);
  if (status.ok()) {
    *preallocated = true;
  } else if (!status.IsNotImplemented()) {
    LOG_WARN("wal", "preallocating {} bytes failed (continuing without): {}", bytes,
             status.ToString());
  }
}

Result<std::unique_ptr<SegmentWriter>> SegmentWriter::Create(FileSystem* fs, const std::string& dir,
                                                             uint64_t first_sequence,
                                                             uint64_t preallocate_bytes) {
  std::string path = JoinPath(dir, wal_format::SegmentFileName(first_sequence));
  ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file, fs->NewWritableFile(path));
  bool preallocated = false;
  Preallocate(file.get(), preallocate_bytes, &preallocated);
  RETURN_NOT_OK(file->Append(wal_format::EncodeSegmentHeader(first_sequence)));
  RETURN_NOT_OK(file->Sync());
  RETURN_NOT_OK(fs->SyncDir(dir));
  return std::unique_ptr<SegmentWriter>(
      new SegmentWriter(fs, std::move(file), first_sequence, preallocated));
}

Result<std::unique_ptr<SegmentWriter>> SegmentWriter::Reopen(FileSystem* fs,
                                                             const std::string& path,
                                                             uint64_t first_sequence,
                                                             uint64_t preallocate_bytes) {
  ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file, fs->NewAppendableFile(path));
  bool preallocated = false;
  Preallocate(file.get(), preallocate_bytes, &preallocated);
  return std::unique_ptr<SegmentWriter>(
      new SegmentWriter(fs, std::move(file), first_sequence, preallocated));
}

Status SegmentWriter::Append(std::string_view records) {
  if (!file_) return Status::IOError("append {}: segment is closed", path_);
  RETURN_NOT_OK(file_->Append(records));
  RETURN_NOT_OK(file_->Flush());
  size_ += records.size();
  return Status::OK();
}

Status SegmentWriter::Sync() {
  if (!file_) return Status::IOError("sync {}: segment is closed", path_);
  return file_->Sync();
}

Status SegmentWriter::Finish() {
  if (!file_) return Status::OK();
  Status status = file_->Close();
  file_.reset();
  // Give back the reservation beyond the end (truncating to the same size does that).
  if (status.ok() && preallocated_) status = fs_->Truncate(path_, size_);
  return status;
}

}  // namespace quiver
