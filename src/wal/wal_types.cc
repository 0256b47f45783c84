#include "wal/wal_types.h"

namespace quiver {

Result<WalRecoveryMode> ParseWalRecoveryMode(std::string_view text) {
  if (text == "strict") return WalRecoveryMode::kStrict;
  if (text == "truncate") return WalRecoveryMode::kTruncate;
  return Status::InvalidArgument("invalid WAL recovery mode (expected strict or truncate): {}",
                                 text);
}

}  // namespace quiver
