#include "parquet/compact_protocol.h"

#include <cstring>

#include "parquet/byte_io_internal.h"

namespace quiver::parquet {

using internal::ZigZagDecode;
using internal::ZigZagEncode;

// ---- CompactWriter ----

void CompactWriter::Varint(uint64_t v) { internal::AppendVarint(out_, v); }

void CompactWriter::FieldHeader(int16_t id, CompactType type) {
  int16_t& last = last_field_ids_.back();
  int delta = id - last;
  if (delta > 0 && delta <= 15) {
    out_->push_back(static_cast<char>((delta << 4) | static_cast<int>(type)));
  } else {
    out_->push_back(static_cast<char>(type));
    Varint(ZigZagEncode(id));
  }
  last = id;
}

void CompactWriter::StructEnd() {
  out_->push_back(0);
  last_field_ids_.pop_back();
}

void CompactWriter::FieldBool(int16_t id, bool value) {
  FieldHeader(id, value ? CompactType::kBoolTrue : CompactType::kBoolFalse);
}

void CompactWriter::FieldI8(int16_t id, int8_t value) {
  FieldHeader(id, CompactType::kByte);
  out_->push_back(static_cast<char>(value));
}

void CompactWriter::FieldI16(int16_t id, int16_t value) {
  FieldHeader(id, CompactType::kI16);
  Varint(ZigZagEncode(value));
}

void CompactWriter::FieldI32(int16_t id, int32_t value) {
  FieldHeader(id, CompactType::kI32);
  Varint(ZigZagEncode(value));
}

void CompactWriter::FieldI64(int16_t id, int64_t value) {
  FieldHeader(id, CompactType::kI64);
  Varint(ZigZagEncode(value));
}

void CompactWriter::FieldDouble(int16_t id, double value) {
  FieldHeader(id, CompactType::kDouble);
  internal::AppendLE(out_, value);
}

void CompactWriter::FieldBinary(int16_t id, std::string_view value) {
  FieldHeader(id, CompactType::kBinary);
  Varint(value.size());
  out_->append(value);
}

void CompactWriter::FieldStructBegin(int16_t id) {
  FieldHeader(id, CompactType::kStruct);
  StructBegin();
}

void CompactWriter::FieldListBegin(int16_t id, CompactType element_type, int64_t size) {
  FieldHeader(id, CompactType::kList);
  if (size < 15) {
    out_->push_back(static_cast<char>((size << 4) | static_cast<int>(element_type)));
  } else {
    out_->push_back(static_cast<char>(0xF0 | static_cast<int>(element_type)));
    Varint(static_cast<uint64_t>(size));
  }
}

void CompactWriter::ListI32(int32_t value) { Varint(ZigZagEncode(value)); }
void CompactWriter::ListI64(int64_t value) { Varint(ZigZagEncode(value)); }
void CompactWriter::ListBinary(std::string_view value) {
  Varint(value.size());
  out_->append(value);
}

// ---- CompactReader ----

Status CompactReader::Truncated() { return Status::Corruption("thrift: truncated metadata"); }

Result<uint64_t> CompactReader::Varint() {
  uint64_t v = 0;
  if (!internal::ReadVarint(&pos_, end_, &v)) return Status::Corruption("thrift: bad varint");
  return v;
}

Status CompactReader::StructBegin() {
  if (static_cast<int>(last_field_ids_.size()) >= max_depth_) {
    return Status::Corruption("thrift: structs nested deeper than {}", max_depth_);
  }
  last_field_ids_.push_back(0);
  return Status::OK();
}

Result<bool> CompactReader::NextField(int16_t* id, CompactType* type) {
  if (pos_ >= end_) return Truncated();
  uint8_t byte = *pos_++;
  uint8_t type_bits = byte & 0x0F;
  if (type_bits == 0) return false;  // stop
  if (type_bits > static_cast<uint8_t>(CompactType::kStruct)) {
    return Status::Corruption("thrift: unknown field type {}", type_bits);
  }
  int16_t& last = last_field_ids_.back();
  int delta = byte >> 4;
  if (delta != 0) {
    *id = static_cast<int16_t>(last + delta);
  } else {
    ASSIGN_OR_RETURN(uint64_t raw, Varint());
    int64_t value = ZigZagDecode(raw);
    if (value < INT16_MIN || value > INT16_MAX) {
      return Status::Corruption("thrift: field id out of range");
    }
    *id = static_cast<int16_t>(value);
  }
  last = *id;
  *type = static_cast<CompactType>(type_bits);
  return true;
}

Result<int8_t> CompactReader::ReadI8() {
  if (pos_ >= end_) return Truncated();
  return static_cast<int8_t>(*pos_++);
}

Result<int16_t> CompactReader::ReadI16() {
  ASSIGN_OR_RETURN(uint64_t raw, Varint());
  int64_t value = ZigZagDecode(raw);
  if (value < INT16_MIN || value > INT16_MAX) return Status::Corruption("thrift: i16 out of range");
  return static_cast<int16_t>(value);
}

Result<int32_t> CompactReader::ReadI32() {
  ASSIGN_OR_RETURN(uint64_t raw, Varint());
  int64_t value = ZigZagDecode(raw);
  if (value < INT32_MIN || value > INT32_MAX) return Status::Corruption("thrift: i32 out of range");
  return static_cast<int32_t>(value);
}

Result<int64_t> CompactReader::ReadI64() {
  ASSIGN_OR_RETURN(uint64_t raw, Varint());
  return ZigZagDecode(raw);
}

Result<double> CompactReader::ReadDouble() {
  if (remaining() < 8) return Truncated();
  double value = internal::LoadLE<double>(pos_);
  pos_ += 8;
  return value;
}

Result<std::string_view> CompactReader::ReadBinary() {
  ASSIGN_OR_RETURN(uint64_t length, Varint());
  if (length > remaining()) return Truncated();
  std::string_view value(reinterpret_cast<const char*>(pos_), static_cast<size_t>(length));
  pos_ += length;
  return value;
}

Result<bool> CompactReader::ReadListBool() {
  if (pos_ >= end_) return Truncated();
  return *pos_++ == static_cast<uint8_t>(CompactType::kBoolTrue);
}

Result<CompactReader::ListHeader> CompactReader::ReadListHeader() {
  if (pos_ >= end_) return Truncated();
  uint8_t byte = *pos_++;
  ListHeader header;
  header.element_type = static_cast<CompactType>(byte & 0x0F);
  uint64_t size = byte >> 4;
  if (size == 15) {
    ASSIGN_OR_RETURN(size, Varint());
  }
  if (static_cast<uint8_t>(header.element_type) > static_cast<uint8_t>(CompactType::kStruct) ||
      (header.element_type == CompactType::kStop && size > 0)) {
    return Status::Corruption("thrift: unknown list element type {}", byte & 0x0F);
  }
  // Every element takes at least one byte.
  if (size > remaining()) return Status::Corruption("thrift: list of {} elements exceeds the metadata", size);
  header.size = static_cast<int64_t>(size);
  return header;
}

Status CompactReader::SkipValue(CompactType type, int depth) {
  if (depth > max_depth_) return Status::Corruption("thrift: values nested deeper than {}", max_depth_);
  switch (type) {
    case CompactType::kBoolTrue:
    case CompactType::kBoolFalse:
      return Status::OK();  // a bool field's value is in its header
    case CompactType::kByte:
      if (pos_ >= end_) return Truncated();
      ++pos_;
      return Status::OK();
    case CompactType::kI16:
    case CompactType::kI32:
    case CompactType::kI64:
      return Varint().status();
    case CompactType::kDouble:
      if (remaining() < 8) return Truncated();
      pos_ += 8;
      return Status::OK();
    case CompactType::kBinary:
      return ReadBinary().status();
    case CompactType::kList:
    case CompactType::kSet: {
      ASSIGN_OR_RETURN(ListHeader header, ReadListHeader());
      for (int64_t i = 0; i < header.size; ++i) {
        if (IsBool(header.element_type)) {
          RETURN_NOT_OK(ReadListBool().status());
        } else {
          RETURN_NOT_OK(SkipValue(header.element_type, depth + 1));
        }
      }
      return Status::OK();
    }
    case CompactType::kMap: {
      ASSIGN_OR_RETURN(uint64_t size, Varint());
      if (size == 0) return Status::OK();
      if (size > remaining()) return Status::Corruption("thrift: map exceeds the metadata");
      if (pos_ >= end_) return Truncated();
      uint8_t types = *pos_++;
      auto key_type = static_cast<CompactType>(types >> 4);
      auto value_type = static_cast<CompactType>(types & 0x0F);
      for (uint64_t i = 0; i < size; ++i) {
        for (CompactType t : {key_type, value_type}) {
          if (IsBool(t)) {
            RETURN_NOT_OK(ReadListBool().status());
          } else {
            RETURN_NOT_OK(SkipValue(t, depth + 1));
          }
        }
      }
      return Status::OK();
    }
    case CompactType::kStruct: {
      if (static_cast<int>(last_field_ids_.size()) + 1 > max_depth_) {
        return Status::Corruption("thrift: structs nested deeper than {}", max_depth_);
      }
      last_field_ids_.push_back(0);
      while (true) {
        int16_t id = 0;
        CompactType field_type = CompactType::kStop;
        ASSIGN_OR_RETURN(bool more, NextField(&id, &field_type));
        if (!more) break;
        RETURN_NOT_OK(SkipValue(field_type, depth + 1));
      }
      last_field_ids_.pop_back();
      return Status::OK();
    }
    case CompactType::kStop:
      break;
  }
  return Status::Corruption("thrift: cannot skip a value of type {}", static_cast<int>(type));
}

}  // namespace quiver::parquet
