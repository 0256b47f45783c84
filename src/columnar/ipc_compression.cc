#include "columnar/ipc_compression_internal.h"

#include <cstring>

#include <lz4frame.h>
#include <zstd.h>

namespace quiver::ipc_internal {
namespace {

constexpr int kZstdLevel = 1;  // Fast; IPC favours speed over ratio.

Result<int64_t> DecompressLz4(const uint8_t* input, int64_t input_size, uint8_t* output,
                              int64_t output_size) {
  LZ4F_dctx* context = nullptr;
  if (LZ4F_isError(LZ4F_createDecompressionContext(&context, LZ4F_VERSION))) {
    return Status::ResourceExhausted("cannot create an LZ4 decompression context");
  }
  int64_t produced = 0;
  int64_t consumed = 0;
  Status status;
  while (true) {
    size_t out_room = static_cast<size_t>(output_size - produced);
    size_t in_left = static_cast<size_t>(input_size - consumed);
    size_t hint =
        LZ4F_decompress(context, output + produced, &out_room, input + consumed, &in_left, nullptr);
    if (LZ4F_isError(hint)) {
      status = Status::Corruption("LZ4 frame in IPC body is invalid: {}", LZ4F_getErrorName(hint));
      break;
    }
    produced += static_cast<int64_t>(out_room);
    consumed += static_cast<int64_t>(in_left);
    if (hint == 0) break;  // Frame complete.
    if (consumed == input_size || (out_room == 0 && in_left == 0)) {
      status = Status::Corruption("LZ4 frame in IPC body is truncated or larger than declared");
      break;
    }
  }
  LZ4F_freeDecompressionContext(context);
  RETURN_NOT_OK(status);
  return produced;
}

}  // namespace

Result<BufferPtr> CompressBodyBuffer(IpcCompression codec, const Buffer& input, MemoryPool* pool) {
  const size_t size = static_cast<size_t>(input.size());
  const size_t bound = codec == IpcCompression::kZstd ? ZSTD_compressBound(size)
                                                      : LZ4F_compressFrameBound(size, nullptr);
  BufferBuilder out(pool);
  RETURN_NOT_OK(out.Resize(8 + static_cast<int64_t>(bound)));
  const int64_t uncompressed = input.size();
  std::memcpy(out.mutable_data(), &uncompressed, 8);  // Little-endian host.
  size_t written;
  if (codec == IpcCompression::kZstd) {
    written = ZSTD_compress(out.mutable_data() + 8, bound, input.data(), size, kZstdLevel);
    if (ZSTD_isError(written)) {
      return Status::Internal("zstd compression failed: {}", ZSTD_getErrorName(written));
    }
  } else {
    written = LZ4F_compressFrame(out.mutable_data() + 8, bound, input.data(), size, nullptr);
    if (LZ4F_isError(written)) {
      return Status::Internal("LZ4 compression failed: {}", LZ4F_getErrorName(written));
    }
  }
  RETURN_NOT_OK(out.Resize(8 + static_cast<int64_t>(written)));
  return out.Finish();
}

Result<BufferPtr> DecompressBodyBuffer(IpcCompression codec, const BufferPtr& buffer,
                                       int64_t* budget, MemoryPool* pool) {
  if (buffer->size() < 8) {
    return Status::Corruption("compressed IPC buffer of {} bytes lacks its length prefix",
                              buffer->size());
  }
  int64_t declared;
  std::memcpy(&declared, buffer->data(), 8);
  const uint8_t* payload = buffer->data() + 8;
  const int64_t payload_size = buffer->size() - 8;
  if (declared == -1) return Buffer::Slice(buffer, 8, payload_size);  // Stored uncompressed.
  if (declared < 0) return Status::Corruption("compressed IPC buffer declares length {}", declared);
  // Reject impossible sizes before allocating: a zstd frame records its content size, and
  // LZ4 cannot expand a byte into more than 255.
  if (codec == IpcCompression::kZstd) {
    unsigned long long content =
        ZSTD_getFrameContentSize(payload, static_cast<size_t>(payload_size));
    if (content == ZSTD_CONTENTSIZE_ERROR)
      return Status::Corruption("zstd frame in IPC body is invalid");
    if (content != ZSTD_CONTENTSIZE_UNKNOWN &&
        content != static_cast<unsigned long long>(declared)) {
      return Status::Corruption("IPC buffer declares {} uncompressed bytes, its zstd frame {}",
                                declared, content);
    }
  } else if (declared / 255 > payload_size + 64) {
    return Status::Corruption("IPC buffer declares {} uncompressed bytes from a {}-byte LZ4 frame",
                              declared, payload_size);
  }
  if (declared > *budget) {
    return Status::ResourceExhausted(
        "IPC message decompresses past max_decompressed_size ({} more bytes declared)", declared);
  }
  *budget -= declared;
  BufferBuilder out(pool);
  RETURN_NOT_OK(out.Resize(declared));
  int64_t produced;
  if (codec == IpcCompression::kZstd) {
    size_t result = ZSTD_decompress(out.mutable_data(), static_cast<size_t>(declared), payload,
                                    static_cast<size_t>(payload_size));
    if (ZSTD_isError(result)) {
      return Status::Corruption("zstd data in IPC body is invalid: {}", ZSTD_getErrorName(result));
    }
    produced = static_cast<int64_t>(result);
  } else {
    ASSIGN_OR_RETURN(produced, DecompressLz4(payload, payload_size, out.mutable_data(), declared));
  }
  if (produced != declared) {
    return Status::Corruption("IPC buffer decompressed to {} bytes, {} declared", produced,
                              declared);
  }
  return out.Finish();
}

}  // namespace quiver::ipc_internal
