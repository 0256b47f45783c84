#include "columnar/ipc_reader.h"

#include <map>
#include <optional>

#include <fmt/format.h>

#include "columnar/concatenate.h"
#include "columnar/dictionary_normalize.h"
#include "columnar/ipc_body_reader_internal.h"
#include "columnar/validate_array.h"

namespace quiver {

using ipc_internal::fb::Message;
using ipc_internal::fb::MessageHeader;

struct IpcStreamDecoder::State {
  explicit State(IpcReadOptions opts) : options(opts) {
    if (options.pool == nullptr) options.pool = DefaultMemoryPool();
  }

  Status ReadSchema(const Message& message) {
    if (wire.has_value()) return Status::Corruption("IPC stream has a second Schema message");
    ASSIGN_OR_RETURN(ipc_internal::WireSchema schema,
                     ipc_internal::SchemaFromFlatbuffer(*message.header_as_Schema(), options));
    wire = std::move(schema);
    return Status::OK();
  }

  ipc_internal::DictionaryLookup Lookup() const {
    return [this](int64_t id) -> ArrayDataPtr {
      auto it = dictionaries.find(id);
      return it == dictionaries.end() ? nullptr : it->second;
    };
  }

  // Validates a decoded (wire-typed) array and converts its indices to Int32.
  Result<ArrayDataPtr> Finalize(const ArrayDataPtr& data, const std::string& what) const {
    if (options.validate) {
      Status st = ValidateArrayData(*data);
      if (!st.ok()) return Status::Corruption("IPC {} is invalid: {}", what, st.message());
    }
    return NormalizeDictionaryIndices(data, options.pool);
  }

  Status ReadDictionary(const Message& message, const BufferPtr& body) {
    const auto* batch = message.header_as_DictionaryBatch();
    if (batch->data() == nullptr) return Status::Corruption("IPC DictionaryBatch has no data");
    const int64_t id = batch->id();
    auto field = wire->dictionaries.find(id);
    if (field == wire->dictionaries.end()) {
      return Status::Corruption("IPC DictionaryBatch for id {} which the schema does not use", id);
    }
    ASSIGN_OR_RETURN(auto reader, ipc_internal::BodyReader::Make(*batch->data(), body,
                                                                 message.version(), options));
    ASSIGN_OR_RETURN(ArrayDataPtr values, reader->ReadArray(field->second, Lookup()));
    RETURN_NOT_OK(reader->Finish());
    if (values->length != batch->data()->length()) {
      return Status::Corruption("IPC DictionaryBatch declares {} values but holds {}",
                                batch->data()->length(), values->length);
    }
    ASSIGN_OR_RETURN(values, Finalize(values, fmt::format("dictionary {}", id)));
    auto current = dictionaries.find(id);
    if (batch->is_delta()) {
      if (current == dictionaries.end()) {
        return Status::Corruption("IPC delta dictionary for id {} before its first dictionary", id);
      }
      const std::vector<Array> parts = {Array(current->second), Array(values)};
      Result<Array> merged = Concatenate(parts, options.pool);
      if (!merged.ok()) {
        return merged.status().WithContext(fmt::format("applying IPC delta dictionary {}", id));
      }
      current->second = merged->data();
      ++stats.num_dictionary_deltas;
    } else {
      if (current != dictionaries.end()) ++stats.num_replaced_dictionaries;
      dictionaries[id] = std::move(values);
    }
    ++stats.num_dictionary_batches;
    return Status::OK();
  }

  Result<RecordBatchPtr> ReadRecordBatch(const Message& message, const BufferPtr& body) {
    const auto* header = message.header_as_RecordBatch();
    ASSIGN_OR_RETURN(auto reader,
                     ipc_internal::BodyReader::Make(*header, body, message.version(), options));
    std::vector<Array> columns;
    columns.reserve(wire->fields.size());
    auto lookup = Lookup();
    for (const ipc_internal::WireField& field : wire->fields) {
      ASSIGN_OR_RETURN(ArrayDataPtr column, reader->ReadArray(field, lookup));
      columns.emplace_back(std::move(column));
    }
    RETURN_NOT_OK(reader->Finish());
    for (size_t i = 0; i < columns.size(); ++i) {
      ASSIGN_OR_RETURN(
          ArrayDataPtr column,
          Finalize(columns[i].data(), fmt::format("column '{}'", wire->fields[i].field.name())));
      columns[i] = Array(std::move(column));
    }
    Result<RecordBatchPtr> batch =
        RecordBatch::Make(wire->normalized, header->length(), std::move(columns));
    if (!batch.ok()) return Status::Corruption("IPC record batch: {}", batch.status().message());
    ++stats.num_record_batches;
    return batch;
  }

