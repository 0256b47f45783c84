#include "columnar/c_data_import.h"

#include <cstring>
#include <limits>
#include <string_view>

#include <fmt/format.h>

#include "columnar/c_data_import_internal.h"
#include "columnar/dictionary_normalize.h"

namespace quiver {
namespace c_data_internal {
namespace {

constexpr int kMaxDepth = 64;
constexpr int64_t kMaxSlots = std::numeric_limits<int64_t>::max() / 64;

alignas(64) const uint8_t kZeroBytes[64] = {};

// Releases a consumed ArrowSchema when it goes out of scope.
class SchemaGuard {
 public:
  explicit SchemaGuard(ArrowSchema* schema) {
    if (schema != nullptr) {
      owned_ = *schema;
      schema->release = nullptr;
    }
  }
  ~SchemaGuard() {
    if (owned_.release != nullptr) owned_.release(&owned_);
  }
  SchemaGuard(const SchemaGuard&) = delete;
  SchemaGuard& operator=(const SchemaGuard&) = delete;
  const ArrowSchema& get() const { return owned_; }

 private:
  ArrowSchema owned_{};
};

// The owner of every buffer imported from one base ArrowArray: releasing it (when the
// last Buffer referencing it goes) calls the producer's release callback.
struct ImportedArrayOwner {
  ArrowArray array{};
  ~ImportedArrayOwner() {
    if (array.release != nullptr) array.release(&array);
  }
};

std::shared_ptr<ImportedArrayOwner> TakeArray(ArrowArray* array) {
  auto owner = std::make_shared<ImportedArrayOwner>();
  if (array != nullptr) {
    owner->array = *array;
    array->release = nullptr;
  }
  return owner;
}

Result<KeyValueMetadata> DecodeMetadata(const char* encoded) {
  KeyValueMetadata metadata;
  if (encoded == nullptr) return metadata;
  const char* p = encoded;
  auto read_int32 = [&p]() {
    int32_t value;
    std::memcpy(&value, p, 4);
    p += 4;
    return value;
  };
  int32_t pairs = read_int32();
  if (pairs < 0) return Status::InvalidArgument("ArrowSchema metadata has {} pairs", pairs);
  for (int32_t i = 0; i < pairs; ++i) {
    int32_t key_length = read_int32();
    if (key_length < 0)
      return Status::InvalidArgument("ArrowSchema metadata key of length {}", key_length);
    std::string key(p, static_cast<size_t>(key_length));
    p += key_length;
    int32_t value_length = read_int32();
    if (value_length < 0) {
      return Status::InvalidArgument("ArrowSchema metadata value of length {}", value_length);
    }
    std::string value(p, static_cast<size_t>(value_length));
    p += value_length;
    metadata.Set(std::move(key), std::move(value));
  }
  return metadata;
}

Result<TimeUnit> UnitFromChar(char c, std::string_view format) {
  switch (c) {
    case 's':
      return TimeUnit::kSecond;
    case 'm':
      return TimeUnit::kMilli;
    case 'u':
      return TimeUnit::kMicro;
    case 'n':
      return TimeUnit::kNano;
  }
  return Status::InvalidArgument("invalid time unit in Arrow C format '{}'", format);
}

Status ExpectChildren(const std::vector<Field>& children, size_t expected,
                      std::string_view format) {
  if (children.size() != expected) {
    return Status::InvalidArgument("Arrow C format '{}' with {} children (expected {})", format,
                                   children.size(), expected);
  }
  return Status::OK();
}

Result<DataType> TypeFromFormat(std::string_view format, std::vector<Field> children) {
  if (format.size() == 1) {
    RETURN_NOT_OK(ExpectChildren(children, 0, format));
    switch (format[0]) {
      case 'n':
        return DataType::Null();
      case 'b':
        return DataType::Boolean();
      case 'c':
        return DataType::Int8();
      case 'C':
        return DataType::UInt8();
      case 's':
        return DataType::Int16();
      case 'S':
        return DataType::UInt16();
      case 'i':
        return DataType::Int32();
      case 'I':
        return DataType::UInt32();
      case 'l':
        return DataType::Int64();
      case 'L':
        return DataType::UInt64();
      case 'f':
        return DataType::Float32();
      case 'g':
        return DataType::Float64();
      case 'u':
        return DataType::Utf8();
      case 'z':
        return DataType::Binary();
    }
  } else if (format == "tdD") {
    RETURN_NOT_OK(ExpectChildren(children, 0, format));
    return DataType::Date32();
  } else if (format == "tin") {
    RETURN_NOT_OK(ExpectChildren(children, 0, format));
    return DataType::IntervalMonthDayNano();
  } else if (format.size() >= 4 && format.substr(0, 2) == "ts" && format[3] == ':') {
    RETURN_NOT_OK(ExpectChildren(children, 0, format));
    ASSIGN_OR_RETURN(TimeUnit unit, UnitFromChar(format[2], format));
    return DataType::Timestamp(unit, std::string(format.substr(4)));
  } else if (format.size() == 3 && format.substr(0, 2) == "tD") {
    RETURN_NOT_OK(ExpectChildren(children, 0, format));
    ASSIGN_OR_RETURN(TimeUnit unit, UnitFromChar(format[2], format));
    return DataType::Duration(unit);
  } else if (format == "+l") {
    RETURN_NOT_OK(ExpectChildren(children, 1, format));
    return DataType::List(std::move(children[0]));
  } else if (format == "+s") {
    return DataType::Struct(std::move(children));
  } else if (format == "+m") {
    RETURN_NOT_OK(ExpectChildren(children, 1, format));
    const DataType& entries = children[0].type();
    if (entries.id() != TypeId::kStruct || entries.children().size() != 2) {
      return Status::InvalidArgument("map entries must be a struct of (key, value), got {}",
                                     entries.ToString());
    }
    return DataType::Map(std::move(children[0]));
  } else if (format.substr(0, 4) == "+ud:") {
    std::vector<int8_t> codes;
    std::string_view rest = format.substr(4);
    bool seen[128] = {};
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      int code = 0;
      if (item.empty() || item.size() > 3)
        return Status::InvalidArgument("bad union type id in '{}'", format);
      for (char c : item) {
        if (c < '0' || c > '9') return Status::InvalidArgument("bad union type id in '{}'", format);
        code = code * 10 + (c - '0');
      }
      if (code > 127 || seen[code])
        return Status::InvalidArgument("bad union type id in '{}'", format);
      seen[code] = true;
      codes.push_back(static_cast<int8_t>(code));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    RETURN_NOT_OK(ExpectChildren(children, codes.size(), format));
    return DataType::DenseUnion(std::move(children), std::move(codes));
  }
  return Status::NotImplemented("Arrow C data format '{}' is not supported", format);
}

Result<Field> Parse(const ArrowSchema& schema, int depth) {
  if (schema.release == nullptr) return Status::InvalidArgument("ArrowSchema is released");
  if (depth > kMaxDepth)
    return Status::InvalidArgument("ArrowSchema nests deeper than {}", kMaxDepth);
  if (schema.format == nullptr) return Status::InvalidArgument("ArrowSchema has no format");
  if (schema.n_children < 0 || (schema.n_children > 0 && schema.children == nullptr)) {
    return Status::InvalidArgument("ArrowSchema has {} children but no child array",
                                   schema.n_children);
  }
  std::string name = schema.name ? schema.name : "";
  std::vector<Field> children;
  for (int64_t i = 0; i < schema.n_children; ++i) {
    if (schema.children[i] == nullptr)
      return Status::InvalidArgument("ArrowSchema child {} is null", i);
    ASSIGN_OR_RETURN(Field child, Parse(*schema.children[i], depth + 1));
    children.push_back(std::move(child));
  }
  ASSIGN_OR_RETURN(KeyValueMetadata metadata, DecodeMetadata(schema.metadata));
  const bool nullable = (schema.flags & ARROW_FLAG_NULLABLE) != 0;
  DataType type;
  if (schema.dictionary != nullptr) {
    ASSIGN_OR_RETURN(DataType index, TypeFromFormat(schema.format, std::move(children)));
    if (!index.is_integer()) {
      return Status::InvalidArgument("dictionary index format '{}' is not an integer",
                                     schema.format);
    }
    ASSIGN_OR_RETURN(Field values, Parse(*schema.dictionary, depth + 1));
    if (values.type().id() == TypeId::kDictionary) {
      return Status::NotImplemented("dictionaries of dictionaries are not supported");
    }
    type = DataType::Dictionary(index, values.type(),
                                (schema.flags & ARROW_FLAG_DICTIONARY_ORDERED) != 0);
  } else {
    Result<DataType> parsed = TypeFromFormat(schema.format, std::move(children));
    if (!parsed.ok()) return parsed.status().WithContext(fmt::format("field '{}'", name));
    type = std::move(parsed).ValueUnsafe();
  }
  if (type.id() == TypeId::kMap && (schema.flags & ARROW_FLAG_MAP_KEYS_SORTED) != 0) {
    type = DataType::Map(type.children()[0], true);
  }
  return Field(std::move(name), std::move(type), nullable, std::move(metadata));
}

// Wraps the buffers of one ArrowArray tree; every buffer shares `owner`.
class ArrayImporter {
 public:
  explicit ArrayImporter(std::shared_ptr<const void> owner) : owner_(std::move(owner)) {}

