#pragma once

#include <memory>
#include <string>

#include "base/result.h"
#include "io/file_system.h"
#include "objectstore/object_store.h"

namespace quiver {

// The server flags that choose an object store.
struct ObjectStoreConfig {
  std::string type = "file";  // --object-store: "file" or "memory"
  std::string data_dir;       // --data-dir: the root for "file"; required there
  // File system for "file"; nullptr means PosixFileSystem::Default(). Must outlive the store.
  FileSystem* fs = nullptr;
};

// Builds the store the flags describe. Errors: InvalidArgument for an unknown type or a
// missing --data-dir; NotImplemented for InfluxDB types Quiver does not have yet
// ("memory-throttled", "s3", "google", "azure"); IOError if the root cannot be created.
Result<std::unique_ptr<ObjectStore>> MakeObjectStore(const ObjectStoreConfig& config);

}  // namespace quiver
