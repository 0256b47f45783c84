#pragma once

#include <cstdint>

#include "base/status.h"
#include "columnar/array.h"
#include "columnar/c_data_interface.h"
#include "columnar/record_batch.h"

// Export of Quiver types and data through the Arrow C Data Interface (zero-copy).
//
// Ownership: every function fills a caller-allocated struct (`out`) whose release
// callback the consumer must call exactly once. Exported arrays keep Quiver's buffers
// alive (each exported struct, children included, holds its ArrayData) until then.
// Release follows the specification: the base struct's release releases its children and
// dictionary unless the consumer has moved them out (their release set to NULL), and
// every struct can be moved bitwise. On error the outputs are left released
// (release == NULL) and nothing leaks.
//
// Thread-safety: export functions may run concurrently; a given exported struct must be
// released once, from any thread.
namespace quiver {

// Type only: the name is empty and the field nullable.
Status ExportType(const DataType& type, ArrowSchema* out);
// Name, type, nullability (ARROW_FLAG_NULLABLE) and metadata.
Status ExportField(const Field& field, ArrowSchema* out);
// A struct type ("+s") whose children are the fields; schema metadata on the top level.
Status ExportSchema(const Schema& schema, ArrowSchema* out);

// The array's data; when `out_schema` is given, its type as well. Offsets are exported as
// they are (no copy of sliced arrays).
Status ExportArray(const Array& array, ArrowArray* out, ArrowSchema* out_schema = nullptr);
// A batch as a struct array with one child per column (and, optionally, ExportSchema of
// its schema).
Status ExportRecordBatch(const RecordBatch& batch, ArrowArray* out,
                         ArrowSchema* out_schema = nullptr);

// Number of exported structs (schemas, arrays and streams, at every nesting level) whose
// release callback has not run yet. For tests that check consumers release everything.
int64_t LiveCDataExportCount();

namespace c_data_internal {
// Bookkeeping for LiveCDataExportCount (used by c_stream_interface.cc as well).
void NoteExported();
void NoteReleased();
}  // namespace c_data_internal

}  // namespace quiver
