#pragma once

// Private to src/columnar: C Data Interface import with the producer's exact types
// (dictionary index widths as declared), for the stream importer, which reads the schema
// once and many arrays against it.

#include "base/result.h"
#include "columnar/c_data_interface.h"
#include "columnar/record_batch.h"

namespace quiver::c_data_internal {

// The field as the producer declares it (no index normalisation). Does not release
// `schema`. Errors: InvalidArgument, NotImplemented.
Result<Field> ParseSchema(const ArrowSchema& schema);

// Imports `array` (consumed, even on error) whose exact type is the struct of `exact`'s
// fields, returning a batch with `normalized` (= NormalizeDictionaryIndexTypes(exact)).
Result<RecordBatchPtr> ImportRecordBatchExact(ArrowArray* array, const SchemaPtr& exact,
                                              const SchemaPtr& normalized);

}  // namespace quiver::c_data_internal
