#pragma once

#include "base/result.h"
#include "columnar/array.h"
#include "columnar/c_data_interface.h"
#include "columnar/record_batch.h"

// Import of Arrow C Data Interface structs produced by another library in this process
// (pyarrow, DuckDB, ADBC drivers, ...).
//
// Ownership: every function takes over the structs it is given -- they are moved out and
// left released (release == NULL) whether the import succeeds or not; callers must not
// release them again. Imported arrays are zero-copy: their buffers point at the
// producer's memory and share one owner per imported base ArrowArray, which calls the
// producer's release callback when the last Buffer referencing it goes away (children
// and dictionaries share their base struct's owner).
//
// Types: every type Quiver's DataType models; others (large_string, decimal, sparse
// unions, views, ...) fail with NotImplemented naming the format string. Dictionary
// indices of any integer width are converted to Int32 (a copy of the indices only), so
// imported types and arrays are always Dictionary(Int32, ...).
//
// Trust: the producer lives in this process and is trusted to follow the specification
// (the C interface carries no buffer sizes to check against). Struct fields are checked
// for consistency (buffer and child counts, null pointers, lengths); buffers are copied
// if they are misaligned for their element type; null counts of -1 are computed. Run
// ValidateArray on the result to check the values themselves.
namespace quiver {

Result<DataType> ImportType(ArrowSchema* schema);
Result<Field> ImportField(ArrowSchema* schema);
// REQUIRES: a struct type ("+s"); its children become the fields, its metadata the
// schema's.
Result<SchemaPtr> ImportSchema(ArrowSchema* schema);

// Both structs are consumed (even on error).
Result<Array> ImportArray(ArrowArray* array, ArrowSchema* schema);
// A struct array (as produced by ExportRecordBatch or pyarrow's RecordBatch export)
// with its "+s" schema. Errors: InvalidArgument if it is not a struct or has top-level
// nulls.
Result<RecordBatchPtr> ImportRecordBatch(ArrowArray* array, ArrowSchema* schema);

}  // namespace quiver
