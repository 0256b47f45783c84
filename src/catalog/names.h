#pragma once

#include <string_view>

#include "base/status.h"

namespace quiver {

// Database names (as InfluxDB 3): ASCII letters, digits, '_' and '-', at most one '/'
// (the v1 "db/rp" form) which may not be last, first character a letter or digit,
// 1-511 bytes. Errors use InfluxDB 3's wording.
Status ValidateDatabaseName(std::string_view name);

// Table names: non-empty, at most 511 bytes, valid UTF-8 is not checked here (the line
// protocol parser and SQL layer deliver bytes as given).
Status ValidateTableName(std::string_view name);

// Tag and field names: non-empty, not reserved ("time", "__chunk_order"), at most 511
// bytes.
Status ValidateColumnName(std::string_view name);

}  // namespace quiver
