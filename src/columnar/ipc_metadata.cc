// Conversion between Quiver's Schema/Field/DataType and the Arrow IPC flatbuffer
// metadata, plus verification of received Message flatbuffers.

#include <fmt/format.h>

#include "columnar/dictionary_normalize.h"
#include "columnar/ipc_metadata_internal.h"

namespace quiver::ipc_internal {
namespace {

using flatbuffers::FlatBufferBuilder;
using flatbuffers::Offset;

// ---- Reading ---------------------------------------------------------------------

KeyValueMetadata MetadataFromFlatbuffer(const flatbuffers::Vector<Offset<fb::KeyValue>>* pairs) {
  KeyValueMetadata metadata;
  if (pairs == nullptr) return metadata;
  for (const fb::KeyValue* pair : *pairs) {
    if (pair == nullptr) continue;
    metadata.Set(pair->key() ? pair->key()->str() : std::string(),
                 pair->value() ? pair->value()->str() : std::string());
  }
  return metadata;
}

Result<TimeUnit> TimeUnitFromFlatbuffer(fb::TimeUnit unit) {
  switch (unit) {
    case fb::TimeUnit::SECOND:
      return TimeUnit::kSecond;
    case fb::TimeUnit::MILLISECOND:
      return TimeUnit::kMilli;
    case fb::TimeUnit::MICROSECOND:
      return TimeUnit::kMicro;
    case fb::TimeUnit::NANOSECOND:
      return TimeUnit::kNano;
  }
  return Status::Corruption("invalid time unit {} in IPC schema", static_cast<int>(unit));
}

Result<DataType> IntFromFlatbuffer(const fb::Int& type) {
  bool is_signed = type.is_signed();
  switch (type.bit_width()) {
    case 8:
      return is_signed ? DataType::Int8() : DataType::UInt8();
    case 16:
      return is_signed ? DataType::Int16() : DataType::UInt16();
    case 32:
      return is_signed ? DataType::Int32() : DataType::UInt32();
    case 64:
      return is_signed ? DataType::Int64() : DataType::UInt64();
  }
  return Status::Corruption("invalid integer bit width {} in IPC schema", type.bit_width());
}

class SchemaReader {
 public:
  explicit SchemaReader(const IpcReadOptions& options) : options_(options) {}

  Result<WireField> ReadField(const fb::Field* field, int depth) {
    if (field == nullptr) return Status::Corruption("IPC schema has a null field");
    if (depth > options_.max_nesting_depth) {
      return Status::Corruption("IPC schema nests types deeper than {} levels",
                                options_.max_nesting_depth);
    }
    std::string name = field->name() ? field->name()->str() : std::string();
    WireField out;
    if (field->children() != nullptr) {
      for (const fb::Field* child : *field->children()) {
        ASSIGN_OR_RETURN(WireField wire_child, ReadField(child, depth + 1));
        out.children.push_back(std::move(wire_child));
      }
    }
    std::vector<Field> child_fields;
    for (const WireField& child : out.children) child_fields.push_back(child.field);
    Result<DataType> type = ReadType(*field, std::move(child_fields));
    if (!type.ok()) return type.status().WithContext(fmt::format("field '{}'", name));
    DataType value_type = std::move(type).ValueUnsafe();
    KeyValueMetadata metadata = MetadataFromFlatbuffer(field->custom_metadata());

    if (const fb::DictionaryEncoding* encoding = field->dictionary()) {
      DataType index_type = DataType::Int32();  // The format's default.
      if (encoding->index_type() != nullptr) {
        ASSIGN_OR_RETURN(index_type, IntFromFlatbuffer(*encoding->index_type()));
      }
      const int64_t id = encoding->id();
      WireField values;
      values.field = Field(name, value_type, true);
      values.children = out.children;
      auto [it, inserted] = dictionaries_.emplace(id, values);
      if (!inserted && !(it->second.field.type() == value_type)) {
        return Status::Corruption("IPC schema uses dictionary id {} for values of types {} and {}",
                                  id, it->second.field.type().ToString(), value_type.ToString());
      }
      out.dictionary_id = id;
      out.field = Field(std::move(name),
                        DataType::Dictionary(index_type, value_type, encoding->is_ordered()),
                        field->nullable(), std::move(metadata));
      return out;
    }
    out.field =
        Field(std::move(name), std::move(value_type), field->nullable(), std::move(metadata));
    return out;
  }

