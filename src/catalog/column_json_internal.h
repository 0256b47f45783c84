#pragma once

// JSON encoding of column lists, shared by the catalog log and checkpoint codecs.
// Private to catalog/.

#include <vector>

#include "base/json_writer.h"
#include "catalog/catalog_schema.h"
#include "catalog/json_reader_internal.h"

namespace quiver {

// Writes `"columns":[{"id":..,"name":..,"type":..}, ...]` into the open object.
void WriteColumnsJson(JsonWriter& w, const std::vector<ColumnSchema>& columns);
// Reads the "columns" array of `object`.
Result<std::vector<ColumnSchema>> ReadColumnsJson(const JsonObject& object);

}  // namespace quiver
