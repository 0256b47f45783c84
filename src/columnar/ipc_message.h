#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "columnar/buffer.h"
#include "columnar/ipc_options.h"

// Framing of Arrow IPC "encapsulated messages" (docs/formats/arrow_ipc.md):
//
//   <0xFFFFFFFF> <int32 metadata_size> <flatbuffer Message> <zero padding to 8> <body>
//
// metadata_size counts the flatbuffer plus its padding, so every message is a multiple of
// 8 bytes long. A stream ends with 0xFFFFFFFF 0x00000000 (or simply at the end of the
// input, at a message boundary).
namespace quiver {

inline constexpr uint32_t kIpcContinuationMarker = 0xFFFFFFFF;

enum class IpcMessageType : uint8_t { kSchema, kDictionaryBatch, kRecordBatch };

// Receives the bytes of a stream, piece by piece, in order. A non-OK status aborts the
// write and is returned to the writer's caller.
using IpcByteSink = std::function<Status(std::string_view bytes)>;

// One encoded message, before framing: the form Arrow Flight sends (FlightData carries
// `data_header` = metadata and `data_body` = the body).
struct IpcPayload {
  IpcMessageType type = IpcMessageType::kSchema;
  // The flatbuffer `Message`, unpadded.
  std::string metadata;
  // Body buffers in body order. Buffer i starts at the sum of the previous buffers'
  // sizes, each rounded up to `alignment`; the body is zero-padded accordingly.
  std::vector<BufferPtr> body_buffers;
  int32_t alignment = 8;
  // Total body size including padding (the Message's body_length); a multiple of 8.
  int64_t body_length = 0;

  // Appends the body bytes (buffers and padding) to `out`.
  void AppendBodyTo(std::string* out) const;
  std::string BodyToString() const {
    std::string out;
    AppendBodyTo(&out);
    return out;
  }
};

// Writes `payload` as one encapsulated message.
Status WriteIpcMessage(const IpcPayload& payload, const IpcByteSink& sink);
// Writes the end-of-stream marker.
Status WriteIpcEndOfStream(const IpcByteSink& sink);

// A source of stream bytes for the reader.
class IpcInputStream {
 public:
  virtual ~IpcInputStream() = default;
  // Returns up to `nbytes` bytes; fewer only at the end of the input (empty at the end).
  // The returned buffer stays valid as long as the caller holds it.
  virtual Result<BufferPtr> Read(int64_t nbytes) = 0;
};

// Reads from one buffer holding a whole stream. Read() returns zero-copy slices that keep
// the buffer alive, so decoded arrays point into it.
class BufferIpcInputStream final : public IpcInputStream {
 public:
  explicit BufferIpcInputStream(BufferPtr buffer) : buffer_(std::move(buffer)) {}
  Result<BufferPtr> Read(int64_t nbytes) override;
  int64_t position() const { return position_; }

 private:
  BufferPtr buffer_;
  int64_t position_ = 0;
};

// A received message: the flatbuffer metadata (padding included) and the body.
struct IpcMessage {
  BufferPtr metadata;
  BufferPtr body;
};

// Reads the next encapsulated message. Returns nullopt at the end-of-stream marker or
// when the input ends exactly at a message boundary. The metadata is verified (it must be
// a well-formed Message flatbuffer) to learn the body length; the body is not inspected.
// Also accepts the pre-1.0 framing without the continuation marker.
// Errors: Corruption for truncated input, bad lengths or malformed metadata.
Result<std::optional<IpcMessage>> ReadIpcMessage(IpcInputStream* input,
                                                 const IpcReadOptions& options = {});

}  // namespace quiver
