#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "wal/wal_observer.h"

namespace quiver {

// A WalObserver for tests: records what it is told, and can run a hook inside OnFlushed
// (to block the flusher, for instance). Header-only; used by the WAL's tests and by tests
// of the layers above it.
//
// Thread-safety: thread-safe.
class RecordingWalObserver : public WalObserver {
 public:
  Status OnReplay(uint64_t sequence, std::string_view payload) override {
    std::lock_guard lock(mu_);
    if (!replay_error_.ok()) return replay_error_;
    replayed_.emplace_back(sequence, std::string(payload));
    return Status::OK();
  }

  void OnFlushed(const WalFlushInfo& info) override {
    std::function<void(const WalFlushInfo&)> hook;
    {
      std::lock_guard lock(mu_);
      std::vector<std::pair<uint64_t, std::string>> flush;
      for (const WalRecordView& record : info.records) {
        flush.emplace_back(record.sequence, std::string(record.payload));
      }
      flushes_.push_back(std::move(flush));
      last_closed_segments_ = info.closed_segments;
      hook = flush_hook_;
    }
    if (hook) hook(info);
    std::unique_lock lock(mu_);
    if (hold_next_flush_) {
      hold_next_flush_ = false;
      holding_ = true;
      cv_.notify_all();
      cv_.wait(lock, [this] { return !holding_; });
    }
  }

  // Makes the next OnFlushed block (holding the WAL's flusher inside a flush, after its
  // records are durable and before its writers are acknowledged) until ReleaseFlush().
  void HoldNextFlush() {
    std::lock_guard lock(mu_);
    hold_next_flush_ = true;
  }
  // Waits until a flush is being held.
  void WaitUntilFlushHeld() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return holding_; });
  }
  void ReleaseFlush() {
    std::lock_guard lock(mu_);
    holding_ = false;
    cv_.notify_all();
  }

  void set_replay_error(Status status) {
    std::lock_guard lock(mu_);
    replay_error_ = std::move(status);
  }
  void set_flush_hook(std::function<void(const WalFlushInfo&)> hook) {
    std::lock_guard lock(mu_);
    flush_hook_ = std::move(hook);
  }

  std::vector<std::pair<uint64_t, std::string>> replayed() const {
    std::lock_guard lock(mu_);
    return replayed_;
  }
  std::vector<std::vector<std::pair<uint64_t, std::string>>> flushes() const {
    std::lock_guard lock(mu_);
    return flushes_;
  }
  size_t last_closed_segments() const {
    std::lock_guard lock(mu_);
    return last_closed_segments_;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool hold_next_flush_ = false;
  bool holding_ = false;
  Status replay_error_;
  std::function<void(const WalFlushInfo&)> flush_hook_;
  std::vector<std::pair<uint64_t, std::string>> replayed_;
  std::vector<std::vector<std::pair<uint64_t, std::string>>> flushes_;
  size_t last_closed_segments_ = 0;
};

}  // namespace quiver
