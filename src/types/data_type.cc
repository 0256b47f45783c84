#include "types/data_type.h"

#include <fmt/format.h>

#include "base/check.h"
#include "types/field.h"

namespace quiver {

struct DataType::Detail {
  std::string timezone;
  DataType index_type;
  DataType value_type;
  std::vector<Field> children;
  std::vector<int8_t> type_codes;
};

namespace {
const DataType::Detail& EmptyDetail() {
  static const DataType::Detail* detail = new DataType::Detail();
  return *detail;
}
}  // namespace

int64_t TimeUnitNanos(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kSecond: return 1'000'000'000;
    case TimeUnit::kMilli: return 1'000'000;
    case TimeUnit::kMicro: return 1'000;
    case TimeUnit::kNano: return 1;
  }
  return 1;
}

const char* TimeUnitSuffix(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kSecond: return "s";
    case TimeUnit::kMilli: return "ms";
    case TimeUnit::kMicro: return "us";
    case TimeUnit::kNano: return "ns";
  }
  return "?";
}

DataType DataType::Timestamp(TimeUnit unit, std::string timezone) {
  DataType t(TypeId::kTimestamp);
  t.unit_ = unit;
  if (!timezone.empty()) {
    auto detail = std::make_shared<Detail>();
    detail->timezone = std::move(timezone);
    t.detail_ = std::move(detail);
  }
  return t;
}

DataType DataType::Duration(TimeUnit unit) {
  DataType t(TypeId::kDuration);
  t.unit_ = unit;
  return t;
}

DataType DataType::Dictionary(DataType index, DataType value, bool ordered) {
  DCHECK(index.is_integer()) << "dictionary index must be an integer type";
  DataType t(TypeId::kDictionary);
  t.flag_ = ordered;
  auto detail = std::make_shared<Detail>();
  detail->index_type = std::move(index);
  detail->value_type = std::move(value);
  t.detail_ = std::move(detail);
  return t;
}

DataType DataType::List(Field item) {
  DataType t(TypeId::kList);
  auto detail = std::make_shared<Detail>();
  detail->children.push_back(std::move(item));
  t.detail_ = std::move(detail);
  return t;
}

DataType DataType::Struct(std::vector<Field> fields) {
  DataType t(TypeId::kStruct);
  auto detail = std::make_shared<Detail>();
  detail->children = std::move(fields);
  t.detail_ = std::move(detail);
  return t;
}

DataType DataType::DenseUnion(std::vector<Field> fields, std::vector<int8_t> type_codes) {
  DCHECK(fields.size() == type_codes.size());
  DataType t(TypeId::kDenseUnion);
  auto detail = std::make_shared<Detail>();
  detail->children = std::move(fields);
  detail->type_codes = std::move(type_codes);
  t.detail_ = std::move(detail);
  return t;
}

DataType DataType::Map(Field entries, bool keys_sorted) {
  DCHECK(entries.type().id() == TypeId::kStruct && entries.type().children().size() == 2);
  DataType t(TypeId::kMap);
  t.flag_ = keys_sorted;
  auto detail = std::make_shared<Detail>();
  detail->children.push_back(std::move(entries));
  t.detail_ = std::move(detail);
  return t;
}

const std::string& DataType::timezone() const {
  return detail_ ? detail_->timezone : EmptyDetail().timezone;
}
const DataType& DataType::index_type() const {
  return detail_ ? detail_->index_type : EmptyDetail().index_type;
}
const DataType& DataType::value_type() const {
  return detail_ ? detail_->value_type : EmptyDetail().value_type;
}
const std::vector<Field>& DataType::children() const {
  return detail_ ? detail_->children : EmptyDetail().children;
}
const std::vector<int8_t>& DataType::type_codes() const {
  return detail_ ? detail_->type_codes : EmptyDetail().type_codes;
}

