#pragma once

// Test-only: deterministic sample data covering every type Quiver models, nulls,
// nesting, dictionaries (growing and replaced), slices, empty batches and metadata.
// The canonical streams are what `quiver_ipc_tool write NAME` emits; the pytest suite
// (tests/integration/test_arrow_ipc.py) rebuilds each one independently with pyarrow and
// compares. Changing a stream here means changing its Python twin.

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "columnar/ipc_options.h"
#include "columnar/record_batch.h"

namespace quiver::samples {

// 4 rows: one column per primitive type (null, bool, int8..uint64, float32/64, utf8,
// binary, date32, timestamps in every unit with and without time zone, durations,
// month-day-nano intervals), each with a null in row 2.
Result<RecordBatchPtr> PrimitivesBatch();
// 4 rows: list<int64>, list<utf8>, struct<a, b>, map<utf8, int64>, dense union,
// list<struct<x, y>>, list<dictionary<utf8>> -- with nulls at both levels.
Result<RecordBatchPtr> NestedBatch();
// 10 rows of mixed types, meant to be sliced at odd offsets.
Result<RecordBatchPtr> SliceSourceBatch();

struct SampleStream {
  SchemaPtr schema;
  std::vector<RecordBatchPtr> batches;
  IpcWriteOptions options;
};

std::vector<std::string> CanonicalStreamNames();
// Errors: NotFound for an unknown name.
Result<SampleStream> MakeCanonicalStream(std::string_view name);

}  // namespace quiver::samples
