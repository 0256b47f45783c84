#include "columnar/ipc_message.h"

#include <cstring>

#include "columnar/ipc_metadata_internal.h"

namespace quiver {
namespace {

constexpr char kZeros[64] = {};

int64_t PaddedTo(int64_t size, int64_t alignment) {
  return (size + alignment - 1) / alignment * alignment;
}

uint32_t LoadLittleEndian32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
         (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
}

void StoreLittleEndian32(uint32_t value, char* p) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

// Reads exactly `nbytes` or fails with a "truncated" Corruption naming `what`.
Result<BufferPtr> ReadExactly(IpcInputStream* input, int64_t nbytes, const char* what) {
  ASSIGN_OR_RETURN(BufferPtr bytes, input->Read(nbytes));
  if (bytes->size() != nbytes) {
    return Status::Corruption("IPC stream truncated: expected {} bytes of {}, got {}", nbytes, what,
                              bytes->size());
  }
  return bytes;
}

}  // namespace

void IpcPayload::AppendBodyTo(std::string* out) const {
  int64_t start = static_cast<int64_t>(out->size());
  for (const BufferPtr& buffer : body_buffers) {
    int64_t size = buffer ? buffer->size() : 0;
    if (size > 0)
      out->append(reinterpret_cast<const char*>(buffer->data()), static_cast<size_t>(size));
    out->append(kZeros, static_cast<size_t>(PaddedTo(size, alignment) - size));
  }
  int64_t written = static_cast<int64_t>(out->size()) - start;
  if (written < body_length) out->append(static_cast<size_t>(body_length - written), '\0');
}

Status WriteIpcMessage(const IpcPayload& payload, const IpcByteSink& sink) {
  const int64_t metadata_size = static_cast<int64_t>(payload.metadata.size());
  const int64_t padded = PaddedTo(metadata_size, 8);
  if (padded > INT32_MAX) {
    return Status::InvalidArgument("IPC metadata too large: {} bytes", metadata_size);
  }
  char prefix[8];
  StoreLittleEndian32(kIpcContinuationMarker, prefix);
  StoreLittleEndian32(static_cast<uint32_t>(padded), prefix + 4);
  RETURN_NOT_OK(sink(std::string_view(prefix, 8)));
  RETURN_NOT_OK(sink(payload.metadata));
  if (padded > metadata_size) {
    RETURN_NOT_OK(sink(std::string_view(kZeros, static_cast<size_t>(padded - metadata_size))));
  }
  int64_t written = 0;
  for (const BufferPtr& buffer : payload.body_buffers) {
    int64_t size = buffer ? buffer->size() : 0;
    if (size > 0) RETURN_NOT_OK(sink(buffer->view()));
    int64_t padding = PaddedTo(size, payload.alignment) - size;
    if (padding > 0) RETURN_NOT_OK(sink(std::string_view(kZeros, static_cast<size_t>(padding))));
    written += size + padding;
  }
  while (written < payload.body_length) {
    int64_t chunk = std::min<int64_t>(payload.body_length - written, sizeof(kZeros));
    RETURN_NOT_OK(sink(std::string_view(kZeros, static_cast<size_t>(chunk))));
    written += chunk;
  }
  return Status::OK();
}

Status WriteIpcEndOfStream(const IpcByteSink& sink) {
  char eos[8];
  StoreLittleEndian32(kIpcContinuationMarker, eos);
  StoreLittleEndian32(0, eos + 4);
  return sink(std::string_view(eos, 8));
}

Result<BufferPtr> BufferIpcInputStream::Read(int64_t nbytes) {
  if (nbytes < 0) return Status::InvalidArgument("negative read size {}", nbytes);
  int64_t available = buffer_->size() - position_;
  int64_t take = std::min(nbytes, available);
  BufferPtr slice = Buffer::Slice(buffer_, position_, take);
  position_ += take;
  return slice;
}

Result<std::optional<IpcMessage>> ReadIpcMessage(IpcInputStream* input,
                                                 const IpcReadOptions& options) {
  ASSIGN_OR_RETURN(BufferPtr head, input->Read(4));
  if (head->size() == 0) return std::optional<IpcMessage>();  // Clean end of input.
  if (head->size() != 4) {
    return Status::Corruption("IPC stream truncated: {} bytes of a message prefix", head->size());
  }
  uint32_t word = LoadLittleEndian32(head->data());
  int64_t metadata_size;
  if (word == kIpcContinuationMarker) {
    ASSIGN_OR_RETURN(BufferPtr length, ReadExactly(input, 4, "the metadata length"));
    metadata_size = static_cast<int32_t>(LoadLittleEndian32(length->data()));
  } else {
    metadata_size = static_cast<int32_t>(word);  // Pre-1.0 framing: no marker.
  }
  if (metadata_size == 0) return std::optional<IpcMessage>();  // End-of-stream marker.
  if (metadata_size < 0 || metadata_size > options.max_metadata_size) {
    return Status::Corruption("IPC message metadata size {} outside [1, {}]", metadata_size,
                              options.max_metadata_size);
  }
  ASSIGN_OR_RETURN(BufferPtr raw_metadata, ReadExactly(input, metadata_size, "message metadata"));
  ASSIGN_OR_RETURN(BufferPtr metadata, ipc_internal::EnsureAligned(raw_metadata, 8, options.pool));
  ASSIGN_OR_RETURN(const ipc_internal::fb::Message* message,
                   ipc_internal::VerifyMessage(*metadata, options));
  int64_t body_length = message->body_length();
  BufferPtr body;
  if (body_length > 0) {
    ASSIGN_OR_RETURN(body, ReadExactly(input, body_length, "message body"));
  } else {
    body = Buffer::Unowned(kZeros, 0);
  }
  return std::optional<IpcMessage>(IpcMessage{std::move(metadata), std::move(body)});
}

}  // namespace quiver