  IpcReadOptions options;
  std::optional<ipc_internal::WireSchema> wire;
  std::map<int64_t, ArrayDataPtr> dictionaries;  // Normalised, by id.
  IpcReadStats stats;
};

IpcStreamDecoder::IpcStreamDecoder(IpcReadOptions options)
    : state_(std::make_unique<State>(options)) {}
IpcStreamDecoder::~IpcStreamDecoder() = default;

bool IpcStreamDecoder::has_schema() const { return state_->wire.has_value(); }
SchemaPtr IpcStreamDecoder::schema() const {
  return state_->wire ? state_->wire->normalized : nullptr;
}
const IpcReadStats& IpcStreamDecoder::stats() const { return state_->stats; }

Result<RecordBatchPtr> IpcStreamDecoder::Consume(const BufferPtr& metadata_in,
                                                 const BufferPtr& body_in) {
  State& state = *state_;
  if (metadata_in == nullptr) return Status::InvalidArgument("IPC message without metadata");
  ASSIGN_OR_RETURN(BufferPtr metadata,
                   ipc_internal::EnsureAligned(metadata_in, 8, state.options.pool));
  ASSIGN_OR_RETURN(const Message* message, ipc_internal::VerifyMessage(*metadata, state.options));
  BufferPtr body = body_in ? body_in : Buffer::Unowned("", 0);
  if (body->size() < message->body_length()) {
    return Status::Corruption("IPC message body has {} bytes, its metadata declares {}",
                              body->size(), message->body_length());
  }
  if (body->size() > message->body_length()) body = Buffer::Slice(body, 0, message->body_length());
  ++state.stats.num_messages;

  switch (message->header_type()) {
    case MessageHeader::Schema:
      RETURN_NOT_OK(state.ReadSchema(*message));
      return RecordBatchPtr();
    case MessageHeader::DictionaryBatch:
      if (!state.wire) return Status::Corruption("IPC DictionaryBatch before the Schema message");
      RETURN_NOT_OK(state.ReadDictionary(*message, body));
      return RecordBatchPtr();
    case MessageHeader::RecordBatch:
      if (!state.wire) return Status::Corruption("IPC RecordBatch before the Schema message");
      return state.ReadRecordBatch(*message, body);
    default:
      return Status::Corruption("unexpected IPC message type");
  }
}

Result<std::unique_ptr<IpcStreamReader>> IpcStreamReader::Open(
    std::unique_ptr<IpcInputStream> input, IpcReadOptions options) {
  if (input == nullptr) return Status::InvalidArgument("IPC reader needs an input");
  std::unique_ptr<IpcStreamReader> reader(new IpcStreamReader(std::move(input), options));
  ASSIGN_OR_RETURN(std::optional<IpcMessage> first, ReadIpcMessage(reader->input_.get(), options));
  if (!first.has_value()) return Status::Corruption("IPC stream is empty (no Schema message)");
  RETURN_NOT_OK(reader->decoder_.Consume(*first).status());
  if (!reader->decoder_.has_schema()) {
    return Status::Corruption("IPC stream does not start with a Schema message");
  }
  return reader;
}

Result<std::unique_ptr<IpcStreamReader>> IpcStreamReader::Open(BufferPtr stream,
                                                               IpcReadOptions options) {
  if (stream == nullptr) return Status::InvalidArgument("IPC reader needs an input");
  return Open(std::make_unique<BufferIpcInputStream>(std::move(stream)), options);
}

Result<RecordBatchPtr> IpcStreamReader::Next() {
  RETURN_NOT_OK(error_);
  while (!finished_) {
    Result<std::optional<IpcMessage>> message = ReadIpcMessage(input_.get(), options_);
    if (!message.ok()) {
      error_ = message.status();
      return error_;
    }
    if (!message->has_value()) {
      finished_ = true;
      break;
    }
    Result<RecordBatchPtr> batch = decoder_.Consume(**message);
    if (!batch.ok()) {
      error_ = batch.status();
      return error_;
    }
    if (*batch != nullptr) return batch;
  }
  return RecordBatchPtr();
}

Result<IpcStreamContents> ReadIpcStream(BufferPtr stream, IpcReadOptions options) {
  ASSIGN_OR_RETURN(auto reader, IpcStreamReader::Open(std::move(stream), options));
  IpcStreamContents contents;
  contents.schema = reader->schema();
  ASSIGN_OR_RETURN(contents.batches, reader->ReadAll());
  return contents;
}

Result<SchemaPtr> DeserializeIpcSchema(BufferPtr bytes, IpcReadOptions options) {
  if (bytes == nullptr) return Status::InvalidArgument("no bytes to read a schema from");
  BufferIpcInputStream input(std::move(bytes));
  ASSIGN_OR_RETURN(std::optional<IpcMessage> message, ReadIpcMessage(&input, options));
  if (!message.has_value()) return Status::Corruption("no IPC Schema message in the input");
  IpcStreamDecoder decoder(options);
  RETURN_NOT_OK(decoder.Consume(*message).status());
  if (!decoder.has_schema()) return Status::Corruption("IPC message is not a Schema message");
  return decoder.schema();
}

}  // namespace quiver