int DataType::bit_width() const {
  switch (id_) {
    case TypeId::kBoolean: return 1;
    case TypeId::kInt8:
    case TypeId::kUInt8: return 8;
    case TypeId::kInt16:
    case TypeId::kUInt16: return 16;
    case TypeId::kInt32:
    case TypeId::kUInt32:
    case TypeId::kFloat32:
    case TypeId::kDate32: return 32;
    case TypeId::kInt64:
    case TypeId::kUInt64:
    case TypeId::kFloat64:
    case TypeId::kTimestamp:
    case TypeId::kDuration: return 64;
    case TypeId::kIntervalMonthDayNano: return 128;
    case TypeId::kDictionary: return index_type().bit_width();
    default: return 0;
  }
}

bool DataType::is_signed_integer() const {
  return id_ == TypeId::kInt8 || id_ == TypeId::kInt16 || id_ == TypeId::kInt32 ||
         id_ == TypeId::kInt64;
}

bool DataType::is_unsigned_integer() const {
  return id_ == TypeId::kUInt8 || id_ == TypeId::kUInt16 || id_ == TypeId::kUInt32 ||
         id_ == TypeId::kUInt64;
}

bool DataType::is_integer() const { return is_signed_integer() || is_unsigned_integer(); }

bool DataType::is_nested() const {
  return id_ == TypeId::kList || id_ == TypeId::kStruct || id_ == TypeId::kDenseUnion ||
         id_ == TypeId::kMap;
}

std::string DataType::ToString() const {
  switch (id_) {
    case TypeId::kNull: return "null";
    case TypeId::kBoolean: return "bool";
    case TypeId::kInt8: return "int8";
    case TypeId::kInt16: return "int16";
    case TypeId::kInt32: return "int32";
    case TypeId::kInt64: return "int64";
    case TypeId::kUInt8: return "uint8";
    case TypeId::kUInt16: return "uint16";
    case TypeId::kUInt32: return "uint32";
    case TypeId::kUInt64: return "uint64";
    case TypeId::kFloat32: return "float";
    case TypeId::kFloat64: return "double";
    case TypeId::kUtf8: return "string";
    case TypeId::kBinary: return "binary";
    case TypeId::kDate32: return "date32[day]";
    case TypeId::kTimestamp:
      if (timezone().empty()) return fmt::format("timestamp[{}]", TimeUnitSuffix(unit_));
      return fmt::format("timestamp[{}, tz={}]", TimeUnitSuffix(unit_), timezone());
    case TypeId::kDuration: return fmt::format("duration[{}]", TimeUnitSuffix(unit_));
    case TypeId::kIntervalMonthDayNano: return "month_day_nano_interval";
    case TypeId::kDictionary:
      return fmt::format("dictionary<values={}, indices={}{}>", value_type().ToString(),
                         index_type().ToString(), flag_ ? ", ordered" : "");
    case TypeId::kList: return fmt::format("list<{}>", children()[0].ToString());
    case TypeId::kStruct:
    case TypeId::kDenseUnion: {
      std::string out = id_ == TypeId::kStruct ? "struct<" : "dense_union<";
      for (size_t i = 0; i < children().size(); ++i) {
        if (i > 0) out += ", ";
        out += children()[i].ToString();
      }
      return out + ">";
    }
    case TypeId::kMap: {
      const auto& entries = children()[0].type().children();
      return fmt::format("map<{}, {}{}>", entries[0].type().ToString(),
                         entries[1].type().ToString(), flag_ ? ", keys_sorted" : "");
    }
  }
  return "unknown";
}

bool operator==(const DataType& a, const DataType& b) {
  if (a.id_ != b.id_) return false;
  switch (a.id_) {
    case TypeId::kTimestamp: return a.unit_ == b.unit_ && a.timezone() == b.timezone();
    case TypeId::kDuration: return a.unit_ == b.unit_;
    case TypeId::kDictionary:
      return a.flag_ == b.flag_ && a.index_type() == b.index_type() &&
             a.value_type() == b.value_type();
    case TypeId::kList:
    case TypeId::kStruct: return a.children() == b.children();
    case TypeId::kDenseUnion:
      return a.children() == b.children() && a.type_codes() == b.type_codes();
    case TypeId::kMap: return a.flag_ == b.flag_ && a.children() == b.children();
    default: return true;
  }
}

}  // namespace quiver
