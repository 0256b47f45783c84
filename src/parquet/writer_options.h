#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "parquet/delta_binary_packed.h"
#include "parquet/file_metadata.h"
#include "parquet/format_enums.h"
#include "types/key_value_metadata.h"

namespace quiver::parquet {

// How ParquetWriter lays out a file. The defaults are what Quiver persists (see
// docs/formats/parquet.md for the measurements behind them).
struct ParquetWriterOptions {
  // Page compression: kZstd (default), kSnappy, kGzip, kLz4Raw or kUncompressed.
  CompressionCodec compression = CompressionCodec::kZstd;
  // ZSTD level 1..22 (GZIP 1..9); 0 = the codec's default.
  int compression_level = 3;
  // ZSTD's shortest match (3..7; 0 = the level's default). See compression.h.
  int zstd_min_match = 0;

  // Rows per row group (InfluxDB 3 writes at most 100,000).
  int64_t max_row_group_rows = 100'000;
  // A data page ends when its values (plain-encoded size) reach this many bytes or it
  // holds max_page_rows rows, whichever comes first.
  int64_t data_page_size = int64_t{1} << 20;
  int64_t max_page_rows = 20'000;
  // A dictionary-encoded column chunk falls back to `string_fallback_encoding` for the
  // rest of the chunk once its dictionary holds more than this many (plain-encoded)
  // bytes, as parquet-cpp does.
  int64_t dictionary_page_size_limit = int64_t{1} << 20;
  // Data page format: 1 (DataPageHeader, the widely read default) or 2 (DataPageHeaderV2).
  int data_page_version = 1;

  // Column-chunk statistics (min, max, null count) and the page index (ColumnIndex +
  // OffsetIndex). Min/max longer than max_statistics_size bytes are left out.
  bool write_statistics = true;
  bool write_page_index = true;
  int64_t max_statistics_size = 4096;
  // CRC-32 of every page (PageHeader.crc).
  bool write_page_checksums = false;

  // Encodings. Integers (INT32/INT64, including timestamps): kDeltaBinaryPacked or
  // kPlain (or kByteStreamSplit). Floating point: kByteStreamSplit or kPlain. Utf8 and
  // Binary columns are dictionary-encoded when `dictionary_strings` (tags, being Arrow
  // dictionaries, always start dictionary-encoded); beyond the dictionary limit, and for
  // strings without a dictionary, `string_fallback_encoding` (kPlain,
  // kDeltaLengthByteArray or kDeltaByteArray) -- except Arrow dictionary columns (tags),
  // whose non-dictionary pages are always PLAIN: pyarrow cannot decode delta-encoded
  // pages into a dictionary column. Booleans: kRle or kPlain.
  Encoding integer_encoding = Encoding::kDeltaBinaryPacked;
  Encoding float_encoding = Encoding::kByteStreamSplit;
  Encoding boolean_encoding = Encoding::kRle;
  bool dictionary_strings = true;
  Encoding string_fallback_encoding = Encoding::kPlain;
  DeltaEncoderOptions delta;
  // Per-column overrides by field name: the encoding of the data pages. For
  // kRleDictionary the column is dictionary-encoded (strings only).
  std::vector<std::pair<std::string, Encoding>> column_encodings;

  // FileMetaData: key/value pairs (after the schema's own metadata, before
  // "ARROW:schema"), RowGroup.sorting_columns (indexes into the schema), created_by.
  KeyValueMetadata key_value_metadata;
  std::vector<SortingColumn> sorting_columns;
  std::string created_by = "Quiver version 0.1.0";
  // Store the Arrow schema ("ARROW:schema") so Arrow readers restore exact types.
  bool store_arrow_schema = true;
};

}  // namespace quiver::parquet
