#include "cli/build_info.h"

#include <fmt/format.h>

// Set by src/cli/CMakeLists.txt at configure time.
#ifndef QUIVER_VERSION
#define QUIVER_VERSION "0.0.0"
#endif
#ifndef QUIVER_GIT_REVISION
#define QUIVER_GIT_REVISION "unknown"
#endif

namespace quiver::cli {

const char* QuiverVersion() { return QUIVER_VERSION; }
const char* QuiverRevision() { return QUIVER_GIT_REVISION; }

std::string VersionString() {
  return fmt::format("quiver {} (revision {})", QuiverVersion(), QuiverRevision());
}

}  // namespace quiver::cli