  std::map<int64_t, WireField> TakeDictionaries() { return std::move(dictionaries_); }

 private:
  static Status ExpectChildren(const std::vector<Field>& children, size_t expected,
                               const char* type_name) {
    if (children.size() != expected) {
      return Status::Corruption("{} type with {} children (expected {})", type_name,
                                children.size(), expected);
    }
    return Status::OK();
  }

  Result<DataType> ReadType(const fb::Field& field, std::vector<Field> children) {
    if (field.type_type() != fb::Type::NONE && field.type() == nullptr) {
      return Status::Corruption("type table is missing");
    }
    switch (field.type_type()) {
      case fb::Type::NONE:
        return Status::Corruption("field has no type");
      case fb::Type::Null:
        RETURN_NOT_OK(ExpectChildren(children, 0, "null"));
        return DataType::Null();
      case fb::Type::Bool:
        RETURN_NOT_OK(ExpectChildren(children, 0, "bool"));
        return DataType::Boolean();
      case fb::Type::Int:
        RETURN_NOT_OK(ExpectChildren(children, 0, "int"));
        return IntFromFlatbuffer(*field.type_as_Int());
      case fb::Type::FloatingPoint:
        RETURN_NOT_OK(ExpectChildren(children, 0, "floating point"));
        switch (field.type_as_FloatingPoint()->precision()) {
          case fb::Precision::HALF:
            return Status::NotImplemented("Arrow type float16 is not supported");
          case fb::Precision::SINGLE:
            return DataType::Float32();
          case fb::Precision::DOUBLE:
            return DataType::Float64();
        }
        return Status::Corruption("invalid floating point precision");
      case fb::Type::Utf8:
        RETURN_NOT_OK(ExpectChildren(children, 0, "utf8"));
        return DataType::Utf8();
      case fb::Type::Binary:
        RETURN_NOT_OK(ExpectChildren(children, 0, "binary"));
        return DataType::Binary();
      case fb::Type::Date:
        RETURN_NOT_OK(ExpectChildren(children, 0, "date"));
        switch (field.type_as_Date()->unit()) {
          case fb::DateUnit::DAY:
            return DataType::Date32();
          case fb::DateUnit::MILLISECOND:
            return Status::NotImplemented("Arrow type date64 is not supported");
        }
        return Status::Corruption("invalid date unit");
      case fb::Type::Timestamp: {
        RETURN_NOT_OK(ExpectChildren(children, 0, "timestamp"));
        const fb::Timestamp* timestamp = field.type_as_Timestamp();
        ASSIGN_OR_RETURN(TimeUnit unit, TimeUnitFromFlatbuffer(timestamp->unit()));
        return DataType::Timestamp(unit, timestamp->timezone() ? timestamp->timezone()->str() : "");
      }
      case fb::Type::Duration: {
        RETURN_NOT_OK(ExpectChildren(children, 0, "duration"));
        ASSIGN_OR_RETURN(TimeUnit unit, TimeUnitFromFlatbuffer(field.type_as_Duration()->unit()));
        return DataType::Duration(unit);
      }
      case fb::Type::Interval:
        RETURN_NOT_OK(ExpectChildren(children, 0, "interval"));
        switch (field.type_as_Interval()->unit()) {
          case fb::IntervalUnit::MONTH_DAY_NANO:
            return DataType::IntervalMonthDayNano();
          case fb::IntervalUnit::YEAR_MONTH:
            return Status::NotImplemented("Arrow type month_interval is not supported");
          case fb::IntervalUnit::DAY_TIME:
            return Status::NotImplemented("Arrow type day_time_interval is not supported");
        }
        return Status::Corruption("invalid interval unit");
      case fb::Type::List:
        RETURN_NOT_OK(ExpectChildren(children, 1, "list"));
        return DataType::List(std::move(children[0]));
      case fb::Type::Struct_:
        return DataType::Struct(std::move(children));
      case fb::Type::Map: {
        RETURN_NOT_OK(ExpectChildren(children, 1, "map"));
        const DataType& entries = children[0].type();
        if (entries.id() != TypeId::kStruct || entries.children().size() != 2) {
          return Status::Corruption("map entries must be a struct of (key, value), got {}",
                                    entries.ToString());
        }
        return DataType::Map(std::move(children[0]), field.type_as_Map()->keys_sorted());
      }
      case fb::Type::Union: {
        const fb::Union* type = field.type_as_Union();
        if (type->mode() == fb::UnionMode::Sparse) {
          return Status::NotImplemented("Arrow type sparse_union is not supported");
        }
        if (type->mode() != fb::UnionMode::Dense) return Status::Corruption("invalid union mode");
        if (children.size() > 128)
          return Status::Corruption("union with {} children", children.size());
        const auto* ids = type->type_ids();
        if (ids != nullptr && ids->size() != children.size()) {
          return Status::Corruption("union has {} type ids for {} children", ids->size(),
                                    children.size());
        }
        std::vector<int8_t> codes;
        bool seen[128] = {};
        for (size_t i = 0; i < children.size(); ++i) {
          int32_t code =
              ids ? ids->Get(static_cast<flatbuffers::uoffset_t>(i)) : static_cast<int32_t>(i);
          if (code < 0 || code > 127 || seen[code]) {
            return Status::Corruption("union type id {} is out of range or repeated", code);
          }
          seen[code] = true;
          codes.push_back(static_cast<int8_t>(code));
        }
        return DataType::DenseUnion(std::move(children), std::move(codes));
      }
      case fb::Type::Decimal:
        return Status::NotImplemented("Arrow type decimal is not supported");
      case fb::Type::Time:
        return Status::NotImplemented("Arrow types time32/time64 are not supported");
      case fb::Type::FixedSizeBinary:
        return Status::NotImplemented("Arrow type fixed_size_binary is not supported");
      case fb::Type::FixedSizeList:
        return Status::NotImplemented("Arrow type fixed_size_list is not supported");
      case fb::Type::LargeBinary:
        return Status::NotImplemented("Arrow type large_binary is not supported");
      case fb::Type::LargeUtf8:
        return Status::NotImplemented("Arrow type large_string is not supported");
      case fb::Type::LargeList:
        return Status::NotImplemented("Arrow type large_list is not supported");
      case fb::Type::RunEndEncoded:
        return Status::NotImplemented("Arrow type run_end_encoded is not supported");
      case fb::Type::BinaryView:
        return Status::NotImplemented("Arrow type binary_view is not supported");
      case fb::Type::Utf8View:
        return Status::NotImplemented("Arrow type string_view is not supported");
      case fb::Type::ListView:
        return Status::NotImplemented("Arrow type list_view is not supported");
      case fb::Type::LargeListView:
        return Status::NotImplemented("Arrow type large_list_view is not supported");
    }
    return Status::NotImplemented("unknown Arrow type tag {} (newer format version?)",
                                  static_cast<int>(field.type_type()));
  }

