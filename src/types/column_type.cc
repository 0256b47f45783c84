#include "types/column_type.h"

namespace quiver {

DataType ArrowTypeOf(ColumnType type) {
  switch (type.role) {
    case ColumnRole::kTag: return DataType::TagDictionary();
    case ColumnRole::kTime: return DataType::Timestamp(TimeUnit::kNano);
    case ColumnRole::kField: break;
  }
  switch (type.field_type) {
    case FieldType::kFloat: return DataType::Float64();
    case FieldType::kInteger: return DataType::Int64();
    case FieldType::kUInteger: return DataType::UInt64();
    case FieldType::kString: return DataType::Utf8();
    case FieldType::kBoolean: return DataType::Boolean();
  }
  return DataType::Null();
}

std::string_view IoxColumnTypeName(ColumnType type) {
  switch (type.role) {
    case ColumnRole::kTag: return "iox::column_type::tag";
    case ColumnRole::kTime: return "iox::column_type::timestamp";
    case ColumnRole::kField: break;
  }
  switch (type.field_type) {
    case FieldType::kFloat: return "iox::column_type::field::float";
    case FieldType::kInteger: return "iox::column_type::field::integer";
    case FieldType::kUInteger: return "iox::column_type::field::uinteger";
    case FieldType::kString: return "iox::column_type::field::string";
    case FieldType::kBoolean: return "iox::column_type::field::boolean";
  }
  return "iox::column_type::unknown";
}

std::optional<ColumnType> ParseIoxColumnTypeName(std::string_view name) {
  for (ColumnType candidate :
       {ColumnType::Tag(), ColumnType::Time(), ColumnType::OfField(FieldType::kFloat),
        ColumnType::OfField(FieldType::kInteger), ColumnType::OfField(FieldType::kUInteger),
        ColumnType::OfField(FieldType::kString), ColumnType::OfField(FieldType::kBoolean)}) {
    if (IoxColumnTypeName(candidate) == name) return candidate;
  }
  return std::nullopt;
}

std::string_view InfluxQLFieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::kFloat: return "float";
    case FieldType::kInteger: return "integer";
    case FieldType::kUInteger: return "unsigned";
    case FieldType::kString: return "string";
    case FieldType::kBoolean: return "boolean";
  }
  return "unknown";
}

std::optional<FieldType> FieldTypeOf(const DataType& type) {
  switch (type.id()) {
    case TypeId::kFloat64: return FieldType::kFloat;
    case TypeId::kInt64: return FieldType::kInteger;
    case TypeId::kUInt64: return FieldType::kUInteger;
    case TypeId::kUtf8: return FieldType::kString;
    case TypeId::kBoolean: return FieldType::kBoolean;
    default: return std::nullopt;
  }
}

}  // namespace quiver
