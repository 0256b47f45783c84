#include "parquet/compression.h"

#include <lz4.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <memory>

namespace quiver::parquet {
namespace {

struct ZstdContexts {
  ZSTD_CCtx* cctx = nullptr;
  ZSTD_DCtx* dctx = nullptr;
  ~ZstdContexts() {
    ZSTD_freeCCtx(cctx);
    ZSTD_freeDCtx(dctx);
  }
};

ZstdContexts& ThreadZstd() {
  thread_local ZstdContexts contexts;
  return contexts;
}

Status CompressZstd(int level, int min_match, std::string_view input, std::string* out) {
  ZstdContexts& z = ThreadZstd();
  if (z.cctx == nullptr) z.cctx = ZSTD_createCCtx();
  if (z.cctx == nullptr) return Status::Internal("zstd: cannot create a context");
  size_t bound = ZSTD_compressBound(input.size());
  size_t start = out->size();
  out->resize(start + bound);
  size_t n;
  if (min_match == 0) {
    n = ZSTD_compressCCtx(z.cctx, out->data() + start, bound, input.data(), input.size(),
                          level == 0 ? ZSTD_CLEVEL_DEFAULT : level);
  } else {
    ZSTD_CCtx_reset(z.cctx, ZSTD_reset_session_and_parameters);
    ZSTD_CCtx_setParameter(z.cctx, ZSTD_c_compressionLevel, level == 0 ? ZSTD_CLEVEL_DEFAULT : level);
    ZSTD_CCtx_setParameter(z.cctx, ZSTD_c_minMatch, min_match);
    n = ZSTD_compress2(z.cctx, out->data() + start, bound, input.data(), input.size());
  }
  if (ZSTD_isError(n)) {
    out->resize(start);
    return Status::Internal("zstd: {}", ZSTD_getErrorName(n));
  }
  out->resize(start + n);
  return Status::OK();
}

Status DecompressZstd(std::string_view input, uint8_t* out, int64_t size) {
  unsigned long long declared = ZSTD_getFrameContentSize(input.data(), input.size());
  if (declared == ZSTD_CONTENTSIZE_ERROR) return Status::Corruption("zstd: not a zstd frame");
  if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared > static_cast<unsigned long long>(size)) {
    return Status::Corruption("zstd: frame holds {} bytes, page header says {}", declared, size);
  }
  ZstdContexts& z = ThreadZstd();
  if (z.dctx == nullptr) z.dctx = ZSTD_createDCtx();
  if (z.dctx == nullptr) return Status::Internal("zstd: cannot create a context");
  size_t n = ZSTD_decompressDCtx(z.dctx, out, static_cast<size_t>(size), input.data(), input.size());
  if (ZSTD_isError(n)) return Status::Corruption("zstd: {}", ZSTD_getErrorName(n));
  if (static_cast<int64_t>(n) != size) {
    return Status::Corruption("zstd: page decompressed to {} bytes, header says {}", n, size);
  }
  return Status::OK();
}

Status DecompressSnappy(std::string_view input, uint8_t* out, int64_t size) {
  size_t length = 0;
  if (!snappy::GetUncompressedLength(input.data(), input.size(), &length)) {
    return Status::Corruption("snappy: bad header");
  }
  if (static_cast<int64_t>(length) != size) {
    return Status::Corruption("snappy: page decompresses to {} bytes, header says {}", length, size);
  }
  if (!snappy::RawUncompress(input.data(), input.size(), reinterpret_cast<char*>(out))) {
    return Status::Corruption("snappy: malformed data");
  }
  return Status::OK();
}

Status DecompressLz4Raw(std::string_view input, uint8_t* out, int64_t size) {
  if (input.size() > INT32_MAX || size > INT32_MAX) return Status::Corruption("lz4: page too large");
  int n = LZ4_decompress_safe(input.data(), reinterpret_cast<char*>(out), static_cast<int>(input.size()),
                              static_cast<int>(size));
  if (n < 0) return Status::Corruption("lz4: malformed data");
  if (n != size) return Status::Corruption("lz4: page decompressed to {} bytes, header says {}", n, size);
  return Status::OK();
}

uint32_t LoadBigEndian32(const char* p) {
  auto* u = reinterpret_cast<const uint8_t*>(p);
  return (uint32_t{u[0]} << 24) | (uint32_t{u[1]} << 16) | (uint32_t{u[2]} << 8) | u[3];
}

// Hadoop framing: repeated [BE u32 decompressed size][BE u32 compressed size][lz4 block].
bool TryDecompressHadoopLz4(std::string_view input, uint8_t* out, int64_t size) {
  int64_t produced = 0;
  while (!input.empty()) {
    if (input.size() < 8) return false;
    uint32_t block_out = LoadBigEndian32(input.data());
    uint32_t block_in = LoadBigEndian32(input.data() + 4);
    input.remove_prefix(8);
    if (block_in > input.size() || block_out > size - produced || block_in > INT32_MAX) return false;
    int n = LZ4_decompress_safe(input.data(), reinterpret_cast<char*>(out + produced),
                                static_cast<int>(block_in), static_cast<int>(block_out));
    if (n < 0 || static_cast<uint32_t>(n) != block_out) return false;
    produced += n;
    input.remove_prefix(block_in);
  }
  return produced == size;
}

Status CompressGzip(int level, std::string_view input, std::string* out) {
  z_stream stream{};
  if (deflateInit2(&stream, level == 0 ? Z_DEFAULT_COMPRESSION : level, Z_DEFLATED, 15 + 16, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    return Status::Internal("gzip: cannot initialise");
  }
  size_t start = out->size();
  uLong bound = deflateBound(&stream, static_cast<uLong>(input.size())) + 32;
  out->resize(start + bound);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = reinterpret_cast<Bytef*>(out->data() + start);
  stream.avail_out = static_cast<uInt>(bound);
  int rc = deflate(&stream, Z_FINISH);
  size_t written = stream.total_out;
  deflateEnd(&stream);
  if (rc != Z_STREAM_END) {
    out->resize(start);
    return Status::Internal("gzip: deflate failed ({})", rc);
  }
  out->resize(start + written);
  return Status::OK();
}

Status DecompressGzip(std::string_view input, uint8_t* out, int64_t size) {
  z_stream stream{};
  // 15 + 32: accept gzip or zlib headers.
  if (inflateInit2(&stream, 15 + 32) != Z_OK) return Status::Internal("gzip: cannot initialise");
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = out;
  stream.avail_out = static_cast<uInt>(size);
  Status status;
  while (true) {
    int rc = inflate(&stream, Z_FINISH);
    if (rc == Z_STREAM_END) {
      if (stream.avail_in == 0) break;
      // Another gzip member follows.
      if (inflateReset(&stream) != Z_OK) {
        status = Status::Corruption("gzip: bad member");
        break;
      }
      continue;
    }
    status = Status::Corruption("gzip: malformed data or wrong page size");
    break;
  }
  int64_t produced = static_cast<int64_t>(size) - stream.avail_out;
  inflateEnd(&stream);
  RETURN_NOT_OK(status);
  if (produced != size) {
    return Status::Corruption("gzip: page decompressed to {} bytes, header says {}", produced, size);
  }
  return Status::OK();
}

}  // namespace

bool IsCodecSupported(CompressionCodec codec) {
  switch (codec) {
    case CompressionCodec::kUncompressed:
    case CompressionCodec::kSnappy:
    case CompressionCodec::kGzip:
    case CompressionCodec::kLz4:
    case CompressionCodec::kZstd:
    case CompressionCodec::kLz4Raw:
      return true;
    default:
      return false;
  }
}

Status Compress(CompressionCodec codec, int level, std::string_view input, std::string* out,
                int zstd_min_match) {
  switch (codec) {
    case CompressionCodec::kUncompressed:
      out->append(input);
      return Status::OK();
    case CompressionCodec::kSnappy: {
      size_t start = out->size();
      out->resize(start + snappy::MaxCompressedLength(input.size()));
      size_t n = 0;
      snappy::RawCompress(input.data(), input.size(), out->data() + start, &n);
      out->resize(start + n);
      return Status::OK();
    }
    case CompressionCodec::kGzip:
      return CompressGzip(level, input, out);
    case CompressionCodec::kZstd:
      return CompressZstd(level, zstd_min_match, input, out);
    case CompressionCodec::kLz4Raw: {
      if (input.size() > LZ4_MAX_INPUT_SIZE) return Status::InvalidArgument("lz4: page too large");
      int bound = LZ4_compressBound(static_cast<int>(input.size()));
      size_t start = out->size();
      out->resize(start + static_cast<size_t>(bound));
      int n = LZ4_compress_default(input.data(), out->data() + start, static_cast<int>(input.size()), bound);
      if (n <= 0 && !input.empty()) return Status::Internal("lz4: compression failed");
      out->resize(start + static_cast<size_t>(n));
      return Status::OK();
    }
    default:
      return Status::NotImplemented("parquet compression codec {} is not supported for writing",
                                    CompressionCodecName(codec));
  }
}

Status Decompress(CompressionCodec codec, std::string_view input, uint8_t* out,
                  int64_t uncompressed_size) {
  switch (codec) {
    case CompressionCodec::kUncompressed:
      if (static_cast<int64_t>(input.size()) != uncompressed_size) {
        return Status::Corruption("uncompressed page of {} bytes, header says {}", input.size(),
                                  uncompressed_size);
      }
      if (!input.empty()) std::memcpy(out, input.data(), input.size());
      return Status::OK();
    case CompressionCodec::kSnappy:
      return DecompressSnappy(input, out, uncompressed_size);
    case CompressionCodec::kGzip:
      return DecompressGzip(input, out, uncompressed_size);
    case CompressionCodec::kZstd:
      return DecompressZstd(input, out, uncompressed_size);
    case CompressionCodec::kLz4Raw:
      return DecompressLz4Raw(input, out, uncompressed_size);
    case CompressionCodec::kLz4:
      if (TryDecompressHadoopLz4(input, out, uncompressed_size)) return Status::OK();
      return DecompressLz4Raw(input, out, uncompressed_size);
    default:
      return Status::NotImplemented("parquet compression codec {} is not supported",
                                    CompressionCodecName(codec));
  }
}

}  // namespace quiver::parquet