  const IpcReadOptions& options_;
  std::map<int64_t, WireField> dictionaries_;
};

// ---- Writing ---------------------------------------------------------------------

fb::TimeUnit TimeUnitToFlatbuffer(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kSecond:
      return fb::TimeUnit::SECOND;
    case TimeUnit::kMilli:
      return fb::TimeUnit::MILLISECOND;
    case TimeUnit::kMicro:
      return fb::TimeUnit::MICROSECOND;
    case TimeUnit::kNano:
      return fb::TimeUnit::NANOSECOND;
  }
  return fb::TimeUnit::NANOSECOND;
}

class SchemaWriter {
 public:
  explicit SchemaWriter(FlatBufferBuilder& fbb) : fbb_(fbb) {}

  Result<Offset<fb::Field>> WriteField(const Field& field) {
    auto name = fbb_.CreateString(field.name());
    const DataType* type = &field.type();
    Offset<fb::DictionaryEncoding> encoding = 0;
    if (type->id() == TypeId::kDictionary) {
      if (type->value_type().id() == TypeId::kDictionary) {
        return Status::NotImplemented("dictionary of dictionaries cannot be written to IPC: {}",
                                      field.ToString());
      }
      // The id is taken before the children's, matching the pre-order collection.
      const int64_t id = next_dictionary_id_++;
      const DataType& index = type->index_type();
      auto index_type = fb::CreateInt(fbb_, index.bit_width(), index.is_signed_integer());
      encoding = fb::CreateDictionaryEncoding(fbb_, id, index_type, type->ordered());
      type = &type->value_type();
    }
    std::vector<Offset<fb::Field>> children;
    for (const Field& child : type->children()) {
      ASSIGN_OR_RETURN(Offset<fb::Field> written, WriteField(child));
      children.push_back(written);
    }
    auto children_vector = fbb_.CreateVector(children);
    auto [type_type, type_table] = WriteType(*type);
    auto metadata = MetadataToFlatbuffer(fbb_, field.metadata());
    return fb::CreateField(fbb_, name, field.nullable(), type_type, type_table, encoding,
                           children_vector, metadata);
  }