  Result<ArrayDataPtr> Import(const ArrowArray& array, const DataType& type, int depth) {
    if (depth > kMaxDepth)
      return Status::InvalidArgument("ArrowArray nests deeper than {}", kMaxDepth);
    if (array.length < 0 || array.length > kMaxSlots || array.offset < 0 ||
        array.offset > kMaxSlots || array.null_count < -1 || array.null_count > array.length) {
      return Status::InvalidArgument("ArrowArray of {} has length {}, offset {}, null_count {}",
                                     type.ToString(), array.length, array.offset, array.null_count);
    }
    auto data = std::make_shared<ArrayData>();
    data->type = type;
    data->length = array.length;
    data->offset = array.offset;
    const int64_t end = array.offset + array.length;
    size_t expected_children = type.is_nested() ? type.children().size() : 0;
    RETURN_NOT_OK(CheckShape(array, type, BufferCount(type), expected_children));

    switch (type.id()) {
      case TypeId::kNull:
        break;
      case TypeId::kBoolean: {
        data->buffers = {Validity(array), nullptr};
        ASSIGN_OR_RETURN(data->buffers[1], Wrap(array, 1, bit_util::BytesForBits(end), 1));
        break;
      }
      case TypeId::kUtf8:
      case TypeId::kBinary: {
        data->buffers = {Validity(array), nullptr, nullptr};
        ASSIGN_OR_RETURN(data->buffers[1], Offsets(array, end));
        int32_t last;
        std::memcpy(&last, data->buffers[1]->data() + end * 4, 4);
        if (last < 0) return Status::InvalidArgument("ArrowArray string offsets end at {}", last);
        ASSIGN_OR_RETURN(data->buffers[2], Wrap(array, 2, last, 1));
        break;
      }
      case TypeId::kList:
      case TypeId::kMap: {
        data->buffers = {Validity(array), nullptr};
        ASSIGN_OR_RETURN(data->buffers[1], Offsets(array, end));
        break;
      }
      case TypeId::kStruct:
        data->buffers = {Validity(array)};
        break;
      case TypeId::kDenseUnion: {
        data->buffers = {nullptr, nullptr, nullptr};
        ASSIGN_OR_RETURN(data->buffers[1], Wrap(array, 0, end, 1));
        ASSIGN_OR_RETURN(data->buffers[2], Wrap(array, 1, end * 4, 4));
        break;
      }
      case TypeId::kDictionary: {
        int width = type.index_type().bit_width() / 8;
        data->buffers = {Validity(array), nullptr};
        ASSIGN_OR_RETURN(data->buffers[1], Wrap(array, 1, end * width, width));
        if (array.dictionary == nullptr) {
          return Status::InvalidArgument("dictionary ArrowArray has no dictionary");
        }
        ASSIGN_OR_RETURN(data->dictionary, Import(*array.dictionary, type.value_type(), depth + 1));
        break;
      }
      default: {
        int width = type.bit_width() / 8;
        data->buffers = {Validity(array), nullptr};
        ASSIGN_OR_RETURN(data->buffers[1], Wrap(array, 1, end * width, std::min(width, 8)));
        break;
      }
    }
    for (size_t i = 0; i < expected_children; ++i) {
      ASSIGN_OR_RETURN(ArrayDataPtr child,
                       Import(*array.children[i], type.children()[i].type(), depth + 1));
      if (type.id() == TypeId::kStruct && child->length < end) {
        return Status::InvalidArgument("struct child {} has {} slots, the struct needs {}", i,
                                       child->length, end);
      }
      data->children.push_back(std::move(child));
    }
    RETURN_NOT_OK(SetNullCount(array, data.get()));
    return ArrayDataPtr(std::move(data));
  }

