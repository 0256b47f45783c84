#include "parquet/schema_mapping.h"

#include <algorithm>

#include "columnar/ipc_reader.h"
#include "columnar/ipc_writer.h"
#include "parquet/base64_internal.h"

namespace quiver::parquet {
namespace {

using K = LogicalType::Kind;

ParquetTimeUnit StoredUnit(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kSecond:
    case TimeUnit::kMilli:
      return ParquetTimeUnit::kMillis;
    case TimeUnit::kMicro:
      return ParquetTimeUnit::kMicros;
    case TimeUnit::kNano:
      return ParquetTimeUnit::kNanos;
  }
  return ParquetTimeUnit::kNanos;
}

int64_t NanosOf(ParquetTimeUnit unit) {
  switch (unit) {
    case ParquetTimeUnit::kMillis: return 1'000'000;
    case ParquetTimeUnit::kMicros: return 1'000;
    case ParquetTimeUnit::kNanos: return 1;
  }
  return 1;
}

TimeUnit ArrowUnitOf(ParquetTimeUnit unit) {
  switch (unit) {
    case ParquetTimeUnit::kMillis: return TimeUnit::kMilli;
    case ParquetTimeUnit::kMicros: return TimeUnit::kMicro;
    case ParquetTimeUnit::kNanos: return TimeUnit::kNano;
  }
  return TimeUnit::kNano;
}

SchemaElement Leaf(const Field& field, PhysicalType type) {
  SchemaElement e;
  e.type = type;
  e.repetition_type = field.nullable() ? Repetition::kOptional : Repetition::kRequired;
  e.name = field.name();
  return e;
}

void SetInteger(SchemaElement* e, int bits, bool is_signed) {
  e->logical_type = LogicalType::Integer(bits, is_signed);
  static constexpr ConvertedType kSigned[] = {ConvertedType::kInt8, ConvertedType::kInt16,
                                              ConvertedType::kInt32, ConvertedType::kInt64};
  static constexpr ConvertedType kUnsigned[] = {ConvertedType::kUint8, ConvertedType::kUint16,
                                                ConvertedType::kUint32, ConvertedType::kUint64};
  int slot = bits == 8 ? 0 : bits == 16 ? 1 : bits == 32 ? 2 : 3;
  e->converted_type = is_signed ? kSigned[slot] : kUnsigned[slot];
}

bool IsStringLeaf(const SchemaElement& e) {
  if (e.logical_type.kind == K::kString || e.logical_type.kind == K::kEnum ||
      e.logical_type.kind == K::kJson) {
    return true;
  }
  return e.logical_type.kind == K::kNone &&
         (e.converted_type == ConvertedType::kUtf8 || e.converted_type == ConvertedType::kEnum ||
          e.converted_type == ConvertedType::kJson);
}

std::optional<ParquetTimeUnit> TimestampUnitOf(const SchemaElement& e) {
  if (e.logical_type.kind == K::kTimestamp) return e.logical_type.unit;
  if (e.logical_type.kind == K::kNone && e.converted_type == ConvertedType::kTimestampMillis) {
    return ParquetTimeUnit::kMillis;
  }
  if (e.logical_type.kind == K::kNone && e.converted_type == ConvertedType::kTimestampMicros) {
    return ParquetTimeUnit::kMicros;
  }
  return std::nullopt;
}

// The Arrow type of a leaf when no Arrow schema says otherwise.
Result<DataType> DefaultArrowType(const SchemaElement& e) {
  const LogicalType& logical = e.logical_type;
  if (logical.kind == K::kUnknown) return DataType::Null();
  if (logical.kind == K::kDecimal || (logical.kind == K::kNone && e.converted_type == ConvertedType::kDecimal)) {
    return Status::NotImplemented("parquet column '{}': DECIMAL is not supported", e.name);
  }
  if (logical.kind == K::kFloat16) {
    return Status::NotImplemented("parquet column '{}': FLOAT16 is not supported", e.name);
  }
  switch (*e.type) {
    case PhysicalType::kBoolean:
      return DataType::Boolean();
    case PhysicalType::kInt32: {
      if (logical.kind == K::kDate || (logical.kind == K::kNone && e.converted_type == ConvertedType::kDate)) {
        return DataType::Date32();
      }
      int bits = 32;
      bool is_signed = true;
      if (logical.kind == K::kInteger) {
        bits = logical.bit_width;
        is_signed = logical.is_signed;
      } else if (logical.kind == K::kNone && e.converted_type) {
        switch (*e.converted_type) {
          case ConvertedType::kInt8: bits = 8; break;
          case ConvertedType::kInt16: bits = 16; break;
          case ConvertedType::kUint8: bits = 8; is_signed = false; break;
          case ConvertedType::kUint16: bits = 16; is_signed = false; break;
          case ConvertedType::kUint32: is_signed = false; break;
          default: break;
        }
      }
      switch (bits) {
        case 8: return is_signed ? DataType::Int8() : DataType::UInt8();
        case 16: return is_signed ? DataType::Int16() : DataType::UInt16();
        default: return is_signed ? DataType::Int32() : DataType::UInt32();
      }
    }
    case PhysicalType::kInt64: {
      if (auto unit = TimestampUnitOf(e)) {
        bool utc = logical.kind == K::kTimestamp ? logical.is_adjusted_to_utc : true;
        return DataType::Timestamp(ArrowUnitOf(*unit), utc ? "UTC" : "");
      }
      bool is_unsigned = (logical.kind == K::kInteger && !logical.is_signed) ||
                         (logical.kind == K::kNone && e.converted_type == ConvertedType::kUint64);
      return is_unsigned ? DataType::UInt64() : DataType::Int64();
    }
    case PhysicalType::kInt96:
      return DataType::Timestamp(TimeUnit::kNano);
    case PhysicalType::kFloat:
      return DataType::Float32();
    case PhysicalType::kDouble:
      return DataType::Float64();
    case PhysicalType::kByteArray:
      return IsStringLeaf(e) ? DataType::Utf8() : DataType::Binary();
    case PhysicalType::kFixedLenByteArray:
      return DataType::Binary();
  }
  return Status::Corruption("parquet column '{}': unknown physical type {}", e.name,
                            static_cast<int>(*e.type));
}

// Whether `type` can be produced from the leaf (used to accept ARROW:schema types).
bool CanProduce(const DataType& type, const SchemaElement& e) {
  PhysicalType p = *e.type;
  switch (type.id()) {
    case TypeId::kNull:
      return true;
    case TypeId::kBoolean:
      return p == PhysicalType::kBoolean;
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kDate32:
      return p == PhysicalType::kInt32;
    case TypeId::kInt64:
    case TypeId::kUInt64:
    case TypeId::kDuration:
      return p == PhysicalType::kInt64;
    case TypeId::kTimestamp:
      return p == PhysicalType::kInt64 || p == PhysicalType::kInt96;
    case TypeId::kFloat32:
      return p == PhysicalType::kFloat;
    case TypeId::kFloat64:
      return p == PhysicalType::kDouble;
    case TypeId::kUtf8:
      return p == PhysicalType::kByteArray;
    case TypeId::kBinary:
      return p == PhysicalType::kByteArray || p == PhysicalType::kFixedLenByteArray;
    case TypeId::kDictionary:
      return p == PhysicalType::kByteArray && type.index_type().id() == TypeId::kInt32 &&
             type.value_type().is_binary_like();
    default:
      return false;
  }
}

void SetTimeScale(LeafColumn* column) {
  const DataType& type = column->field.type();
  std::optional<ParquetTimeUnit> stored = TimestampUnitOf(column->element);
  if (column->element.type == PhysicalType::kInt96) stored = ParquetTimeUnit::kNanos;
  if (!stored) return;
  column->stored_time_unit_nanos = NanosOf(*stored);
  if (type.id() != TypeId::kTimestamp) return;
  int64_t stored_nanos = NanosOf(*stored);
  int64_t arrow_nanos = TimeUnitNanos(type.unit());
  if (stored_nanos > arrow_nanos) column->time_multiply = stored_nanos / arrow_nanos;
  if (stored_nanos < arrow_nanos) column->time_divide = arrow_nanos / stored_nanos;
}

}  // namespace

