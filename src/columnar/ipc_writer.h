#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "columnar/ipc_message.h"
#include "columnar/ipc_options.h"
#include "columnar/record_batch.h"

namespace quiver {

struct IpcWriteStats {
  int64_t num_messages = 0;  // Schema message not counted.
  int64_t num_record_batches = 0;
  int64_t num_dictionary_batches = 0;  // All dictionary messages, deltas included.
  int64_t num_dictionary_deltas = 0;
  int64_t num_replaced_dictionaries = 0;
};

// Encodes a schema and then record batches as Arrow IPC message payloads, without
// framing: the level Arrow Flight works at (one FlightData per payload). Keeps, per
// dictionary-encoded field, the dictionary the receiver currently holds, and before each
// record batch emits what the receiver needs to decode it:
//   - nothing, if the batch's dictionary is the one already sent (or equal to it);
//   - a delta with only the new values, if the dictionary extends the one sent (a
//     StringDictionaryBuilder that kept growing) and emit_dictionary_deltas is set;
//   - otherwise the whole dictionary (the first time, or as a replacement).
// Dictionary ids are 0, 1, ... in pre-order of the schema's fields.
//
// Not thread-safe. The encoder holds references to the last dictionaries it sent.
class IpcStreamEncoder {
 public:
  // Errors: InvalidArgument for bad options, NotImplemented for a schema that cannot be
  // expressed in IPC metadata (a dictionary of dictionaries).
  static Result<std::unique_ptr<IpcStreamEncoder>> Make(SchemaPtr schema,
                                                        IpcWriteOptions options = {});

  const SchemaPtr& schema() const { return schema_; }

  // The Schema message (no body).
  const IpcPayload& EncodeSchema() const { return schema_payload_; }

  // Appends to `out` the dictionary payloads `batch` needs (see above), then its record
  // batch payload. Errors: InvalidArgument if the batch's column types differ from the
  // schema or a dictionary column has no dictionary attached; ResourceExhausted on
  // allocation failure. On error no dictionary state changes and `out` is untouched.
  Status EncodeBatch(const RecordBatch& batch, std::vector<IpcPayload>* out);

  const IpcWriteStats& stats() const { return stats_; }

 private:
  IpcStreamEncoder(SchemaPtr schema, IpcWriteOptions options, IpcPayload schema_payload,
                   int64_t num_dictionaries);

  SchemaPtr schema_;
  IpcWriteOptions options_;
  IpcPayload schema_payload_;
  std::vector<ArrayDataPtr> sent_dictionaries_;  // By dictionary id.
  IpcWriteStats stats_;
};

// Writes an Arrow IPC stream (the format `pyarrow.ipc.open_stream` reads): the schema
// message on Open, then for each batch its dictionary messages and record batch, and the
// end-of-stream marker on Close. Not thread-safe. After a sink error every later call
// returns that error.
class IpcStreamWriter {
 public:
  static Result<std::unique_ptr<IpcStreamWriter>> Open(SchemaPtr schema, IpcByteSink sink,
                                                       IpcWriteOptions options = {});
  // Appends to `*out`, which must outlive the writer.
  static Result<std::unique_ptr<IpcStreamWriter>> Open(SchemaPtr schema, std::string* out,
                                                       IpcWriteOptions options = {});

  Status WriteBatch(const RecordBatch& batch);
  // Writes the end-of-stream marker. Later calls to Close do nothing; WriteBatch fails.
  Status Close();

  const IpcWriteStats& stats() const { return encoder_->stats(); }

 private:
  IpcStreamWriter(std::unique_ptr<IpcStreamEncoder> encoder, IpcByteSink sink)
      : encoder_(std::move(encoder)), sink_(std::move(sink)) {}
  Status Write(const IpcPayload& payload);

  std::unique_ptr<IpcStreamEncoder> encoder_;
  IpcByteSink sink_;
  Status error_;
  bool closed_ = false;
};

// A whole stream in memory: schema, batches, end-of-stream marker.
Result<std::string> WriteIpcStream(const SchemaPtr& schema,
                                   const std::vector<RecordBatchPtr>& batches,
                                   IpcWriteOptions options = {});

// A schema as one framed IPC Schema message (no end-of-stream marker): the form of
// Arrow Flight's FlightInfo.schema and SchemaResult.schema.
Result<std::string> SerializeIpcSchema(const SchemaPtr& schema);

}  // namespace quiver