 private:
  static int64_t BufferCount(const DataType& type) {
    switch (type.id()) {
      case TypeId::kNull:
        return 0;
      case TypeId::kStruct:
        return 1;
      case TypeId::kUtf8:
      case TypeId::kBinary:
        return 3;
      default:
        return 2;  // Including dense unions (type ids, offsets).
    }
  }

  static Status CheckShape(const ArrowArray& array, const DataType& type, int64_t buffers,
                           size_t children) {
    if (array.n_buffers != buffers) {
      return Status::InvalidArgument("ArrowArray of {} has {} buffers, expected {}",
                                     type.ToString(), array.n_buffers, buffers);
    }
    if (buffers > 0 && array.buffers == nullptr) {
      return Status::InvalidArgument("ArrowArray of {} has no buffer array", type.ToString());
    }
    if (array.n_children != static_cast<int64_t>(children)) {
      return Status::InvalidArgument("ArrowArray of {} has {} children, expected {}",
                                     type.ToString(), array.n_children, children);
    }
    for (size_t i = 0; i < children; ++i) {
      if (array.children == nullptr || array.children[i] == nullptr) {
        return Status::InvalidArgument("ArrowArray of {} lacks child {}", type.ToString(), i);
      }
    }
    return Status::OK();
  }

  BufferPtr Validity(const ArrowArray& array) {
    const void* bits = array.buffers[0];
    if (bits == nullptr) return nullptr;
    return std::make_shared<Buffer>(static_cast<const uint8_t*>(bits),
                                    bit_util::BytesForBits(array.offset + array.length), owner_);
  }

