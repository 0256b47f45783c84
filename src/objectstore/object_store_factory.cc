#include "objectstore/object_store_factory.h"

#include "io/posix_file_system.h"
#include "objectstore/local_object_store.h"
#include "objectstore/memory_object_store.h"

namespace quiver {

Result<std::unique_ptr<ObjectStore>> MakeObjectStore(const ObjectStoreConfig& config) {
  if (config.type == "file") {
    if (config.data_dir.empty()) {
      return Status::InvalidArgument("--object-store file needs --data-dir");
    }
    FileSystem* fs = config.fs != nullptr ? config.fs : PosixFileSystem::Default();
    ASSIGN_OR_RETURN(std::unique_ptr<LocalObjectStore> store,
                     LocalObjectStore::Make(fs, config.data_dir));
    return std::unique_ptr<ObjectStore>(std::move(store));
  }
  if (config.type == "memory") return std::unique_ptr<ObjectStore>(new MemoryObjectStore());
  if (config.type == "memory-throttled" || config.type == "s3" || config.type == "google" ||
      config.type == "azure") {
    return Status::NotImplemented("object store type not supported yet: {}", config.type);
  }
  return Status::InvalidArgument("unknown object store type: {} (expected file or memory)",
                                 config.type);
}

}  // namespace quiver
