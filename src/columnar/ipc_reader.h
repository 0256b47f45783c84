#pragma once

#include <memory>
#include <vector>

#include "base/result.h"
#include "columnar/ipc_message.h"
#include "columnar/ipc_options.h"
#include "columnar/record_batch_reader.h"

namespace quiver {

struct IpcReadStats {
  int64_t num_messages = 0;
  int64_t num_record_batches = 0;
  int64_t num_dictionary_batches = 0;  // All dictionary messages, deltas included.
  int64_t num_dictionary_deltas = 0;
  int64_t num_replaced_dictionaries = 0;
};

// Decodes Arrow IPC messages one at a time -- the Schema message first, then
// DictionaryBatch and RecordBatch messages in any interleaving -- into record batches.
// The message-level entry point for Arrow Flight (FlightData's data_header is the
// metadata, data_body the body); IpcStreamReader uses it for framed byte streams.
//
// Input is untrusted: the metadata is verified as a flatbuffer, every buffer is bounds-
// checked against the body, and (unless options.validate is off) every batch and
// dictionary passes ValidateArray before it is returned. Malformed input yields
// Corruption; valid input using unsupported features yields NotImplemented naming them.
//
// Output: buffers are zero-copy slices of the message bodies (which they keep alive),
// except where decompression, misalignment or index widening forces a copy. Dictionary-
// encoded fields are returned as Dictionary(Int32, ...) whatever index width was sent;
// schema() reports the normalised types. Dictionary replacements and deltas are applied;
// batches already returned keep the dictionary they were decoded with.
//
// Not thread-safe.
class IpcStreamDecoder {
 public:
  explicit IpcStreamDecoder(IpcReadOptions options = {});
  ~IpcStreamDecoder();
  IpcStreamDecoder(const IpcStreamDecoder&) = delete;
  IpcStreamDecoder& operator=(const IpcStreamDecoder&) = delete;

  // Consumes one message: `metadata` is the flatbuffer Message (trailing padding allowed),
  // `body` its body (may be null when the message has none; must hold at least the
  // body_length the metadata declares). Returns the batch for a RecordBatch message and
  // nullptr for Schema and DictionaryBatch messages.
  Result<RecordBatchPtr> Consume(const BufferPtr& metadata, const BufferPtr& body);
  Result<RecordBatchPtr> Consume(const IpcMessage& message) {
    return Consume(message.metadata, message.body);
  }

  bool has_schema() const;
  // The (normalised) schema; null before the Schema message.
  SchemaPtr schema() const;
  const IpcReadStats& stats() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Reads an Arrow IPC stream (the format `pyarrow.ipc.new_stream` writes) from a byte
// source: the schema on Open, then one record batch per Next() until the end-of-stream
// marker or the end of the input. See IpcStreamDecoder for the guarantees on untrusted
// input.
class IpcStreamReader final : public RecordBatchReader {
 public:
  static Result<std::unique_ptr<IpcStreamReader>> Open(std::unique_ptr<IpcInputStream> input,
                                                       IpcReadOptions options = {});
  // A whole stream in memory; batches are zero-copy views into `stream`.
  static Result<std::unique_ptr<IpcStreamReader>> Open(BufferPtr stream,
                                                       IpcReadOptions options = {});

  SchemaPtr schema() const override { return decoder_.schema(); }
  // The next batch, nullptr at the end of the stream; after an error, the same error.
  Result<RecordBatchPtr> Next() override;
  const IpcReadStats& stats() const { return decoder_.stats(); }

 private:
  IpcStreamReader(std::unique_ptr<IpcInputStream> input, IpcReadOptions options)
      : input_(std::move(input)), options_(options), decoder_(options) {}

  std::unique_ptr<IpcInputStream> input_;
  IpcReadOptions options_;
  IpcStreamDecoder decoder_;
  Status error_;
  bool finished_ = false;
};

struct IpcStreamContents {
  SchemaPtr schema;
  std::vector<RecordBatchPtr> batches;
};

// Reads a whole in-memory stream.
Result<IpcStreamContents> ReadIpcStream(BufferPtr stream, IpcReadOptions options = {});

// Parses a schema from one framed Schema message (SerializeIpcSchema's output, Arrow
// Flight's FlightInfo.schema). Errors: Corruption, NotImplemented.
Result<SchemaPtr> DeserializeIpcSchema(BufferPtr bytes, IpcReadOptions options = {});

}  // namespace quiver
