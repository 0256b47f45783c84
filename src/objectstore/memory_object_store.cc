#include "objectstore/memory_object_store.h"

#include <algorithm>

#include "objectstore/object_key.h"

namespace quiver {

MemoryObjectStore::MemoryObjectStore(const Clock* clock) : clock_(clock) {}

Status MemoryObjectStore::Put(std::string_view key, std::string_view bytes) {
  RETURN_NOT_OK(ValidateObjectKey(key));
  Object object{std::make_shared<const std::string>(bytes), clock_->NowNanos()};
  std::lock_guard lock(mu_);
  objects_.insert_or_assign(std::string(key), std::move(object));
  return Status::OK();
}

Status MemoryObjectStore::PutIfAbsent(std::string_view key, std::string_view bytes) {
  RETURN_NOT_OK(ValidateObjectKey(key));
  Object object{std::make_shared<const std::string>(bytes), clock_->NowNanos()};
  std::lock_guard lock(mu_);
  if (!objects_.try_emplace(std::string(key), std::move(object)).second) {
    return Status::AlreadyExists("object already exists: {}", key);
  }
  return Status::OK();
}

Result<MemoryObjectStore::Object> MemoryObjectStore::Find(std::string_view key) {
  RETURN_NOT_OK(ValidateObjectKey(key));
  std::lock_guard lock(mu_);
  auto it = objects_.find(key);
  if (it == objects_.end()) return Status::NotFound("object not found: {}", key);
  return it->second;
}

Result<std::string> MemoryObjectStore::Get(std::string_view key) {
  ASSIGN_OR_RETURN(Object object, Find(key));
  return *object.bytes;
}

Result<std::string> MemoryObjectStore::GetRange(std::string_view key, uint64_t offset,
                                                uint64_t length) {
  ASSIGN_OR_RETURN(Object object, Find(key));
  const std::string& bytes = *object.bytes;
  if (offset > bytes.size()) {
    return Status::OutOfRange("range start {} is past the end of object {} ({} bytes)", offset, key,
                              bytes.size());
  }
  return bytes.substr(offset, std::min<uint64_t>(length, bytes.size() - offset));
}

Result<ObjectMeta> MemoryObjectStore::Head(std::string_view key) {
  ASSIGN_OR_RETURN(Object object, Find(key));
  return ObjectMeta{std::string(key), object.bytes->size(), object.last_modified_nanos};
}

Status MemoryObjectStore::Delete(std::string_view key) {
  RETURN_NOT_OK(ValidateObjectKey(key));
  std::lock_guard lock(mu_);
  auto it = objects_.find(key);
  if (it != objects_.end()) objects_.erase(it);
  return Status::OK();
}

Result<std::vector<ObjectMeta>> MemoryObjectStore::List(std::string_view prefix) {
  RETURN_NOT_OK(ValidateObjectKeyPrefix(prefix));
  std::vector<ObjectMeta> objects;
  std::lock_guard lock(mu_);
  for (auto it = objects_.lower_bound(prefix);
       it != objects_.end() && it->first.starts_with(prefix); ++it) {
    objects.push_back(
        ObjectMeta{it->first, it->second.bytes->size(), it->second.last_modified_nanos});
  }
  return objects;
}

}  // namespace quiver
