#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "base/result.h"
#include "columnar/array.h"
#include "parquet/file_metadata.h"
#include "parquet/page_index.h"
#include "parquet/writer_options.h"

namespace quiver::parquet {

// What writing one column chunk produced: its ColumnChunk (meta_data filled in, file
// offsets absolute; the page-index fields are set later by the file writer) and its page
// index entries.
struct ColumnChunkOutput {
  ColumnChunk chunk;
  OffsetIndex offset_index;
  std::optional<ColumnIndex> column_index;  // absent when a page's bounds cannot be stored
  int64_t uncompressed_bytes = 0;  // page headers + uncompressed pages
};

// Encodes the column chunk of one row group: optionally a dictionary page, then data
// pages, appended to *out. `arrays` are the column's pieces for the row group in row
// order (any offsets/slices), `num_rows` slots in total, of the type of `field`; `leaf`
// is ParquetLeafFor(field). `file_offset` is the file position of out's current end.
//
// Layout decisions (see docs/formats/parquet.md): pages hold whole rows; each page
// has at most options.max_page_rows rows and about options.data_page_size bytes of
// plain-encoded values; definition levels (OPTIONAL columns only) are RLE with bit
// width 1; statistics follow the TypeDefinedOrder rules of statistics.h.
//
// Errors: InvalidArgument for nulls in a REQUIRED column or array types that differ
// from the field; NotImplemented for unsupported types; ResourceExhausted if a page
// would exceed 2 GiB.
Result<ColumnChunkOutput> WriteColumnChunk(const Field& field, const SchemaElement& leaf,
                                           std::span<const Array> arrays, int64_t num_rows,
                                           const ParquetWriterOptions& options,
                                           int64_t file_offset, std::string* out);

}  // namespace quiver::parquet
