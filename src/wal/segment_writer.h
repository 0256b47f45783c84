#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"
#include "io/file_system.h"

namespace quiver {

// Appends flushes of already-framed records to one WAL segment file.
//
// Thread-safety: not thread-safe; owned and used by the WAL's flusher thread only.
class SegmentWriter {
 public:
  // Creates `<dir>/<SegmentFileName(first_sequence)>`, writes and fdatasyncs the header and
  // fsyncs `dir`, so the file is durable before any record is acknowledged in it. If
  // `preallocate_bytes` > 0, reserves that much space (a hint; failures are ignored).
  // `fs` must outlive the writer.
  static Result<std::unique_ptr<SegmentWriter>> Create(FileSystem* fs, const std::string& dir,
                                                       uint64_t first_sequence,
                                                       uint64_t preallocate_bytes);

  // Reopens an existing segment to append after its current end, which the caller has
  // verified (and truncated) to be just past a good record.
  static Result<std::unique_ptr<SegmentWriter>> Reopen(FileSystem* fs, const std::string& path,
                                                       uint64_t first_sequence,
                                                       uint64_t preallocate_bytes);

  ~SegmentWriter();
  SegmentWriter(const SegmentWriter&) = delete;
  SegmentWriter& operator=(const SegmentWriter&) = delete;

  // Appends `records` (one flush) in one write.
  Status Append(std::string_view records);
  // fdatasync.
  Status Sync();
  // Closes the file and trims the preallocated space beyond its end. Idempotent.
  Status Finish();

  uint64_t size() const { return size_; }
  uint64_t first_sequence() const { return first_sequence_; }
  const std::string& path() const { return path_; }

 private:
  SegmentWriter(FileSystem* fs, std::unique_ptr<WritableFile> file, uint64_t first_sequence,
                bool preallocated);
  static void Preallocate(WritableFile* file, uint64_t bytes, bool* preallocated);

  FileSystem* const fs_;
  std::unique_ptr<WritableFile> file_;  // null after Finish
  const std::string path_;
  const uint64_t first_sequence_;
  uint64_t size_;
  bool preallocated_;
};

}  // namespace quiver