  int64_t num_dictionaries() const { return next_dictionary_id_; }

 private:
  std::pair<fb::Type, Offset<void>> WriteType(const DataType& type) {
    switch (type.id()) {
      case TypeId::kNull:
        return {fb::Type::Null, fb::CreateNull(fbb_).Union()};
      case TypeId::kBoolean:
        return {fb::Type::Bool, fb::CreateBool(fbb_).Union()};
      case TypeId::kInt8:
      case TypeId::kInt16:
      case TypeId::kInt32:
      case TypeId::kInt64:
      case TypeId::kUInt8:
      case TypeId::kUInt16:
      case TypeId::kUInt32:
      case TypeId::kUInt64:
        return {fb::Type::Int,
                fb::CreateInt(fbb_, type.bit_width(), type.is_signed_integer()).Union()};
      case TypeId::kFloat32:
        return {fb::Type::FloatingPoint,
                fb::CreateFloatingPoint(fbb_, fb::Precision::SINGLE).Union()};
      case TypeId::kFloat64:
        return {fb::Type::FloatingPoint,
                fb::CreateFloatingPoint(fbb_, fb::Precision::DOUBLE).Union()};
      case TypeId::kUtf8:
        return {fb::Type::Utf8, fb::CreateUtf8(fbb_).Union()};
      case TypeId::kBinary:
        return {fb::Type::Binary, fb::CreateBinary(fbb_).Union()};
      case TypeId::kDate32:
        return {fb::Type::Date, fb::CreateDate(fbb_, fb::DateUnit::DAY).Union()};
      case TypeId::kTimestamp: {
        auto timezone = type.timezone().empty() ? 0 : fbb_.CreateString(type.timezone());
        return {fb::Type::Timestamp,
                fb::CreateTimestamp(fbb_, TimeUnitToFlatbuffer(type.unit()), timezone).Union()};
      }
      case TypeId::kDuration:
        return {fb::Type::Duration,
                fb::CreateDuration(fbb_, TimeUnitToFlatbuffer(type.unit())).Union()};
      case TypeId::kIntervalMonthDayNano:
        return {fb::Type::Interval,
                fb::CreateInterval(fbb_, fb::IntervalUnit::MONTH_DAY_NANO).Union()};
      case TypeId::kList:
        return {fb::Type::List, fb::CreateList(fbb_).Union()};
      case TypeId::kStruct:
        return {fb::Type::Struct_, fb::CreateStruct_(fbb_).Union()};
      case TypeId::kMap:
        return {fb::Type::Map, fb::CreateMap(fbb_, type.keys_sorted()).Union()};
      case TypeId::kDenseUnion: {
        std::vector<int32_t> codes(type.type_codes().begin(), type.type_codes().end());
        auto ids = fbb_.CreateVector(codes);
        return {fb::Type::Union, fb::CreateUnion(fbb_, fb::UnionMode::Dense, ids).Union()};
      }
      case TypeId::kDictionary:
        break;  // Handled by WriteField.
    }
    return {fb::Type::Null, fb::CreateNull(fbb_).Union()};
  }

  FlatBufferBuilder& fbb_;
  int64_t next_dictionary_id_ = 0;
};

}  // namespace

