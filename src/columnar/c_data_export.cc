#include "columnar/c_data_export.h"

#include <atomic>
#include <cstring>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace quiver {
namespace c_data_internal {
namespace {
std::atomic<int64_t> live_exports{0};
}  // namespace
void NoteExported() { live_exports.fetch_add(1, std::memory_order_relaxed); }
void NoteReleased() { live_exports.fetch_sub(1, std::memory_order_relaxed); }
int64_t LiveExports() { return live_exports.load(std::memory_order_relaxed); }
}  // namespace c_data_internal

int64_t LiveCDataExportCount() { return c_data_internal::LiveExports(); }

namespace {

// ---- Schemas ---------------------------------------------------------------------

// Owns everything an exported ArrowSchema points at. Children and the dictionary are
// separate exported structs (each with its own private data) stored here so their
// addresses stay stable; the consumer may move them out.
struct SchemaPrivate {
  std::string format;
  std::string name;
  std::string metadata;
  std::vector<ArrowSchema> children;
  std::vector<ArrowSchema*> child_pointers;
  ArrowSchema dictionary{};
};

void ReleaseSchema(ArrowSchema* schema) {
  if (schema == nullptr || schema->release == nullptr) return;
  for (int64_t i = 0; i < schema->n_children; ++i) {
    ArrowSchema* child = schema->children[i];
    if (child->release != nullptr) child->release(child);
  }
  if (schema->dictionary != nullptr && schema->dictionary->release != nullptr) {
    schema->dictionary->release(schema->dictionary);
  }
  delete static_cast<SchemaPrivate*>(schema->private_data);
  schema->release = nullptr;
  c_data_internal::NoteReleased();
}

// int32 pair count, then (int32 length, bytes) for each key and value; native endian.
std::string EncodeMetadata(const KeyValueMetadata& metadata) {
  std::string out;
  auto put_int32 = [&out](int32_t value) { out.append(reinterpret_cast<const char*>(&value), 4); };
  put_int32(static_cast<int32_t>(metadata.size()));
  for (const auto& [key, value] : metadata.pairs()) {
    put_int32(static_cast<int32_t>(key.size()));
    out += key;
    put_int32(static_cast<int32_t>(value.size()));
    out += value;
  }
  return out;
}

char UnitChar(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kSecond:
      return 's';
    case TimeUnit::kMilli:
      return 'm';
    case TimeUnit::kMicro:
      return 'u';
    case TimeUnit::kNano:
      return 'n';
  }
  return 'n';
}

// The format string of a type (for a dictionary: of its index type).
std::string FormatOf(const DataType& type) {
  switch (type.id()) {
    case TypeId::kNull:
      return "n";
    case TypeId::kBoolean:
      return "b";
    case TypeId::kInt8:
      return "c";
    case TypeId::kUInt8:
      return "C";
    case TypeId::kInt16:
      return "s";
    case TypeId::kUInt16:
      return "S";
    case TypeId::kInt32:
      return "i";
    case TypeId::kUInt32:
      return "I";
    case TypeId::kInt64:
      return "l";
    case TypeId::kUInt64:
      return "L";
    case TypeId::kFloat32:
      return "f";
    case TypeId::kFloat64:
      return "g";
    case TypeId::kUtf8:
      return "u";
    case TypeId::kBinary:
      return "z";
    case TypeId::kDate32:
      return "tdD";
    case TypeId::kTimestamp:
      return fmt::format("ts{}:{}", UnitChar(type.unit()), type.timezone());
    case TypeId::kDuration:
      return fmt::format("tD{}", UnitChar(type.unit()));
    case TypeId::kIntervalMonthDayNano:
      return "tin";
    case TypeId::kList:
      return "+l";
    case TypeId::kStruct:
      return "+s";
    case TypeId::kMap:
      return "+m";
    case TypeId::kDenseUnion: {
      std::string out = "+ud:";
      for (size_t i = 0; i < type.type_codes().size(); ++i) {
        if (i > 0) out += ',';
        out += std::to_string(type.type_codes()[i]);
      }
      return out;
    }
    case TypeId::kDictionary:
      return FormatOf(type.index_type());
  }
  return "n";
}

