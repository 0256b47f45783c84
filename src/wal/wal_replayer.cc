#include "wal/wal_replayer.h"

#include <algorithm>
#include <optional>

#include "base/logging.h"
#include "io/path.h"
#include "wal/segment_reader.h"
#include "wal/wal_format.h"

namespace quiver {
namespace {

// Walks the segments in order; one instance per ReplayWal call.
class Replayer {
 public:
  Replayer(FileSystem* fs, const std::string& dir, uint64_t persisted_sequence,
           WalRecoveryMode recovery, WalObserver* observer)
      : fs_(fs),
        dir_(dir),
        persisted_(persisted_sequence),
        recovery_(recovery),
        observer_(observer) {}

  Result<WalReplayResult> Run() {
    ASSIGN_OR_RETURN(std::vector<WalSegmentInfo> segments, ListWalSegments(fs_, dir_));
    for (size_t index = 0; index < segments.size(); ++index) {
      const bool is_last = index + 1 == segments.size();
      WalSegmentInfo& segment = segments[index];

      // A segment whose successor starts at or below persisted + 1 holds only persisted
      // records: keep it (persistence deletes it) but do not read it.
      if (!is_last && segments[index + 1].first_sequence <= persisted_ + 1) {
        ASSIGN_OR_RETURN(segment.size_bytes, fs_->FileSize(segment.path));
        segment.last_sequence = segments[index + 1].first_sequence - 1;
        Keep(segment);
        continue;
      }

      // Sequences must continue from the previous segment, except across a gap that the
      // persisted sequence covers (segments deleted after persistence).
      const uint64_t first = segment.first_sequence;
      const bool continuous = previous_last_.has_value()
                                  ? first == *previous_last_ + 1 ||
                                        (first > *previous_last_ + 1 && first <= persisted_ + 1)
                                  : first <= persisted_ + 1;
      if (!continuous) {
        std::string problem =
            previous_last_.has_value()
                ? fmt::format("segment starts at sequence {} but the previous one ends at {}",
                              segment.first_sequence, *previous_last_)
                : fmt::format(
                      "segment starts at sequence {} but records after the persisted "
                      "sequence {} are missing",
                      segment.first_sequence, persisted_);
        RETURN_NOT_OK(HandleCorruption(segments, index, /*offset=*/0, problem, nullptr));
        break;
      }

      ASSIGN_OR_RETURN(std::string bytes, fs_->ReadFile(segment.path));
      SegmentScan scan = ScanSegment(bytes, segment.first_sequence);
      using Tail = SegmentScan::Tail;
      if (scan.tail == Tail::kNoHeader && is_last) {
        LOG_WARN("wal",
                 "WAL segment {} has no complete header ({} bytes; a crash right after "
                 "creating it): deleting it",
                 segment.path, bytes.size());
        RETURN_NOT_OK(fs_->DeleteFile(segment.path));
        result_.bytes_discarded += bytes.size();
        continue;
      }
      if (scan.tail == Tail::kNoHeader || scan.tail == Tail::kBadHeader ||
          scan.tail == Tail::kCorrupt || (scan.tail == Tail::kTorn && !is_last)) {
        std::string problem = scan.tail == Tail::kNoHeader ? "segment has no header"
                              : scan.tail == Tail::kBadHeader
                                  ? "bad segment header: " + scan.problem
                                  : scan.problem;
        if (scan.tail == Tail::kTorn) problem += " (in a segment that is not the last one)";
        RETURN_NOT_OK(HandleCorruption(segments, index, scan.problem_offset, problem, &scan));
        break;
      }

      RETURN_NOT_OK(Deliver(scan, segment.path));
      if (scan.valid_end < bytes.size() && is_last) {
        uint64_t dropped = bytes.size() - scan.valid_end;
        if (scan.tail == Tail::kTorn) {
          LOG_WARN("wal",
                   "WAL segment {} has a torn tail at byte {} ({}): truncating {} bytes "
                   "that were never acknowledged as durable",
                   segment.path, scan.valid_end, scan.problem, dropped);
        } else {
          LOG_INFO("wal", "WAL segment {}: truncating {} zero bytes after byte {}", segment.path,
                   dropped, scan.valid_end);
        }
        RETURN_NOT_OK(fs_->Truncate(segment.path, scan.valid_end));
        result_.bytes_discarded += dropped;
        segment.size_bytes = scan.valid_end;
      } else {
        segment.size_bytes = bytes.size();
      }
      segment.last_sequence = scan.next_sequence() - 1;
      Keep(segment);
    }
    return std::move(result_);
  }

