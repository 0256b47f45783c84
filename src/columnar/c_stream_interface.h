#pragma once

#include <memory>

#include "base/result.h"
#include "columnar/c_data_interface.h"
#include "columnar/record_batch_reader.h"

// The Arrow C Stream Interface (ArrowArrayStream) over Quiver's RecordBatchReader.
namespace quiver {

// Fills `out` with a stream that pulls from `reader` (which it owns from now on):
// get_schema exports reader->schema() (as ExportSchema does), get_next exports the next
// batch (as ExportRecordBatch does) or marks `out` released at the end, and errors from
// the reader are reported as errno-style codes (EINVAL, ENOMEM, ENOSYS, EIO) with the
// status text available from get_last_error until the next call. release destroys the
// reader. The callbacks are not thread-safe (one consumer at a time, per the spec).
Status ExportRecordBatchReader(std::unique_ptr<RecordBatchReader> reader, ArrowArrayStream* out);

// Takes over `stream` (moved out and left released, even on error), reads its schema and
// returns a reader whose Next() imports one batch at a time (zero-copy; see
// c_data_import.h) and that releases the stream when destroyed. Dictionary indices are
// normalised to Int32 in schema() and the batches.
// Errors: those of get_schema (IOError with the producer's message) and of ImportSchema.
Result<std::unique_ptr<RecordBatchReader>> ImportRecordBatchReader(ArrowArrayStream* stream);

}  // namespace quiver
