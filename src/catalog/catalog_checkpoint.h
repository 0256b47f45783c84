#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "catalog/catalog_schema.h"

namespace quiver {

// The full catalog state at one sequence number, as JSON (docs/formats/catalog.md).
// Loading a checkpoint and replaying the log commits after it reproduces the catalog.
std::string EncodeCatalogCheckpoint(const CatalogSnapshot& snapshot);
Result<CatalogSnapshotPtr> DecodeCatalogCheckpoint(std::string_view json, std::string_view source);

}  // namespace quiver
