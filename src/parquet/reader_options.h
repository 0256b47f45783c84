#pragma once

#include <atomic>
#include <cstdint>

#include "columnar/memory_pool.h"
#include "parquet/schema_mapping.h"

namespace quiver::parquet {

// Bounds and choices for reading untrusted files. Anything a file declares beyond these
// bounds is refused (ResourceExhausted or Corruption) before memory is committed.
struct ParquetReaderOptions {
  SchemaMappingOptions schema;
  // Footer (FileMetaData) size; it is also bounded by the file size.
  int64_t max_footer_size = int64_t{256} << 20;
  // Uncompressed size of one page.
  int64_t max_page_size = int64_t{512} << 20;
  // Rows of one row group (a file may declare anything; decoding allocates per row).
  int64_t max_row_group_rows = int64_t{1} << 27;
  // Bytes a DELTA_BYTE_ARRAY page may expand to.
  int64_t max_delta_byte_array_bytes = int64_t{1} << 30;
  // Check PageHeader.crc where present.
  bool verify_page_checksums = false;
  // Run ValidateArray (UTF-8 of strings, dictionary indices) on every column read.
  bool validate = true;
  MemoryPool* pool = DefaultMemoryPool();
};

// Counters of what reads did, for tests and EXPLAIN ANALYZE-style reporting. Relaxed
// atomics: totals are exact once the reads they count have returned.
struct ParquetReadCounters {
  std::atomic<int64_t> bytes_read{0};          // requested from the source
  std::atomic<int64_t> pages_decoded{0};       // data pages decompressed and decoded
  std::atomic<int64_t> pages_skipped{0};       // data pages passed over by row selection
  std::atomic<int64_t> dictionary_pages{0};
  std::atomic<int64_t> rows_decoded{0};        // rows of decoded pages (all columns)
};

}  // namespace quiver::parquet
