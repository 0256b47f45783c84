#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "parquet/format_enums.h"

// Page compression codecs (Compression.md). Writers use UNCOMPRESSED, SNAPPY, GZIP, ZSTD
// and LZ4_RAW; readers additionally accept the deprecated Hadoop-framed LZ4 (falling
// back to a raw LZ4 block, as parquet-cpp does). LZO and BROTLI are NotImplemented.
// Thread-safe (codec contexts are per thread).
namespace quiver::parquet {

bool IsCodecSupported(CompressionCodec codec);

// Appends the compressed form of `input` to *out. `level` is used by ZSTD (1..22) and
// GZIP (1..9); 0 means the codec's default. `zstd_min_match` (3..7, 0 = the level's
// default) is ZSTD's shortest match: longer minimums leave short coincidental repeats
// to the entropy coder, which suits bit-packed numbers. Errors: NotImplemented, Internal.
Status Compress(CompressionCodec codec, int level, std::string_view input, std::string* out,
                int zstd_min_match = 0);

// Decompresses `input` into out[0, uncompressed_size). Errors: Corruption when the input
// is malformed or does not decompress to exactly `uncompressed_size` bytes;
// NotImplemented for unsupported codecs.
Status Decompress(CompressionCodec codec, std::string_view input, uint8_t* out,
                  int64_t uncompressed_size);

}  // namespace quiver::parquet
