#include "columnar/ipc_writer.h"

#include "columnar/ipc_body_internal.h"
#include "columnar/ipc_metadata_internal.h"

namespace quiver {
namespace {

using ipc_internal::EncodedBody;

// Pre-order walk matching the schema's dictionary id assignment: a dictionary array gets
// the next id, then the arrays inside its dictionary's values are visited.
Status CollectDictionaries(const ArrayDataPtr& data, int64_t* next_id,
                           std::vector<std::pair<int64_t, ArrayDataPtr>>* out) {
  if (data->type.id() == TypeId::kDictionary) {
    if (data->dictionary == nullptr) {
      return Status::InvalidArgument("dictionary array of type {} has no dictionary attached",
                                     data->type.ToString());
    }
    out->emplace_back((*next_id)++, data->dictionary);
    for (const ArrayDataPtr& child : data->dictionary->children) {
      RETURN_NOT_OK(CollectDictionaries(child, next_id, out));
    }
    return Status::OK();
  }
  for (const ArrayDataPtr& child : data->children) {
    RETURN_NOT_OK(CollectDictionaries(child, next_id, out));
  }
  return Status::OK();
}

Result<IpcPayload> DictionaryPayload(int64_t id, const Array& values, bool is_delta,
                                     const IpcWriteOptions& options) {
  EncodedBody body;
  RETURN_NOT_OK(ipc_internal::AppendArrayToBody(values, options.pool, &body));
  return ipc_internal::MakeBatchPayload(values.length(), std::move(body), options, id, is_delta);
}

Status AppendToString(std::string* out, std::string_view bytes) {
  out->append(bytes);
  return Status::OK();
}

}  // namespace

IpcStreamEncoder::IpcStreamEncoder(SchemaPtr schema, IpcWriteOptions options,
                                   IpcPayload schema_payload, int64_t num_dictionaries)
    : schema_(std::move(schema)),
      options_(options),
      schema_payload_(std::move(schema_payload)),
      sent_dictionaries_(static_cast<size_t>(num_dictionaries)) {}

Result<std::unique_ptr<IpcStreamEncoder>> IpcStreamEncoder::Make(SchemaPtr schema,
                                                                 IpcWriteOptions options) {
  if (schema == nullptr) return Status::InvalidArgument("IPC writer needs a schema");
  if (options.alignment != 8 && options.alignment != 16 && options.alignment != 32 &&
      options.alignment != 64) {
    return Status::InvalidArgument("IPC body alignment must be 8, 16, 32 or 64, got {}",
                                   options.alignment);
  }
  if (options.pool == nullptr) options.pool = DefaultMemoryPool();
  flatbuffers::FlatBufferBuilder fbb(1024);
  int64_t num_dictionaries = 0;
  ASSIGN_OR_RETURN(auto schema_table,
                   ipc_internal::SchemaToFlatbuffer(fbb, *schema, &num_dictionaries));
  fbb.Finish(ipc_internal::fb::CreateMessage(fbb, ipc_internal::fb::MetadataVersion::V5,
                                             ipc_internal::fb::MessageHeader::Schema,
                                             schema_table.Union(), 0));
  IpcPayload payload;
  payload.type = IpcMessageType::kSchema;
  payload.alignment = options.alignment;
  payload.metadata.assign(reinterpret_cast<const char*>(fbb.GetBufferPointer()), fbb.GetSize());
  return std::unique_ptr<IpcStreamEncoder>(
      new IpcStreamEncoder(std::move(schema), options, std::move(payload), num_dictionaries));
}

Status IpcStreamEncoder::EncodeBatch(const RecordBatch& batch, std::vector<IpcPayload>* out) {
  if (batch.num_columns() != schema_->num_fields()) {
    return Status::InvalidArgument("record batch has {} columns, the IPC stream's schema has {}",
                                   batch.num_columns(), schema_->num_fields());
  }
  std::vector<std::pair<int64_t, ArrayDataPtr>> dictionaries;
  int64_t next_id = 0;
  for (int i = 0; i < batch.num_columns(); ++i) {
    if (!(batch.column(i).type() == schema_->field(i).type())) {
      return Status::InvalidArgument("column {} '{}' has type {}, the IPC stream's schema says {}",
                                     i, schema_->field(i).name(), batch.column(i).type().ToString(),
                                     schema_->field(i).type().ToString());
    }
    RETURN_NOT_OK(CollectDictionaries(batch.column(i).data(), &next_id, &dictionaries));
  }
  if (next_id != static_cast<int64_t>(sent_dictionaries_.size())) {
    return Status::InvalidArgument("record batch has {} dictionaries, its schema {}", next_id,
                                   sent_dictionaries_.size());
  }

  // Dictionaries first, innermost (highest id) first so that dictionaries nested in
  // another dictionary's values arrive before it. State is committed only on success.
  std::vector<IpcPayload> payloads;
  std::vector<ArrayDataPtr> sent = sent_dictionaries_;
  IpcWriteStats stats = stats_;
  for (auto it = dictionaries.rbegin(); it != dictionaries.rend(); ++it) {
    const auto& [id, dictionary] = *it;
    ArrayDataPtr& previous = sent[static_cast<size_t>(id)];
    if (previous == dictionary) continue;
    Array current(dictionary);
    bool replacement = false;
    if (previous != nullptr) {
      Array old(previous);
      if (current.length() >= old.length() && current.Slice(0, old.length()).Equals(old)) {
        if (current.length() == old.length()) {
          previous = dictionary;  // Same values in a new object: nothing to send.
          continue;
        }
        if (options_.emit_dictionary_deltas) {
          Array added = current.Slice(old.length(), current.length() - old.length());
          ASSIGN_OR_RETURN(IpcPayload delta,
                           DictionaryPayload(id, added, /*is_delta=*/true, options_));
          payloads.push_back(std::move(delta));
          ++stats.num_dictionary_deltas;
          ++stats.num_dictionary_batches;
          previous = dictionary;
          continue;
        }
      }
      replacement = true;
    }
    ASSIGN_OR_RETURN(IpcPayload full, DictionaryPayload(id, current, /*is_delta=*/false, options_));
    payloads.push_back(std::move(full));
    ++stats.num_dictionary_batches;
    if (replacement) ++stats.num_replaced_dictionaries;
    previous = dictionary;
  }

  EncodedBody body;
  for (const Array& column : batch.columns()) {
    RETURN_NOT_OK(ipc_internal::AppendArrayToBody(column, options_.pool, &body));
  }
  ASSIGN_OR_RETURN(IpcPayload record_batch,
                   ipc_internal::MakeBatchPayload(batch.num_rows(), std::move(body), options_));
  payloads.push_back(std::move(record_batch));
  ++stats.num_record_batches;
  stats.num_messages += static_cast<int64_t>(payloads.size());

  sent_dictionaries_ = std::move(sent);
  stats_ = stats;
  for (IpcPayload& payload : payloads) out->push_back(std::move(payload));
  return Status::OK();
}

Result<std::unique_ptr<IpcStreamWriter>> IpcStreamWriter::Open(SchemaPtr schema, IpcByteSink sink,
                                                               IpcWriteOptions options) {
  if (!sink) return Status::InvalidArgument("IPC writer needs a sink");
  ASSIGN_OR_RETURN(auto encoder, IpcStreamEncoder::Make(std::move(schema), options));
  std::unique_ptr<IpcStreamWriter> writer(new IpcStreamWriter(std::move(encoder), std::move(sink)));
  RETURN_NOT_OK(writer->Write(writer->encoder_->EncodeSchema()));
  return writer;
}

Result<std::unique_ptr<IpcStreamWriter>> IpcStreamWriter::Open(SchemaPtr schema, std::string* out,
                                                               IpcWriteOptions options) {
  if (out == nullptr) return Status::InvalidArgument("IPC writer needs an output string");
  return Open(
      std::move(schema), [out](std::string_view bytes) { return AppendToString(out, bytes); },
      options);
}

Status IpcStreamWriter::Write(const IpcPayload& payload) {
  Status st = WriteIpcMessage(payload, sink_);
  if (!st.ok()) error_ = st;
  return st;
}

Status IpcStreamWriter::WriteBatch(const RecordBatch& batch) {
  RETURN_NOT_OK(error_);
  if (closed_) return Status::InvalidArgument("IPC stream writer is closed");
  std::vector<IpcPayload> payloads;
  RETURN_NOT_OK(encoder_->EncodeBatch(batch, &payloads));
  for (const IpcPayload& payload : payloads) RETURN_NOT_OK(Write(payload));
  return Status::OK();
}

Status IpcStreamWriter::Close() {
  RETURN_NOT_OK(error_);
  if (closed_) return Status::OK();
  closed_ = true;
  Status st = WriteIpcEndOfStream(sink_);
  if (!st.ok()) error_ = st;
  return st;
}

Result<std::string> WriteIpcStream(const SchemaPtr& schema,
                                   const std::vector<RecordBatchPtr>& batches,
                                   IpcWriteOptions options) {
  std::string out;
  ASSIGN_OR_RETURN(auto writer, IpcStreamWriter::Open(schema, &out, options));
  for (const RecordBatchPtr& batch : batches) RETURN_NOT_OK(writer->WriteBatch(*batch));
  RETURN_NOT_OK(writer->Close());
  return out;
}

Result<std::string> SerializeIpcSchema(const SchemaPtr& schema) {
  ASSIGN_OR_RETURN(auto encoder, IpcStreamEncoder::Make(schema));
  std::string out;
  RETURN_NOT_OK(WriteIpcMessage(encoder->EncodeSchema(), [&out](std::string_view bytes) {
    return AppendToString(&out, bytes);
  }));
  return out;
}

}  // namespace quiver
