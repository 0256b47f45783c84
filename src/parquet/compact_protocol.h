#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

// The Thrift compact protocol, written by hand for the Parquet metadata structures
// (FileMetaData, PageHeader, ColumnIndex, OffsetIndex). Only what Parquet uses: structs,
// lists, i8/i16/i32/i64, bool, double, binary; maps and sets are skipped when read.
//
// Encoding summary (Thrift compact protocol specification):
//   field header  = (id delta << 4) | type  when the delta from the previous field id of
//                   the same struct is 1..15, else the type byte followed by the zigzag
//                   varint field id; a bool field's value is its type (1 true, 2 false);
//   struct        = fields, then a 0 (stop) byte;
//   i16/i32/i64   = zigzag ULEB128; i8 = one byte; double = 8 bytes little-endian;
//   binary/string = ULEB128 length, bytes;
//   list/set      = (size << 4) | element type when size < 15, else 0xF0 | element type
//                   and a ULEB128 size; bool elements are one byte each (1 = true).
namespace quiver::parquet {

enum class CompactType : uint8_t {
  kStop = 0,
  kBoolTrue = 1,
  kBoolFalse = 2,
  kByte = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
};

// Appends compact-protocol bytes to a string. Callers pair StructBegin/StructEnd and
// write fields of one struct in increasing id order (the format allows any order; we
// keep deltas small). Not thread-safe.
class CompactWriter {
 public:
  explicit CompactWriter(std::string* out) : out_(out) {}

  void StructBegin() { last_field_ids_.push_back(0); }
  void StructEnd();  // writes the stop byte

  void FieldBool(int16_t id, bool value);
  void FieldI8(int16_t id, int8_t value);
  void FieldI16(int16_t id, int16_t value);
  void FieldI32(int16_t id, int32_t value);
  void FieldI64(int16_t id, int64_t value);
  void FieldDouble(int16_t id, double value);
  void FieldBinary(int16_t id, std::string_view value);
  // Writes the header of a struct-valued field and begins the struct (end it with
  // StructEnd()).
  void FieldStructBegin(int16_t id);
  // Writes only the header of a struct-valued field; the caller then writes the struct
  // (StructBegin() ... StructEnd()).
  void FieldStructHeader(int16_t id) { FieldHeader(id, CompactType::kStruct); }
  // Writes the header of a list-valued field; then write `size` elements.
  void FieldListBegin(int16_t id, CompactType element_type, int64_t size);

  // List elements.
  void ListBool(bool value) { out_->push_back(value ? 1 : 2); }
  void ListI32(int32_t value);
  void ListI64(int64_t value);
  void ListBinary(std::string_view value);
  // Struct elements: StructBegin() ... StructEnd().

 private:
  void FieldHeader(int16_t id, CompactType type);
  void Varint(uint64_t v);

  std::string* out_;
  std::vector<int16_t> last_field_ids_;
};

// Reads compact-protocol bytes from an untrusted buffer. Every read is bounds-checked;
// nesting is limited to `max_depth`; list sizes are checked against the bytes left, so
// a caller may reserve `size` elements without risking a huge allocation. Errors are
// Corruption ("thrift: ..."). Not thread-safe. The buffer must outlive the reader and
// any string_view it returned.
class CompactReader {
 public:
  CompactReader(const uint8_t* data, size_t size, int max_depth = 64)
      : begin_(data), pos_(data), end_(data + size), max_depth_(max_depth) {}
  explicit CompactReader(std::string_view bytes, int max_depth = 64)
      : CompactReader(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), max_depth) {}

  Status StructBegin();
  void StructEnd() { last_field_ids_.pop_back(); }
  // Reads the next field header of the current struct: false at the stop byte.
  Result<bool> NextField(int16_t* id, CompactType* type);

  // Values. For a bool *field* the value is carried by the header: use BoolOf(type).
  Result<int8_t> ReadI8();
  Result<int16_t> ReadI16();
  Result<int32_t> ReadI32();
  Result<int64_t> ReadI64();
  Result<double> ReadDouble();
  Result<std::string_view> ReadBinary();
  // A bool list element.
  Result<bool> ReadListBool();
  static bool BoolOf(CompactType type) { return type == CompactType::kBoolTrue; }
  static bool IsBool(CompactType type) {
    return type == CompactType::kBoolTrue || type == CompactType::kBoolFalse;
  }

  struct ListHeader {
    CompactType element_type;
    int64_t size;
  };
  Result<ListHeader> ReadListHeader();

  // Skips one value of `type` (recursively for containers).
  Status Skip(CompactType type) { return SkipValue(type, 0); }

  size_t position() const { return static_cast<size_t>(pos_ - begin_); }
  size_t remaining() const { return static_cast<size_t>(end_ - pos_); }

 private:
  Status SkipValue(CompactType type, int depth);
  Result<uint64_t> Varint();
  static Status Truncated();

  const uint8_t* begin_;
  const uint8_t* pos_;
  const uint8_t* end_;
  int max_depth_;
  std::vector<int16_t> last_field_ids_;
};

// Stores a successfully read value into *out (a T or std::optional<T>).
template <typename T, typename Out>
Status SetFrom(Result<T> result, Out* out) {
  if (!result.ok()) return result.status();
  *out = *result;
  return Status::OK();
}

// Calls on_field(id, type) for every field of the struct at the reader's position;
// `on_field` must consume the value (read it or reader.Skip(type)).
template <typename OnField>
Status ReadStruct(CompactReader& reader, OnField&& on_field) {
  RETURN_NOT_OK(reader.StructBegin());
  while (true) {
    int16_t id = 0;
    CompactType type = CompactType::kStop;
    ASSIGN_OR_RETURN(bool more, reader.NextField(&id, &type));
    if (!more) break;
    RETURN_NOT_OK(on_field(id, type));
  }
  reader.StructEnd();
  return Status::OK();
}

// Reads a list whose elements are read by on_element(index) (called `size` times).
// Fails if the element type is not `expected` (bools accept either bool type).
template <typename OnElement>
Status ReadList(CompactReader& reader, CompactType expected, OnElement&& on_element) {
  ASSIGN_OR_RETURN(CompactReader::ListHeader header, reader.ReadListHeader());
  bool matches = header.element_type == expected ||
                 (CompactReader::IsBool(expected) && CompactReader::IsBool(header.element_type));
  if (!matches) {
    if (header.size == 0) return Status::OK();
    return Status::Corruption("thrift: list element type {} where {} was expected",
                              static_cast<int>(header.element_type), static_cast<int>(expected));
  }
  for (int64_t i = 0; i < header.size; ++i) RETURN_NOT_OK(on_element(i));
  return Status::OK();
}

}  // namespace quiver::parquet