Result<BufferPtr> EnsureAligned(const BufferPtr& buffer, int64_t alignment, MemoryPool* pool) {
  if (reinterpret_cast<uintptr_t>(buffer->data()) % static_cast<uintptr_t>(alignment) == 0) {
    return buffer;
  }
  return Buffer::Copy(buffer->view(), pool);
}

Result<const fb::Message*> VerifyMessage(const Buffer& metadata, const IpcReadOptions& options) {
  flatbuffers::Verifier::Options verifier_options;
  verifier_options.max_depth =
      static_cast<flatbuffers::uoffset_t>(2 * options.max_nesting_depth + 16);
  verifier_options.max_tables = 1'000'000;
  flatbuffers::Verifier verifier(metadata.data(), static_cast<size_t>(metadata.size()),
                                 verifier_options);
  if (!fb::VerifyMessageBuffer(verifier)) {
    return Status::Corruption("IPC message metadata is not a valid Message flatbuffer");
  }
  const fb::Message* message = fb::GetMessage(metadata.data());
  if (message->version() < fb::MetadataVersion::V4 ||
      message->version() > fb::MetadataVersion::V5) {
    return Status::NotImplemented("IPC metadata version V{} is not supported (V4 and V5 are)",
                                  static_cast<int>(message->version()) + 1);
  }
  switch (message->header_type()) {
    case fb::MessageHeader::Schema:
    case fb::MessageHeader::DictionaryBatch:
    case fb::MessageHeader::RecordBatch:
      break;
    case fb::MessageHeader::Tensor:
    case fb::MessageHeader::SparseTensor:
      return Status::NotImplemented("IPC tensor messages are not supported");
    default:
      return Status::Corruption("IPC message has unknown header type {}",
                                static_cast<int>(message->header_type()));
  }
  if (message->header() == nullptr) return Status::Corruption("IPC message has no header");
  if (message->body_length() < 0 || message->body_length() > options.max_body_size) {
    return Status::Corruption("IPC message body length {} outside [0, {}]", message->body_length(),
                              options.max_body_size);
  }
  return message;
}

Result<WireSchema> SchemaFromFlatbuffer(const fb::Schema& schema, const IpcReadOptions& options) {
  if (schema.endianness() != fb::Endianness::Little) {
    return Status::NotImplemented("big-endian IPC streams are not supported");
  }
  SchemaReader reader(options);
  WireSchema out;
  std::vector<Field> fields;
  if (schema.fields() != nullptr) {
    for (const fb::Field* field : *schema.fields()) {
      ASSIGN_OR_RETURN(WireField wire, reader.ReadField(field, 0));
      fields.push_back(wire.field);
      out.fields.push_back(std::move(wire));
    }
  }
  out.dictionaries = reader.TakeDictionaries();
  out.schema = MakeSchema(std::move(fields), MetadataFromFlatbuffer(schema.custom_metadata()));
  out.normalized = NormalizeDictionaryIndexTypes(out.schema);
  return out;
}

Result<Offset<fb::Schema>> SchemaToFlatbuffer(FlatBufferBuilder& fbb, const Schema& schema,
                                              int64_t* num_dictionaries) {
  SchemaWriter writer(fbb);
  std::vector<Offset<fb::Field>> fields;
  for (const Field& field : schema.fields()) {
    ASSIGN_OR_RETURN(Offset<fb::Field> written, writer.WriteField(field));
    fields.push_back(written);
  }
  auto fields_vector = fbb.CreateVector(fields);
  auto metadata = MetadataToFlatbuffer(fbb, schema.metadata());
  *num_dictionaries = writer.num_dictionaries();
  return fb::CreateSchema(fbb, fb::Endianness::Little, fields_vector, metadata);
}

Offset<flatbuffers::Vector<Offset<fb::KeyValue>>> MetadataToFlatbuffer(
    FlatBufferBuilder& fbb, const KeyValueMetadata& metadata) {
  if (metadata.empty()) return 0;
  std::vector<Offset<fb::KeyValue>> pairs;
  for (const auto& [key, value] : metadata.pairs()) {
    auto key_string = fbb.CreateString(key);
    auto value_string = fbb.CreateString(value);
    pairs.push_back(fb::CreateKeyValue(fbb, key_string, value_string));
  }
  return fbb.CreateVector(pairs);
}

}  // namespace quiver::ipc_internal
