#pragma once

#include <cstdint>

#include "base/result.h"
#include "columnar/array.h"
#include "parquet/file_metadata.h"
#include "parquet/page_index.h"
#include "parquet/random_access_source.h"
#include "parquet/reader_options.h"
#include "parquet/row_ranges.h"
#include "parquet/schema_mapping.h"

namespace quiver::parquet {

// Everything needed to decode one column chunk. References must outlive the call.
struct ColumnChunkReadRequest {
  const LeafColumn* column = nullptr;
  const ColumnChunk* chunk = nullptr;
  int64_t row_group_rows = 0;
  // Rows to produce (page-relative ranges are derived from it); null: every row.
  const RowRanges* selection = nullptr;
  // When present (and a selection is given) only the pages holding selected rows are
  // fetched; otherwise the whole chunk is fetched and unselected pages are not
  // decompressed.
  const OffsetIndex* offset_index = nullptr;
  const RandomAccessSource* source = nullptr;
  const ParquetReaderOptions* options = nullptr;
  ParquetReadCounters* counters = nullptr;  // may be null
};

// Decodes the selected rows of one column chunk into an array of column->field.type(),
// decoding pages straight into Arrow buffers:
//   - PLAIN, RLE (booleans), DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY,
//     DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT, RLE_DICTIONARY / PLAIN_DICTIONARY;
//     data pages v1 and v2; every codec of compression.h;
//   - Dictionary(Int32, Utf8/Binary) output keeps the chunk's dictionary page as the
//     dictionary; pages that fell back to another encoding are re-encoded into it (new
//     values are appended to the dictionary);
//   - INT96 timestamps are converted to nanoseconds.
// Errors: Corruption for anything malformed (never a crash or an allocation beyond the
// options' bounds), NotImplemented for unsupported encodings/codecs.
Result<Array> ReadColumnChunk(const ColumnChunkReadRequest& request);

}  // namespace quiver::parquet
