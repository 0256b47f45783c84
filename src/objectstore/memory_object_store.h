#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/thread_annotations.h"
#include "objectstore/object_store.h"

namespace quiver {

// An ObjectStore in process memory (`--object-store memory`): nothing survives a restart.
// Validates keys exactly like LocalObjectStore so that tests on it catch bad keys.
//
// Thread-safety: thread-safe; one mutex guards the map. Object contents are immutable
// shared strings, so Get copies outside the lock.
class MemoryObjectStore final : public ObjectStore {
 public:
  // `clock` stamps modification times and must outlive the store.
  explicit MemoryObjectStore(const Clock* clock = SystemClock::Default());

  Status Put(std::string_view key, std::string_view bytes) override;
  Status PutIfAbsent(std::string_view key, std::string_view bytes) override;
  Result<std::string> Get(std::string_view key) override;
  Result<std::string> GetRange(std::string_view key, uint64_t offset, uint64_t length) override;
  Result<ObjectMeta> Head(std::string_view key) override;
  Status Delete(std::string_view key) override;
  Result<std::vector<ObjectMeta>> List(std::string_view prefix) override;
  std::string Describe() const override { return "memory:"; }

 private:
  struct Object {
    std::shared_ptr<const std::string> bytes;
    int64_t last_modified_nanos = 0;
  };

  Result<Object> Find(std::string_view key);

  const Clock* const clock_;
  std::mutex mu_;
  std::map<std::string, Object, std::less<>> objects_ GUARDED_BY(mu_);
};

}  // namespace quiver