 private:
  void Keep(const WalSegmentInfo& segment) {
    result_.segments.push_back(segment);
    previous_last_ = segment.last_sequence;
    result_.last_sequence = std::max(result_.last_sequence, segment.last_sequence);
  }

  Status Deliver(const SegmentScan& scan, const std::string& path) {
    for (const WalRecordView& record : scan.records) {
      if (record.sequence <= persisted_) {
        ++result_.records_skipped;
        continue;
      }
      if (observer_ != nullptr) {
        Status status = observer_->OnReplay(record.sequence, record.payload);
        if (!status.ok()) {
          return status.WithContext(
              fmt::format("WAL replay of sequence {} from {}", record.sequence, path));
        }
      }
      ++result_.records_replayed;
    }
    return Status::OK();
  }

  // Damage at `offset` of segments[index]. Strict: the error. Truncate: keep the good
  // records before it, cut the segment there (delete it if nothing good remains) and delete
  // every later segment.
  Status HandleCorruption(const std::vector<WalSegmentInfo>& segments, size_t index,
                          uint64_t offset, const std::string& problem, const SegmentScan* scan) {
    const WalSegmentInfo& segment = segments[index];
    if (recovery_ == WalRecoveryMode::kStrict) {
      return Status::Corruption(
          "WAL corruption in {} at byte {}: {} (refusing to start; --wal-recovery=truncate "
          "discards this record and everything after it)",
          segment.path, offset, problem);
    }
    bool keep_prefix = scan != nullptr && scan->first_sequence != 0 && !scan->records.empty();
    LOG_ERROR("wal",
              "WAL corruption in {} at byte {}: {}. --wal-recovery=truncate: discarding "
              "everything from there on ({} later segment files){}",
              segment.path, offset, problem, segments.size() - index - 1,
              keep_prefix
                  ? fmt::format("; keeping records {}..{} of this file",
                                scan->records.front().sequence, scan->records.back().sequence)
                  : "; deleting this file");
    if (keep_prefix) {
      RETURN_NOT_OK(Deliver(*scan, segment.path));
      ASSIGN_OR_RETURN(uint64_t size, fs_->FileSize(segment.path));
      RETURN_NOT_OK(fs_->Truncate(segment.path, scan->valid_end));
      result_.bytes_discarded += size - scan->valid_end;
      WalSegmentInfo kept = segment;
      kept.size_bytes = scan->valid_end;
      kept.last_sequence = scan->next_sequence() - 1;
      Keep(kept);
    } else {
      RETURN_NOT_OK(DeleteSegment(segment));
    }
    for (size_t later = index + 1; later < segments.size(); ++later) {
      RETURN_NOT_OK(DeleteSegment(segments[later]));
    }
    return fs_->SyncDir(dir_);
  }

  Status DeleteSegment(const WalSegmentInfo& segment) {
    Result<uint64_t> size = fs_->FileSize(segment.path);
    if (size.ok()) result_.bytes_discarded += *size;
    return fs_->DeleteFile(segment.path);
  }

  FileSystem* const fs_;
  const std::string& dir_;
  const uint64_t persisted_;
  const WalRecoveryMode recovery_;
  WalObserver* const observer_;
  WalReplayResult result_;
  std::optional<uint64_t> previous_last_;
};

}  // namespace

Result<std::vector<WalSegmentInfo>> ListWalSegments(FileSystem* fs, const std::string& dir) {
  ASSIGN_OR_RETURN(std::vector<DirEntry> entries, fs->ListDir(dir));
  std::vector<WalSegmentInfo> segments;
  for (const DirEntry& entry : entries) {
    if (entry.is_directory) continue;
    std::optional<uint64_t> first = wal_format::ParseSegmentFileName(entry.name);
    if (!first.has_value()) continue;
    WalSegmentInfo segment;
    segment.path = JoinPath(dir, entry.name);
    segment.first_sequence = *first;
    segment.last_sequence = *first - 1;
    segments.push_back(std::move(segment));
  }
  std::sort(segments.begin(), segments.end(),
            [](const auto& a, const auto& b) { return a.first_sequence < b.first_sequence; });
  return segments;
}

Result<WalReplayResult> ReplayWal(FileSystem* fs, const std::string& dir,
                                  uint64_t persisted_sequence, WalRecoveryMode recovery,
                                  WalObserver* observer) {
  return Replayer(fs, dir, persisted_sequence, recovery, observer).Run();
}

}  // namespace quiver