  // Buffer `index` of `size` bytes; copied if misaligned for `alignment`.
  Result<BufferPtr> Wrap(const ArrowArray& array, int index, int64_t size, int alignment) {
    const void* pointer = array.buffers[index];
    if (size == 0) return Buffer::Unowned(kZeroBytes, 0);
    if (pointer == nullptr) {
      return Status::InvalidArgument("ArrowArray buffer {} is null but {} bytes are needed", index,
                                     size);
    }
    auto buffer = std::make_shared<Buffer>(static_cast<const uint8_t*>(pointer), size, owner_);
    if (reinterpret_cast<uintptr_t>(pointer) % static_cast<uintptr_t>(alignment) != 0) {
      return Buffer::Copy(buffer->view());
    }
    return BufferPtr(std::move(buffer));
  }

  Result<BufferPtr> Offsets(const ArrowArray& array, int64_t end) {
    // Some producers leave the offsets of an empty array out.
    if (end == 0 && array.buffers[1] == nullptr) return Buffer::Unowned(kZeroBytes, 4);
    return Wrap(array, 1, (end + 1) * 4, 4);
  }

  static Status SetNullCount(const ArrowArray& array, ArrayData* data) {
    const TypeId id = data->type.id();
    if (id == TypeId::kNull) {
      data->null_count = data->length;
      return Status::OK();
    }
    if (id == TypeId::kDenseUnion) {
      data->null_count = 0;
      return Status::OK();
    }
    const BufferPtr& bitmap = data->buffers[0];
    int64_t null_count = array.null_count;
    if (null_count == -1) {
      null_count =
          bitmap ? data->length - bit_util::CountSetBits(bitmap->data(), data->offset, data->length)
                 : 0;
    }
    if (null_count > 0 && bitmap == nullptr) {
      return Status::InvalidArgument("ArrowArray of {} has {} nulls but no validity bitmap",
                                     data->type.ToString(), null_count);
    }
    if (null_count == 0) data->buffers[0] = nullptr;
    data->null_count = null_count;
    return Status::OK();
  }

