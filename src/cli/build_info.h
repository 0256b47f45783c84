#pragma once

#include <string>

namespace quiver::cli {

// The release version (CMake project version), e.g. "0.1.0".
const char* QuiverVersion();
// The short git sha the binary was configured from, or "unknown".
const char* QuiverRevision();
// "quiver 0.1.0 (revision abc123def456)", what `quiver --version` prints.
std::string VersionString();

}  // namespace quiver::cli