void FillSchema(const std::string& name, const DataType& type, bool nullable,
                const KeyValueMetadata* metadata, ArrowSchema* out) {
  auto* self = new SchemaPrivate();
  c_data_internal::NoteExported();
  self->format = FormatOf(type);
  self->name = name;
  int64_t flags = nullable ? ARROW_FLAG_NULLABLE : 0;
  if (type.id() == TypeId::kDictionary) {
    if (type.ordered()) flags |= ARROW_FLAG_DICTIONARY_ORDERED;
    FillSchema("", type.value_type(), true, nullptr, &self->dictionary);
  } else {
    // A dictionary's children belong to its value type, described by `dictionary`.
    const std::vector<Field>& fields = type.children();
    self->children.resize(fields.size());
    self->child_pointers.resize(fields.size());
    for (size_t i = 0; i < fields.size(); ++i) {
      FillSchema(fields[i].name(), fields[i].type(), fields[i].nullable(), &fields[i].metadata(),
                 &self->children[i]);
      self->child_pointers[i] = &self->children[i];
    }
  }
  if (type.id() == TypeId::kMap && type.keys_sorted()) flags |= ARROW_FLAG_MAP_KEYS_SORTED;
  const bool has_metadata = metadata != nullptr && !metadata->empty();
  if (has_metadata) self->metadata = EncodeMetadata(*metadata);

  out->format = self->format.c_str();
  out->name = self->name.c_str();
  out->metadata = has_metadata ? self->metadata.data() : nullptr;
  out->flags = flags;
  out->n_children = static_cast<int64_t>(self->children.size());
  out->children = self->child_pointers.empty() ? nullptr : self->child_pointers.data();
  out->dictionary = type.id() == TypeId::kDictionary ? &self->dictionary : nullptr;
  out->release = ReleaseSchema;
  out->private_data = self;
}

// ---- Arrays ----------------------------------------------------------------------

struct ArrayPrivate {
  ArrayDataPtr data;  // Keeps this level's buffers alive.
  std::vector<const void*> buffers;
  std::vector<ArrowArray> children;
  std::vector<ArrowArray*> child_pointers;
  ArrowArray dictionary{};
};

void ReleaseArray(ArrowArray* array) {
  if (array == nullptr || array->release == nullptr) return;
  for (int64_t i = 0; i < array->n_children; ++i) {
    ArrowArray* child = array->children[i];
    if (child->release != nullptr) child->release(child);
  }
  if (array->dictionary != nullptr && array->dictionary->release != nullptr) {
    array->dictionary->release(array->dictionary);
  }
  delete static_cast<ArrayPrivate*>(array->private_data);
  array->release = nullptr;
  c_data_internal::NoteReleased();
}

const void* PointerOf(const BufferPtr& buffer) { return buffer ? buffer->data() : nullptr; }

void FillArray(const ArrayDataPtr& data, ArrowArray* out) {
  auto* self = new ArrayPrivate();
  c_data_internal::NoteExported();
  self->data = data;
  const TypeId id = data->type.id();
  switch (id) {
    case TypeId::kNull:
      break;                   // No buffers.
    case TypeId::kDenseUnion:  // No validity bitmap in the C layout.
      self->buffers = {PointerOf(data->buffers[1]), PointerOf(data->buffers[2])};
      break;
    default:
      for (const BufferPtr& buffer : data->buffers) self->buffers.push_back(PointerOf(buffer));
      // A validity bitmap is only meaningful with nulls.
      if (data->null_count == 0 && !self->buffers.empty()) self->buffers[0] = nullptr;
      break;
  }
  self->children.resize(data->children.size());
  self->child_pointers.resize(data->children.size());
  for (size_t i = 0; i < data->children.size(); ++i) {
    FillArray(data->children[i], &self->children[i]);
    self->child_pointers[i] = &self->children[i];
  }
  if (id == TypeId::kDictionary) FillArray(data->dictionary, &self->dictionary);

  out->length = data->length;
  out->null_count =
      id == TypeId::kNull ? data->length : (id == TypeId::kDenseUnion ? 0 : data->null_count);
  out->offset = data->offset;
  out->n_buffers = static_cast<int64_t>(self->buffers.size());
  out->n_children = static_cast<int64_t>(self->children.size());
  out->buffers = self->buffers.empty() ? nullptr : self->buffers.data();
  out->children = self->child_pointers.empty() ? nullptr : self->child_pointers.data();
  out->dictionary = id == TypeId::kDictionary ? &self->dictionary : nullptr;
  out->release = ReleaseArray;
  out->private_data = self;
}

