#include "wal/wal.h"

#include <algorithm>
#include <chrono>

#include "base/logging.h"
#include "io/path.h"
#include "wal/wal_format.h"
#include "wal/wal_replayer.h"

namespace quiver {
namespace {

int64_t SteadyNowNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

Status ValidateOptions(const WalOptions& options) {
  if (options.segment_size == 0) return Status::InvalidArgument("WAL segment size must be > 0");
  if (options.flush_interval_nanos < 0) {
    return Status::InvalidArgument("WAL flush interval must not be negative: {}ns",
                                   options.flush_interval_nanos);
  }
  if (options.max_buffer_bytes < wal_format::kRecordHeaderSize) {
    return Status::InvalidArgument("WAL buffer limit is too small: {} bytes",
                                   options.max_buffer_bytes);
  }
  return Status::OK();
}

}  // namespace

Wal::Wal(FileSystem* fs, std::string dir, WalOptions options, WalObserver* observer)
    : fs_(fs), dir_(std::move(dir)), options_(options), observer_(observer) {}

Wal::~Wal() { (void)Close(); }

Result<std::unique_ptr<Wal>> Wal::Open(FileSystem* fs, std::string dir, WalOptions options,
                                       WalObserver* observer) {
  RETURN_NOT_OK(ValidateOptions(options));
  RETURN_NOT_OK(CreateDirsDurably(fs, dir));
  std::unique_ptr<Wal> wal(new Wal(fs, std::move(dir), options, observer));
  if (options.lock_directory) {
    ASSIGN_OR_RETURN(wal->dir_lock_, fs->LockFile(JoinPath(wal->dir_, "LOCK")));
  }

  int64_t start = SteadyNowNanos();
  ASSIGN_OR_RETURN(WalReplayResult replay, ReplayWal(fs, wal->dir_, options.persisted_sequence,
                                                     options.recovery, observer));
  const uint64_t next_sequence = std::max(replay.last_sequence, options.persisted_sequence) + 1;
  LOG_INFO("wal",
           "opened WAL {}: {} segments, replayed {} records ({} already persisted) in "
           "{}ms, next sequence {}",
           wal->dir_, replay.segments.size(), replay.records_replayed, replay.records_skipped,
           (SteadyNowNanos() - start) / kNanosPerMilli, next_sequence);

  // Continue in the last segment if the next record is its next sequence; otherwise the
  // first flush starts a new segment.
  bool reopen =
      !replay.segments.empty() && replay.segments.back().last_sequence + 1 == next_sequence;
  if (reopen) {
    const WalSegmentInfo& last = replay.segments.back();
    ASSIGN_OR_RETURN(wal->active_,
                     SegmentWriter::Reopen(fs, last.path, last.first_sequence,
                                           options.preallocate ? options.segment_size : 0));
  }
  {
    std::lock_guard lock(wal->mu_);
    wal->next_sequence_ = next_sequence;
    wal->synced_sequence_ = next_sequence - 1;
    wal->segments_ = std::move(replay.segments);
    wal->has_active_ = reopen;
  }
  wal->flusher_ = std::thread([raw = wal.get()] { raw->FlusherLoop(); });
  return wal;
}

Result<uint64_t> Wal::Append(std::string_view payload, Durability durability) {
  if (payload.size() > wal_format::kMaxPayloadSize) {
    return Status::InvalidArgument("WAL record too large: {} bytes (maximum {})", payload.size(),
                                   wal_format::kMaxPayloadSize);
  }
  const uint64_t record_size = wal_format::RecordSize(payload.size());
  if (record_size > options_.max_buffer_bytes) {
    return Status::ResourceExhausted(
        "WAL record of {} bytes exceeds the WAL buffer limit of {} bytes", record_size,
        options_.max_buffer_bytes);
  }
  // The expensive part of the checksum, outside the lock (see docs/formats/wal.md).
  const uint32_t payload_crc = wal_format::PayloadCrc(payload);

  std::unique_lock lock(mu_);
  if (!error_.ok()) return error_;
  if (closing_) return Status::Cancelled("WAL is closed: {}", dir_);
  if (buffered_bytes_ + record_size > options_.max_buffer_bytes) {
    return Status::ResourceExhausted(
        "WAL buffer full: {} bytes are waiting for the disk (limit {} bytes)", buffered_bytes_,
        options_.max_buffer_bytes);
  }
  const uint64_t sequence = next_sequence_++;
  if (pending_.empty()) {
    pending_.oldest_nanos = SteadyNowNanos();
    if (pending_.bytes.capacity() == 0) pending_.bytes.swap(spare_buffer_);
  }
  const uint8_t flags = pending_.empty() ? wal_format::kFlagFirstInFlush : 0;
  wal_format::AppendRecord(&pending_.bytes, sequence, flags, payload, payload_crc);
  pending_.entries.push_back(
      Batch::Entry{sequence, pending_.bytes.size() - payload.size(), payload.size()});
  buffered_bytes_ += record_size;

  const bool durable = durability == Durability::kSync;
  if (durable) ++pending_.durable_waiters;
  if (durable || pending_.entries.size() == 1 || pending_.bytes.size() >= EarlyFlushBytes()) {
    flusher_cv_.notify_one();
  }
  if (!durable) return sequence;

  done_cv_.wait(lock, [&] { return synced_sequence_ >= sequence || !error_.ok(); });
  if (synced_sequence_ >= sequence) return sequence;
  return error_;
}

Status Wal::Sync() {
  std::unique_lock lock(mu_);
  const uint64_t target = next_sequence_ - 1;
  if (!pending_.empty()) {
    ++pending_.durable_waiters;
    flusher_cv_.notify_one();
  }
  done_cv_.wait(lock, [&] { return synced_sequence_ >= target || !error_.ok(); });
  return synced_sequence_ >= target ? Status::OK() : error_;
}

void Wal::FlusherLoop() {
  std::unique_lock lock(mu_);
  while (true) {
    flusher_cv_.wait(lock, [&] { return closing_ || !pending_.empty(); });
    if (pending_.empty()) break;  // closing, and everything is flushed
    if (!error_.ok()) {
      // Nothing more will be written (invariant 4); the waiters see error_.
      buffered_bytes_ -= pending_.bytes.size();
      pending_ = Batch{};
      done_cv_.notify_all();
      continue;
    }
    GatherLocked(lock);

    Batch batch = std::move(pending_);
    pending_ = Batch{};
    lock.unlock();

    const int64_t flush_start = SteadyNowNanos();
    Status status = WriteBatch(batch);
    const int64_t flush_nanos = SteadyNowNanos() - flush_start;
    if (status.ok() && observer_ != nullptr) {
      std::vector<WalRecordView> records;
      records.reserve(batch.entries.size());
      for (const Batch::Entry& entry : batch.entries) {
        records.push_back(WalRecordView{
            entry.sequence,
            std::string_view(batch.bytes).substr(entry.payload_offset, entry.payload_size)});
      }
      observer_->OnFlushed(WalFlushInfo{records, ClosedSegmentCount()});
    }
    const uint64_t segment_size = active_ != nullptr ? active_->size() : 0;

    lock.lock();
    last_flush_nanos_ = flush_nanos;
    // Every durable writer is either in the batch just written or already pending (a writer
    // has one Append outstanding at a time), so this counts the concurrent writers.
    expected_writers_ = batch.durable_waiters + pending_.durable_waiters;
    buffered_bytes_ -= batch.bytes.size();
    if (status.ok()) {
      synced_sequence_ = batch.entries.back().sequence;
      ++flush_count_;
      if (has_active_) {
        segments_.back().last_sequence = synced_sequence_;
        segments_.back().size_bytes = segment_size;
      }
      // Keep the buffer for the next batch, unless an unusually large flush grew it.
      constexpr size_t kMaxSpareCapacity = 8 << 20;
      batch.bytes.clear();
      if (batch.bytes.capacity() <= kMaxSpareCapacity &&
          spare_buffer_.capacity() < batch.bytes.capacity()) {
        spare_buffer_.swap(batch.bytes);
      }
    } else if (error_.ok()) {
      error_ = Status(status.code(),
                      fmt::format("WAL flush failed, no further writes are accepted until "
                                  "restart: {}",
                                  status.message()));
      LOG_ERROR("wal", "{}", error_.message());
    }
    done_cv_.notify_all();
  }
}

void Wal::GatherLocked(std::unique_lock<std::mutex>& lock) {
  if (closing_ || pending_.bytes.size() >= EarlyFlushBytes()) return;
  auto ready = [&] {
    return closing_ || pending_.bytes.size() >= EarlyFlushBytes() ||
           (pending_.durable_waiters > 0 && pending_.durable_waiters >= expected_writers_);
  };
  if (ready()) return;
  int64_t deadline_nanos;
  if (pending_.durable_waiters == 0) {
    // Only no_sync records: gather for up to flush_interval after the first one.
    deadline_nanos = pending_.oldest_nanos + options_.flush_interval_nanos;
  } else {
    // Durable writers are waiting, but fewer than were active around the last flush: the
    // writers it just acknowledged are probably about to append again. Without this wait
    // the writers settle into two groups that alternate between flushes, each flush
    // carrying half of them. Waiting at most half a flush time bounds the cost when they
    // do not come back (and the estimate then drops).
    deadline_nanos =
        SteadyNowNanos() + std::min(options_.flush_interval_nanos, last_flush_nanos_ / 2);
  }
  auto deadline = std::chrono::steady_clock::time_point(std::chrono::nanoseconds(deadline_nanos));
  flusher_cv_.wait_until(lock, deadline, ready);
}

Status Wal::WriteBatch(const Batch& batch) {
  if (active_ == nullptr || active_->size() >= options_.segment_size) {
    RETURN_NOT_OK(Rotate(batch.entries.front().sequence));
  }
  RETURN_NOT_OK(active_->Append(batch.bytes));
  return active_->Sync();
}

Status Wal::Rotate(uint64_t first_sequence) {
  if (active_ != nullptr) {
    Status finished = active_->Finish();
    uint64_t final_size = active_->size();
    active_.reset();
    {
      std::lock_guard lock(mu_);
      has_active_ = false;
      segments_.back().size_bytes = final_size;
    }
    RETURN_NOT_OK(finished);
  }
  ASSIGN_OR_RETURN(std::unique_ptr<SegmentWriter> writer,
                   SegmentWriter::Create(fs_, dir_, first_sequence,
                                         options_.preallocate ? options_.segment_size : 0));
  {
    std::lock_guard lock(mu_);
    segments_.push_back(
        WalSegmentInfo{writer->path(), first_sequence, first_sequence - 1, writer->size()});
    has_active_ = true;
  }
  LOG_DEBUG("wal", "started WAL segment {}", writer->path());
  active_ = std::move(writer);
  return Status::OK();
}

Status Wal::Close() {
  std::lock_guard close_lock(close_mu_);
  if (closed_) return error();
  closed_ = true;
  {
    std::lock_guard lock(mu_);
    closing_ = true;
  }
  flusher_cv_.notify_one();
  if (flusher_.joinable()) flusher_.join();
  Status finished = active_ != nullptr ? active_->Finish() : Status::OK();
  dir_lock_.reset();
  std::lock_guard lock(mu_);
  if (!error_.ok()) return error_;
  return finished;
}

size_t Wal::ClosedSegmentCountLocked() const { return segments_.size() - (has_active_ ? 1 : 0); }

std::vector<WalSegmentInfo> Wal::CoveredLocked(uint64_t persisted_sequence) const {
  std::vector<WalSegmentInfo> covered;
  const size_t closed = ClosedSegmentCountLocked();
  for (size_t index = 0; index < closed; ++index) {
    if (segments_[index].last_sequence > persisted_sequence) break;
    covered.push_back(segments_[index]);
  }
  return covered;
}

std::vector<WalSegmentInfo> Wal::SegmentsCoveredBy(uint64_t persisted_sequence) const {
  std::lock_guard lock(mu_);
  return CoveredLocked(persisted_sequence);
}

Result<size_t> Wal::DeleteSegmentsCoveredBy(uint64_t persisted_sequence) {
  std::lock_guard delete_lock(delete_mu_);
  std::vector<WalSegmentInfo> victims = SegmentsCoveredBy(persisted_sequence);
  size_t deleted = 0;
  Status status;
  for (const WalSegmentInfo& segment : victims) {
    Status removed = fs_->DeleteFile(segment.path);
    if (!removed.ok() && !removed.IsNotFound()) {
      status = removed;
      break;
    }
    ++deleted;
  }
  if (deleted > 0) {
    {
      // Only this function removes segments, and only from the front (invariant 6).
      std::lock_guard lock(mu_);
      segments_.erase(segments_.begin(), segments_.begin() + static_cast<ptrdiff_t>(deleted));
    }
    LOG_DEBUG("wal", "deleted {} WAL segments covered by sequence {}", deleted, persisted_sequence);
    Status synced = fs_->SyncDir(dir_);
    if (status.ok()) status = synced;
  }
  if (!status.ok()) return status;
  return deleted;
}

std::vector<WalSegmentInfo> Wal::Segments() const {
  std::lock_guard lock(mu_);
  return segments_;
}

size_t Wal::ClosedSegmentCount() const {
  std::lock_guard lock(mu_);
  return ClosedSegmentCountLocked();
}

uint64_t Wal::LastSequence() const {
  std::lock_guard lock(mu_);
  return next_sequence_ - 1;
}

uint64_t Wal::SyncedSequence() const {
  std::lock_guard lock(mu_);
  return synced_sequence_;
}

uint64_t Wal::FlushCount() const {
  std::lock_guard lock(mu_);
  return flush_count_;
}

uint64_t Wal::BufferedBytes() const {
  std::lock_guard lock(mu_);
  return buffered_bytes_;
}

Status Wal::error() const {
  std::lock_guard lock(mu_);
  return error_;
}

}  // namespace quiver