  std::shared_ptr<const void> owner_;
};

}  // namespace

Result<Field> ParseSchema(const ArrowSchema& schema) { return Parse(schema, 0); }

Result<RecordBatchPtr> ImportRecordBatchExact(ArrowArray* array, const SchemaPtr& exact,
                                              const SchemaPtr& normalized) {
  auto owner = TakeArray(array);
  if (owner->array.release == nullptr) return Status::InvalidArgument("ArrowArray is released");
  ArrayImporter importer(owner);
  ASSIGN_OR_RETURN(ArrayDataPtr data,
                   importer.Import(owner->array, DataType::Struct(exact->fields()), 0));
  if (data->null_count != 0) {
    return Status::InvalidArgument("record batch struct array has {} top-level nulls",
                                   data->null_count);
  }
  std::vector<Array> columns;
  for (const ArrayDataPtr& child : data->children) {
    Array column(child);
    if (data->offset != 0 || column.length() != data->length) {
      column = column.Slice(data->offset, data->length);
    }
    ASSIGN_OR_RETURN(ArrayDataPtr normalized_column, NormalizeDictionaryIndices(column.data()));
    columns.emplace_back(std::move(normalized_column));
  }
  return RecordBatch::Make(normalized, data->length, std::move(columns));
}

}  // namespace c_data_internal

Result<DataType> ImportType(ArrowSchema* schema) {
  ASSIGN_OR_RETURN(Field field, ImportField(schema));
  return field.type();
}

Result<Field> ImportField(ArrowSchema* schema) {
  if (schema == nullptr) return Status::InvalidArgument("ImportField needs a schema");
  c_data_internal::SchemaGuard guard(schema);
  ASSIGN_OR_RETURN(Field field, c_data_internal::ParseSchema(guard.get()));
  return NormalizeDictionaryIndexType(field);
}

Result<SchemaPtr> ImportSchema(ArrowSchema* schema) {
  ASSIGN_OR_RETURN(Field field, ImportField(schema));
  if (field.type().id() != TypeId::kStruct) {
    return Status::InvalidArgument("a schema must be exported as a struct type, got {}",
                                   field.type().ToString());
  }
  return MakeSchema(field.type().children(), field.metadata());
}

Result<Array> ImportArray(ArrowArray* array, ArrowSchema* schema) {
  auto owner = c_data_internal::TakeArray(array);
  if (schema == nullptr) return Status::InvalidArgument("ImportArray needs a schema");
  c_data_internal::SchemaGuard guard(schema);
  if (owner->array.release == nullptr) return Status::InvalidArgument("ArrowArray is released");
  ASSIGN_OR_RETURN(Field field, c_data_internal::ParseSchema(guard.get()));
  c_data_internal::ArrayImporter importer(owner);
  ASSIGN_OR_RETURN(ArrayDataPtr data, importer.Import(owner->array, field.type(), 0));
  ASSIGN_OR_RETURN(data, NormalizeDictionaryIndices(data));
  return Array(std::move(data));
}

Result<RecordBatchPtr> ImportRecordBatch(ArrowArray* array, ArrowSchema* schema) {
  if (schema == nullptr) {
    c_data_internal::TakeArray(array);  // Consumed even on error.
    return Status::InvalidArgument("ImportRecordBatch needs a schema");
  }
  Result<Field> field = [&]() -> Result<Field> {
    c_data_internal::SchemaGuard guard(schema);
    return c_data_internal::ParseSchema(guard.get());
  }();
  if (!field.ok()) {
    c_data_internal::TakeArray(array);
    return field.status();
  }
  if (field->type().id() != TypeId::kStruct) {
    c_data_internal::TakeArray(array);
    return Status::InvalidArgument("a record batch must be a struct array, got {}",
                                   field->type().ToString());
  }
  SchemaPtr exact = MakeSchema(field->type().children(), field->metadata());
  return c_data_internal::ImportRecordBatchExact(array, exact,
                                                 NormalizeDictionaryIndexTypes(exact));
}

}  // namespace quiver