void MarkReleased(ArrowArray* array) {
  if (array != nullptr) array->release = nullptr;
}
void MarkReleased(ArrowSchema* schema) {
  if (schema != nullptr) schema->release = nullptr;
}

Status CheckExportable(const ArrayData& data) {
  if (data.type.id() == TypeId::kDictionary && data.dictionary == nullptr) {
    return Status::InvalidArgument("cannot export a dictionary array without its dictionary");
  }
  for (const ArrayDataPtr& child : data.children) {
    if (child == nullptr)
      return Status::InvalidArgument("cannot export an array with a missing child");
    RETURN_NOT_OK(CheckExportable(*child));
  }
  if (data.dictionary != nullptr) RETURN_NOT_OK(CheckExportable(*data.dictionary));
  return Status::OK();
}

}  // namespace

Status ExportType(const DataType& type, ArrowSchema* out) {
  if (out == nullptr) return Status::InvalidArgument("ExportType needs an output struct");
  FillSchema("", type, true, nullptr, out);
  return Status::OK();
}

Status ExportField(const Field& field, ArrowSchema* out) {
  if (out == nullptr) return Status::InvalidArgument("ExportField needs an output struct");
  FillSchema(field.name(), field.type(), field.nullable(), &field.metadata(), out);
  return Status::OK();
}

Status ExportSchema(const Schema& schema, ArrowSchema* out) {
  if (out == nullptr) return Status::InvalidArgument("ExportSchema needs an output struct");
  FillSchema("", DataType::Struct(schema.fields()), false, &schema.metadata(), out);
  return Status::OK();
}

Status ExportArray(const Array& array, ArrowArray* out, ArrowSchema* out_schema) {
  MarkReleased(out);
  MarkReleased(out_schema);
  if (out == nullptr) return Status::InvalidArgument("ExportArray needs an output struct");
  if (!array.is_valid_handle())
    return Status::InvalidArgument("cannot export an empty array handle");
  RETURN_NOT_OK(CheckExportable(*array.data()));
  if (out_schema != nullptr) RETURN_NOT_OK(ExportType(array.type(), out_schema));
  FillArray(array.data(), out);
  return Status::OK();
}

Status ExportRecordBatch(const RecordBatch& batch, ArrowArray* out, ArrowSchema* out_schema) {
  MarkReleased(out);
  MarkReleased(out_schema);
  if (out == nullptr) return Status::InvalidArgument("ExportRecordBatch needs an output struct");
  // The struct has offset 0 and no nulls; its children are the columns as they are
  // (each may carry its own offset).
  auto data = std::make_shared<ArrayData>();
  data->type = DataType::Struct(batch.schema()->fields());
  data->length = batch.num_rows();
  data->buffers = {nullptr};
  for (const Array& column : batch.columns()) {
    if (!column.is_valid_handle())
      return Status::InvalidArgument("record batch has a missing column");
    RETURN_NOT_OK(CheckExportable(*column.data()));
    data->children.push_back(column.data());
  }
  if (out_schema != nullptr) RETURN_NOT_OK(ExportSchema(*batch.schema(), out_schema));
  FillArray(data, out);
  return Status::OK();
}

}  // namespace quiver
