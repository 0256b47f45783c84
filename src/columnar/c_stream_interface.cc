#include "columnar/c_stream_interface.h"

#include <cerrno>
#include <string>

#include "columnar/c_data_export.h"
#include "columnar/c_data_import_internal.h"
#include "columnar/dictionary_normalize.h"

namespace quiver {
namespace {

// ---- Export ----------------------------------------------------------------------

struct StreamPrivate {
  std::unique_ptr<RecordBatchReader> reader;
  std::string last_error;
};

int ErrnoFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
      return EINVAL;
    case StatusCode::kResourceExhausted:
      return ENOMEM;
    case StatusCode::kNotImplemented:
      return ENOSYS;
    default:
      return EIO;
  }
}

StreamPrivate* PrivateOf(ArrowArrayStream* stream) {
  return stream == nullptr || stream->release == nullptr
             ? nullptr
             : static_cast<StreamPrivate*>(stream->private_data);
}

int Fail(StreamPrivate* self, const Status& status) {
  self->last_error = status.ToString();
  return ErrnoFor(status);
}

int StreamGetSchema(ArrowArrayStream* stream, ArrowSchema* out) {
  StreamPrivate* self = PrivateOf(stream);
  if (self == nullptr || out == nullptr) return EINVAL;
  self->last_error.clear();
  SchemaPtr schema = self->reader->schema();
  if (schema == nullptr) return Fail(self, Status::Internal("stream has no schema"));
  Status st = ExportSchema(*schema, out);
  return st.ok() ? 0 : Fail(self, st);
}

int StreamGetNext(ArrowArrayStream* stream, ArrowArray* out) {
  StreamPrivate* self = PrivateOf(stream);
  if (self == nullptr || out == nullptr) return EINVAL;
  self->last_error.clear();
  Result<RecordBatchPtr> batch = self->reader->Next();
  if (!batch.ok()) return Fail(self, batch.status());
  if (*batch == nullptr) {
    out->release = nullptr;  // End of stream.
    return 0;
  }
  Status st = ExportRecordBatch(**batch, out);
  return st.ok() ? 0 : Fail(self, st);
}

const char* StreamGetLastError(ArrowArrayStream* stream) {
  StreamPrivate* self = PrivateOf(stream);
  return self == nullptr || self->last_error.empty() ? nullptr : self->last_error.c_str();
}

void StreamRelease(ArrowArrayStream* stream) {
  if (stream == nullptr || stream->release == nullptr) return;
  delete static_cast<StreamPrivate*>(stream->private_data);
  stream->release = nullptr;
  c_data_internal::NoteReleased();
}

// ---- Import ----------------------------------------------------------------------

class ImportedStreamReader final : public RecordBatchReader {
 public:
  ImportedStreamReader(ArrowArrayStream stream, SchemaPtr exact)
      : stream_(stream),
        exact_(std::move(exact)),
        normalized_(NormalizeDictionaryIndexTypes(exact_)) {}
  ~ImportedStreamReader() override {
    if (stream_.release != nullptr) stream_.release(&stream_);
  }

  SchemaPtr schema() const override { return normalized_; }

  Result<RecordBatchPtr> Next() override {
    if (finished_) return RecordBatchPtr();
    ArrowArray array{};
    int code = stream_.get_next(&stream_, &array);
    if (code != 0) return ProducerError("get_next", code);
    if (array.release == nullptr) {
      finished_ = true;
      return RecordBatchPtr();
    }
    return c_data_internal::ImportRecordBatchExact(&array, exact_, normalized_);
  }

  Status ProducerError(const char* call, int code) {
    const char* message = stream_.get_last_error ? stream_.get_last_error(&stream_) : nullptr;
    return Status::IOError("ArrowArrayStream {} failed with code {}: {}", call, code,
                           message ? message : "(no message)");
  }

 private:
  ArrowArrayStream stream_;
  SchemaPtr exact_;
  SchemaPtr normalized_;
  bool finished_ = false;
};

}  // namespace

Status ExportRecordBatchReader(std::unique_ptr<RecordBatchReader> reader, ArrowArrayStream* out) {
  if (out == nullptr)
    return Status::InvalidArgument("ExportRecordBatchReader needs an output struct");
  out->release = nullptr;
  if (reader == nullptr) return Status::InvalidArgument("ExportRecordBatchReader needs a reader");
  auto* self = new StreamPrivate{std::move(reader), {}};
  c_data_internal::NoteExported();
  out->get_schema = StreamGetSchema;
  out->get_next = StreamGetNext;
  out->get_last_error = StreamGetLastError;
  out->release = StreamRelease;
  out->private_data = self;
  return Status::OK();
}

Result<std::unique_ptr<RecordBatchReader>> ImportRecordBatchReader(ArrowArrayStream* stream) {
  if (stream == nullptr) return Status::InvalidArgument("ImportRecordBatchReader needs a stream");
  if (stream->release == nullptr) return Status::InvalidArgument("ArrowArrayStream is released");
  ArrowArrayStream owned = *stream;
  stream->release = nullptr;
  // From here `owned` is ours: released on every error path, or handed to the reader.
  ArrowSchema c_schema{};
  int code = owned.get_schema(&owned, &c_schema);
  if (code != 0) {
    const char* message = owned.get_last_error ? owned.get_last_error(&owned) : nullptr;
    Status st = Status::IOError("ArrowArrayStream get_schema failed with code {}: {}", code,
                                message ? message : "(no message)");
    owned.release(&owned);
    return st;
  }
  Result<Field> field = c_data_internal::ParseSchema(c_schema);
  if (c_schema.release != nullptr) c_schema.release(&c_schema);
  if (!field.ok() || field->type().id() != TypeId::kStruct) {
    owned.release(&owned);
    if (!field.ok()) return field.status();
    return Status::InvalidArgument("ArrowArrayStream schema must be a struct, got {}",
                                   field->type().ToString());
  }
  SchemaPtr exact = MakeSchema(field->type().children(), field->metadata());
  return std::unique_ptr<RecordBatchReader>(new ImportedStreamReader(owned, std::move(exact)));
}

}  // namespace quiver