Result<SchemaElement> ParquetLeafFor(const Field& field) {
  const DataType& type = field.type();
  SchemaElement e;
  switch (type.id()) {
    case TypeId::kNull:
      e = Leaf(field, PhysicalType::kInt32);
      e.repetition_type = Repetition::kOptional;
      e.logical_type = LogicalType::Null();
      return e;
    case TypeId::kBoolean:
      return Leaf(field, PhysicalType::kBoolean);
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
      e = Leaf(field, PhysicalType::kInt32);
      SetInteger(&e, type.bit_width(), type.is_signed_integer());
      return e;
    case TypeId::kInt32:
      return Leaf(field, PhysicalType::kInt32);
    case TypeId::kInt64:
    case TypeId::kDuration:
      return Leaf(field, PhysicalType::kInt64);
    case TypeId::kUInt64:
      e = Leaf(field, PhysicalType::kInt64);
      SetInteger(&e, 64, false);
      return e;
    case TypeId::kFloat32:
      return Leaf(field, PhysicalType::kFloat);
    case TypeId::kFloat64:
      return Leaf(field, PhysicalType::kDouble);
    case TypeId::kDate32:
      e = Leaf(field, PhysicalType::kInt32);
      e.logical_type = LogicalType::Date();
      e.converted_type = ConvertedType::kDate;
      return e;
    case TypeId::kTimestamp: {
      e = Leaf(field, PhysicalType::kInt64);
      bool utc = !type.timezone().empty();
      ParquetTimeUnit unit = StoredUnit(type.unit());
      e.logical_type = LogicalType::Timestamp(unit, utc);
      // The legacy annotations mean "adjusted to UTC"; only set them then.
      if (utc && unit == ParquetTimeUnit::kMillis) e.converted_type = ConvertedType::kTimestampMillis;
      if (utc && unit == ParquetTimeUnit::kMicros) e.converted_type = ConvertedType::kTimestampMicros;
      return e;
    }
    case TypeId::kUtf8:
      e = Leaf(field, PhysicalType::kByteArray);
      e.logical_type = LogicalType::String();
      e.converted_type = ConvertedType::kUtf8;
      return e;
    case TypeId::kBinary:
      return Leaf(field, PhysicalType::kByteArray);
    case TypeId::kDictionary: {
      if (!type.value_type().is_binary_like() || !type.index_type().is_integer()) break;
      e = Leaf(field, PhysicalType::kByteArray);
      if (type.value_type().id() == TypeId::kUtf8) {
        e.logical_type = LogicalType::String();
        e.converted_type = ConvertedType::kUtf8;
      }
      return e;
    }
    default:
      break;
  }
  return Status::NotImplemented("parquet writer: column '{}' of type {} is not supported",
                                field.name(), type.ToString());
}

