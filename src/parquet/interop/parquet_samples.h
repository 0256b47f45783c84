#pragma once

// Test-only: deterministic sample data for the Parquet unit tests and the interop tool
// (quiver_parquet_tool). tests/integration/test_parquet_interop.py rebuilds the same
// rows with pyarrow; changing a formula here means changing its Python twin.

#include <cstdint>
#include <vector>

#include "base/result.h"
#include "columnar/record_batch.h"
#include "parquet/writer_options.h"

namespace quiver::parquet::samples {

// Every Quiver column type, with nulls, `rows` rows (row i):
//   host    Dictionary(Int32, Utf8), tag:  "host-" + (i / 100 % 7), null if i % 37 == 5
//   region  Dictionary(Int32, Utf8), tag, not null: "r" + (i % 3)
//   f64     Float64: i * 0.25 - 100, null if i % 11 == 0
//   i64     Int64: (i * i) % 1000 - 500, null if i % 13 == 0
//   u64     UInt64: i if i is even else 2^64 - 1 - i, null if i % 17 == 0
//   b       Boolean: i % 3 == 0, null if i % 19 == 0
//   s       Utf8: "str-" + (i % 50), null if i % 23 == 0
//   u       Utf8 (high cardinality): "unique-" + i + "-" + "x" * (i % 5)
//   time    Timestamp(ns), not null: 1.7e18 + i * 1e9
// Field metadata "iox::column::type" as InfluxDB 3 writes it; schema metadata
// "iox::measurement::name" = "cpu".
Result<RecordBatchPtr> AllTypesBatch(int64_t rows);

// The batch above cut into pieces the writer must stitch together: slices at odd
// offsets and an empty batch.
Result<std::vector<RecordBatchPtr>> AllTypesPieces(int64_t rows);

// Options the canonical file uses: 1,000-row row groups, 300-row pages, a 2,000-byte
// dictionary limit (so `u` falls back to PLAIN mid-chunk), sorting_columns = [time].
ParquetWriterOptions AllTypesOptions();

// TSBS-like rows sorted by (host, time): `hosts` series of `points` points 10 s apart,
// tags host ("host_<h>") and region, fields usage (Float64) and count (Int64).
Result<RecordBatchPtr> SeriesBatch(int hosts, int points);

}  // namespace quiver::parquet::samples
