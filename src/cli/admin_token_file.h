#pragma once

#include <optional>
#include <string>

#include "base/result.h"
#include "server/http/api_token.h"

namespace quiver::cli {

// <data_dir>/<node_id>/auth/admin-token.sha256: the SHA-256 (64 lower-case hex digits and
// a newline) of the admin token the server generated on its first start. The token itself
// is never stored.
std::string AdminTokenHashPath(const std::string& data_dir, const std::string& node_id);

struct AdminTokenBootstrap {
  http::TokenDigest digest;
  // Set only on the start that generated the token: print it once, then forget it.
  std::optional<std::string> generated_token;
  // Where the hash lives.
  std::string path;
};

// Loads the stored admin-token hash; if there is none (first start), generates a token,
// stores its hash and returns the token in `generated_token`. The hash file is written
// atomically (temporary file, fsync, rename, fsync of the directory) with mode 0600;
// missing directories are created (the auth directory with mode 0700).
// Errors: Corruption if the file exists but is not a hash; IOError naming the path for
// file-system failures.
//
// Not safe against two servers bootstrapping the same data directory at the same time
// (a later issue adds a data-directory lock).
Result<AdminTokenBootstrap> LoadOrCreateAdminToken(const std::string& data_dir,
                                                   const std::string& node_id);

}  // namespace quiver::cli