Result<std::vector<SchemaElement>> ParquetSchemaFor(const Schema& schema) {
  std::vector<SchemaElement> elements;
  SchemaElement root;
  root.name = "schema";
  root.num_children = schema.num_fields();
  elements.push_back(root);
  for (const Field& field : schema.fields()) {
    ASSIGN_OR_RETURN(SchemaElement leaf, ParquetLeafFor(field));
    elements.push_back(std::move(leaf));
  }
  return elements;
}

Result<std::string> EncodeArrowSchemaMetadata(const SchemaPtr& schema) {
  ASSIGN_OR_RETURN(std::string message, SerializeIpcSchema(schema));
  return internal::Base64Encode(message);
}

Result<SchemaPtr> DecodeArrowSchemaMetadata(std::string_view value) {
  std::optional<std::string> bytes = internal::Base64Decode(value);
  if (!bytes) return Status::Corruption("ARROW:schema is not valid base64");
  ASSIGN_OR_RETURN(BufferPtr buffer, Buffer::Copy(*bytes));
  return DeserializeIpcSchema(buffer);
}

Result<FileSchema> MapFileSchema(const FileMetaData& md, const SchemaMappingOptions& options) {
  const auto& elements = md.schema;
  if (elements.empty()) return Status::Corruption("parquet schema is empty");
  const SchemaElement& root = elements[0];
  int64_t children = root.num_children.value_or(0);
  if (children < 0 || children != static_cast<int64_t>(elements.size()) - 1) {
    for (size_t i = 1; i < elements.size(); ++i) {
      if (elements[i].num_children.value_or(0) > 0 || elements[i].repetition_type == Repetition::kRepeated) {
        return Status::NotImplemented("parquet column '{}': nested columns are not supported",
                                      elements[i].name);
      }
    }
    return Status::Corruption("parquet schema root has {} children but {} elements follow", children,
                              elements.size() - 1);
  }

  FileSchema out;
  std::vector<Field> fields;
  for (size_t i = 1; i < elements.size(); ++i) {
    const SchemaElement& e = elements[i];
    if (e.num_children.value_or(0) > 0 || !e.type) {
      return Status::NotImplemented("parquet column '{}': nested columns are not supported", e.name);
    }
    if (e.repetition_type == Repetition::kRepeated) {
      return Status::NotImplemented("parquet column '{}': repeated columns are not supported", e.name);
    }
    if (static_cast<int32_t>(*e.type) < 0 || static_cast<int32_t>(*e.type) > 7) {
      return Status::Corruption("parquet column '{}': unknown physical type {}", e.name,
                                static_cast<int32_t>(*e.type));
    }
    if (*e.type == PhysicalType::kFixedLenByteArray && (!e.type_length || *e.type_length <= 0)) {
      return Status::Corruption("parquet column '{}': FIXED_LEN_BYTE_ARRAY without a length", e.name);
    }
    LeafColumn column;
    column.index = static_cast<int>(i - 1);
    column.element = e;
    column.max_definition_level = e.repetition_type == Repetition::kRequired ? 0 : 1;
    column.sort_order = SortOrderOf(e);
    Result<DataType> mapped = DefaultArrowType(e);
    if (!mapped.ok() && mapped.status().IsNotImplemented()) {
      // Keep the column in the schema so the others stay readable; reading it fails.
      column.unsupported = mapped.status().message();
      column.field = Field(e.name, DataType::Null(), true,
                           KeyValueMetadata{{std::string(kUnsupportedMetadataKey), column.unsupported}});
      out.columns.push_back(std::move(column));
      continue;
    }
    if (!mapped.ok()) return mapped.status();
    DataType type = *mapped;
    if (std::find(options.dictionary_columns.begin(), options.dictionary_columns.end(), e.name) !=
            options.dictionary_columns.end() &&
        *e.type == PhysicalType::kByteArray) {
      type = DataType::Dictionary(DataType::Int32(), type);
    }
    column.field = Field(e.name, type, column.max_definition_level > 0);
    out.columns.push_back(std::move(column));
  }

  // Apply the Arrow schema where it fits.
  std::optional<std::string_view> arrow = md.FindKeyValue(kArrowSchemaKey);
  KeyValueMetadata schema_metadata;
  bool arrow_ok = false;
  if (options.use_arrow_schema && arrow) {
    Result<SchemaPtr> decoded = DecodeArrowSchemaMetadata(*arrow);
    if (decoded.ok() && (*decoded)->num_fields() == static_cast<int>(out.columns.size())) {
      arrow_ok = true;
      const Schema& arrow_schema = **decoded;
      schema_metadata = arrow_schema.metadata();
      for (size_t i = 0; i < out.columns.size(); ++i) {
        LeafColumn& column = out.columns[i];
        const Field& af = arrow_schema.field(static_cast<int>(i));
        if (af.name() != column.element.name) {
          arrow_ok = false;
          break;
        }
        if (!column.unsupported.empty()) continue;
        DataType type = CanProduce(af.type(), column.element) ? af.type() : column.field.type();
        column.field = Field(column.element.name, type, column.max_definition_level > 0, af.metadata());
      }
      if (!arrow_ok) {
        for (LeafColumn& column : out.columns) {
          if (!column.unsupported.empty()) continue;
          ASSIGN_OR_RETURN(DataType type, DefaultArrowType(column.element));
          column.field = Field(column.element.name, type, column.max_definition_level > 0);
        }
      }
    }
  }
  if (!arrow_ok) {
    for (const KeyValue& kv : md.key_value_metadata) {
      if (kv.key != kArrowSchemaKey) schema_metadata.Set(kv.key, kv.value.value_or(""));
    }
  }
  for (LeafColumn& column : out.columns) {
    SetTimeScale(&column);
    fields.push_back(column.field);
  }
  out.uses_arrow_schema = arrow_ok;
  out.schema = MakeSchema(std::move(fields), std::move(schema_metadata));
  return out;
}

}  // namespace quiver::parquet
