#include "columnar/validate_array.h"

#include <array>
#include <cstring>
#include <limits>
#include <string>

#include <fmt/format.h>

namespace quiver {
namespace {

// Lengths and offsets above this are rejected so that (offset + length + 1) * 16 and
// similar size computations can never overflow int64.
constexpr int64_t kMaxSlots = std::numeric_limits<int64_t>::max() / 64;
constexpr int kMaxDepth = 64;

int32_t LoadInt32(const uint8_t* base, int64_t index) {
  int32_t value;
  std::memcpy(&value, base + index * 4, sizeof(value));
  return value;
}

// Reads index slot `i` of a dictionary index buffer of the given integer type as int64;
// uint64 values above INT64_MAX come back negative (and so fail the range check).
int64_t LoadIndex(const DataType& index_type, const uint8_t* base, int64_t i) {
  switch (index_type.id()) {
    case TypeId::kInt8:
      return static_cast<int8_t>(base[i]);
    case TypeId::kUInt8:
      return base[i];
    case TypeId::kInt16: {
      int16_t v;
      std::memcpy(&v, base + i * 2, 2);
      return v;
    }
    case TypeId::kUInt16: {
      uint16_t v;
      std::memcpy(&v, base + i * 2, 2);
      return v;
    }
    case TypeId::kInt32:
      return LoadInt32(base, i);
    case TypeId::kUInt32: {
      uint32_t v;
      std::memcpy(&v, base + i * 4, 4);
      return v;
    }
    default: {
      int64_t v;
      std::memcpy(&v, base + i * 8, 8);
      return v;
    }
  }
}

class Validator {
 public:
  Status Validate(const ArrayData& data, int depth) {
    if (depth > kMaxDepth) return Fail("nesting deeper than {} levels", kMaxDepth);
    const DataType& type = data.type;
    if (data.length < 0 || data.length > kMaxSlots) return Fail("invalid length {}", data.length);
    if (data.offset < 0 || data.offset > kMaxSlots) return Fail("invalid offset {}", data.offset);
    if (data.null_count < 0 || data.null_count > data.length) {
      return Fail("null_count {} outside [0, {}]", data.null_count, data.length);
    }
    if (type.id() != TypeId::kDictionary && data.dictionary != nullptr) {
      return Fail("{} array has a dictionary attached", type.ToString());
    }
    if (!type.is_nested() && !data.children.empty()) {
      return Fail("{} array has {} children", type.ToString(), data.children.size());
    }
    const int64_t end = data.offset + data.length;
    switch (type.id()) {
      case TypeId::kNull:
        if (data.null_count != data.length) return Fail("null array with null_count != length");
        return Status::OK();
      case TypeId::kBoolean:
        RETURN_NOT_OK(CheckBufferCount(data, 2));
        RETURN_NOT_OK(CheckValidity(data));
        return CheckBuffer(data, 1, bit_util::BytesForBits(end), 1, "values");
      case TypeId::kUtf8:
      case TypeId::kBinary:
        return ValidateBinary(data);
      case TypeId::kDictionary:
        return ValidateDictionary(data, depth);
      case TypeId::kList:
      case TypeId::kMap:
        return ValidateList(data, depth);
      case TypeId::kStruct:
        return ValidateStruct(data, depth);
      case TypeId::kDenseUnion:
        return ValidateUnion(data, depth);
      default: {
        int width = type.bit_width() / 8;
        if (width <= 0) return Fail("unsupported type {}", type.ToString());
        RETURN_NOT_OK(CheckBufferCount(data, 2));
        RETURN_NOT_OK(CheckValidity(data));
        return CheckBuffer(data, 1, end * width, std::min(width, 8), "values");
      }
    }
  }

 private:
  template <typename... Args>
  static Status Fail(fmt::format_string<Args...> f, Args&&... args) {
    return Status::InvalidArgument(f, std::forward<Args>(args)...);
  }

  // Prefixes errors from a child with where the child sits.
  Status ValidateChild(const ArrayData& child, int depth, const std::string& where) {
    Status st = Validate(child, depth + 1);
    return st.ok() ? st : Status::InvalidArgument("{}: {}", where, st.message());
  }

  static Status CheckBufferCount(const ArrayData& data, size_t expected) {
    if (data.buffers.size() != expected) {
      return Fail("{} array has {} buffers, expected {}", data.type.ToString(), data.buffers.size(),
                  expected);
    }
    return Status::OK();
  }

  // Buffer `index` must hold `min_size` bytes at `alignment`. A missing buffer is
  // accepted only when nothing would be read from it.
  static Status CheckBuffer(const ArrayData& data, size_t index, int64_t min_size, int alignment,
                            const char* what) {
    const BufferPtr& buffer = data.buffers[index];
    if (buffer == nullptr) {
      if (min_size > 0) return Fail("{} buffer is missing ({} bytes needed)", what, min_size);
      return Status::OK();
    }
    if (buffer->size() < min_size) {
      return Fail("{} buffer has {} bytes, {} needed for offset {} + length {}", what,
                  buffer->size(), min_size, data.offset, data.length);
    }
    if (reinterpret_cast<uintptr_t>(buffer->data()) % alignment != 0) {
      return Fail("{} buffer is not {}-byte aligned", what, alignment);
    }
    return Status::OK();
  }

  static Status CheckValidity(const ArrayData& data) {
    const BufferPtr& bitmap = data.buffers[0];
    if (bitmap == nullptr) {
      if (data.null_count != 0)
        return Fail("null_count {} without a validity bitmap", data.null_count);
      return Status::OK();
    }
    RETURN_NOT_OK(
        CheckBuffer(data, 0, bit_util::BytesForBits(data.offset + data.length), 1, "validity"));
    int64_t nulls = data.length - bit_util::CountSetBits(bitmap->data(), data.offset, data.length);
    if (nulls != data.null_count) {
      return Fail("null_count is {} but the validity bitmap has {} nulls", data.null_count, nulls);
    }
    return Status::OK();
  }

  // Offsets for slots [offset, offset + length] must be non-decreasing, start >= 0 and
  // end <= limit. Returns the first and last offsets through out-parameters.
  static Status CheckOffsets(const ArrayData& data, int64_t limit, const char* limit_name,
                             int32_t* first, int32_t* last) {
    RETURN_NOT_OK(CheckBuffer(data, 1, (data.offset + data.length + 1) * 4, 4, "offsets"));
    const uint8_t* raw = data.buffers[1]->data();
    int32_t previous = LoadInt32(raw, data.offset);
    if (previous < 0) return Fail("offset at slot 0 is negative ({})", previous);
    *first = previous;
    for (int64_t i = 1; i <= data.length; ++i) {
      int32_t current = LoadInt32(raw, data.offset + i);
      if (current < previous) {
        return Fail("offsets decrease at slot {} ({} after {})", i, current, previous);
      }
      previous = current;
    }
    if (previous > limit) {
      return Fail("last offset {} is beyond the {} ({})", previous, limit_name, limit);
    }
    *last = previous;
    return Status::OK();
  }

  Status ValidateBinary(const ArrayData& data) {
    RETURN_NOT_OK(CheckBufferCount(data, 3));
    RETURN_NOT_OK(CheckValidity(data));
    const BufferPtr& values = data.buffers[2];
    int64_t data_size = values ? values->size() : 0;
    int32_t first = 0, last = 0;
    RETURN_NOT_OK(CheckOffsets(data, data_size, "data buffer size", &first, &last));
    if (data.type.id() == TypeId::kUtf8 && last > first) {
      // Slot by slot: every value must be well-formed on its own (a value may not start
      // or end inside a multi-byte sequence even if its neighbours complete it).
      const uint8_t* raw = data.buffers[1]->data();
      for (int64_t i = 0; i < data.length; ++i) {
        int32_t begin = LoadInt32(raw, data.offset + i);
        int32_t stop = LoadInt32(raw, data.offset + i + 1);
        if (stop > begin && !IsValidUtf8(values->data() + begin, stop - begin)) {
          return Fail("invalid UTF-8 in string at slot {}", i);
        }
      }
    }
    return Status::OK();
  }

  Status ValidateList(const ArrayData& data, int depth) {
    const DataType& type = data.type;
    RETURN_NOT_OK(CheckBufferCount(data, 2));
    RETURN_NOT_OK(CheckValidity(data));
    if (data.children.size() != 1 || data.children[0] == nullptr) {
      return Fail("{} array needs exactly one child", type.ToString());
    }
    const ArrayData& child = *data.children[0];
    const Field& child_field = type.children()[0];
    if (!(child.type == child_field.type())) {
      return Fail("child has type {}, the {} type says {}", child.type.ToString(),
                  type.id() == TypeId::kMap ? "map" : "list", child_field.type().ToString());
    }
    RETURN_NOT_OK(ValidateChild(child, depth, fmt::format("child '{}'", child_field.name())));
    int32_t first = 0, last = 0;
    RETURN_NOT_OK(CheckOffsets(data, child.length, "child length", &first, &last));
    if (type.id() == TypeId::kMap) {
      // Entries is a Struct<key, value>; its children are indexed with its offset applied.
      if (child.children.empty() || child.children[0] == nullptr) {
        return Fail("map entries have no key child");
      }
      const ArrayData& keys = *child.children[0];
      if (keys.type.id() == TypeId::kNull) {
        if (last > first) return Fail("map keys are of type null");
      } else if (keys.null_count > 0) {
        const uint8_t* bitmap = keys.buffers[0]->data();
        for (int64_t k = first; k < last; ++k) {
          if (!bit_util::GetBit(bitmap, keys.offset + child.offset + k)) {
            return Fail("map key at entry {} is null", k);
          }
        }
      }
    }
    return Status::OK();
  }

  Status ValidateStruct(const ArrayData& data, int depth) {
    const auto& fields = data.type.children();
    RETURN_NOT_OK(CheckBufferCount(data, 1));
    RETURN_NOT_OK(CheckValidity(data));
    if (data.children.size() != fields.size()) {
      return Fail("struct has {} children, its type has {} fields", data.children.size(),
                  fields.size());
    }
    for (size_t i = 0; i < fields.size(); ++i) {
      if (data.children[i] == nullptr) return Fail("struct child {} is missing", i);
      const ArrayData& child = *data.children[i];
      std::string where = fmt::format("struct child {} '{}'", i, fields[i].name());
      if (!(child.type == fields[i].type())) {
        return Fail("{} has type {}, the struct type says {}", where, child.type.ToString(),
                    fields[i].type().ToString());
      }
      // The struct's offset applies to its children, which are not sliced.
      if (child.length < data.offset + data.length) {
        return Fail("{} has {} slots, fewer than the struct's offset + length ({})", where,
                    child.length, data.offset + data.length);
      }
      RETURN_NOT_OK(ValidateChild(child, depth, where));
    }
    return Status::OK();
  }

  Status ValidateUnion(const ArrayData& data, int depth) {
    const auto& fields = data.type.children();
    const auto& codes = data.type.type_codes();
    RETURN_NOT_OK(CheckBufferCount(data, 3));
    if (data.buffers[0] != nullptr || data.null_count != 0) {
      return Fail("dense union must have no validity bitmap and a null_count of 0");
    }
    if (data.children.size() != fields.size() || codes.size() != fields.size()) {
      return Fail("dense union has {} children, its type has {} fields", data.children.size(),
                  fields.size());
    }
    std::array<int, 128> child_of_code;
    child_of_code.fill(-1);
    for (size_t i = 0; i < codes.size(); ++i) {
      if (codes[i] < 0 || child_of_code[codes[i]] != -1) {
        return Fail("dense union type code {} is negative or repeated", codes[i]);
      }
      child_of_code[codes[i]] = static_cast<int>(i);
    }
    for (size_t i = 0; i < fields.size(); ++i) {
      if (data.children[i] == nullptr) return Fail("union child {} is missing", i);
      std::string where = fmt::format("union child {} '{}'", i, fields[i].name());
      if (!(data.children[i]->type == fields[i].type())) {
        return Fail("{} has type {}, the union type says {}", where,
                    data.children[i]->type.ToString(), fields[i].type().ToString());
      }
      RETURN_NOT_OK(ValidateChild(*data.children[i], depth, where));
    }
    const int64_t end = data.offset + data.length;
    RETURN_NOT_OK(CheckBuffer(data, 1, end, 1, "type ids"));
    RETURN_NOT_OK(CheckBuffer(data, 2, end * 4, 4, "union offsets"));
    if (data.length == 0) return Status::OK();
    const int8_t* type_ids = data.buffers[1]->data_as<int8_t>();
    const uint8_t* offsets = data.buffers[2]->data();
    for (int64_t i = 0; i < data.length; ++i) {
      int8_t code = type_ids[data.offset + i];
      int child = code < 0 ? -1 : child_of_code[code];
      if (child < 0) return Fail("union slot {} has undeclared type id {}", i, code);
      int32_t child_offset = LoadInt32(offsets, data.offset + i);
      if (child_offset < 0 || child_offset >= data.children[child]->length) {
        return Fail("union slot {} points at slot {} of child {} which has {} slots", i,
                    child_offset, child, data.children[child]->length);
      }
    }
    return Status::OK();
  }

  Status ValidateDictionary(const ArrayData& data, int depth) {
    const DataType& type = data.type;
    const DataType& index_type = type.index_type();
    if (!index_type.is_integer()) {
      return Fail("dictionary index type {} is not an integer", index_type.ToString());
    }
    RETURN_NOT_OK(CheckBufferCount(data, 2));
    RETURN_NOT_OK(CheckValidity(data));
    int width = index_type.bit_width() / 8;
    RETURN_NOT_OK(CheckBuffer(data, 1, (data.offset + data.length) * width, width, "indices"));
    if (data.dictionary == nullptr) return Fail("dictionary array has no dictionary attached");
    const ArrayData& dictionary = *data.dictionary;
    if (!(dictionary.type == type.value_type())) {
      return Fail("dictionary has type {}, the array's type says {}", dictionary.type.ToString(),
                  type.value_type().ToString());
    }
    RETURN_NOT_OK(ValidateChild(dictionary, depth, "dictionary"));
    if (data.length == 0) return Status::OK();
    const uint8_t* bitmap = data.buffers[0] ? data.buffers[0]->data() : nullptr;
    const uint8_t* indices = data.buffers[1]->data();
    for (int64_t i = 0; i < data.length; ++i) {
      if (bitmap != nullptr && !bit_util::GetBit(bitmap, data.offset + i)) continue;
      int64_t index = LoadIndex(index_type, indices, data.offset + i);
      if (index < 0 || index >= dictionary.length) {
        return Fail("dictionary index {} at slot {} is outside [0, {})", index, i,
                    dictionary.length);
      }
    }
    return Status::OK();
  }
};

}  // namespace

bool IsValidUtf8(const uint8_t* bytes, int64_t length) {
  int64_t i = 0;
  while (i < length) {
    // ASCII fast path, eight bytes at a time.
    if (i + 8 <= length) {
      uint64_t word;
      std::memcpy(&word, bytes + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    uint8_t lead = bytes[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    int extra;
    uint32_t code_point;
    if ((lead & 0xE0) == 0xC0) {
      extra = 1;
      code_point = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      extra = 2;
      code_point = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      extra = 3;
      code_point = lead & 0x07;
    } else {
      return false;
    }
    if (i + extra >= length) return false;  // Truncated sequence.
    for (int k = 1; k <= extra; ++k) {
      uint8_t continuation = bytes[i + k];
      if ((continuation & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (continuation & 0x3F);
    }
    static constexpr uint32_t kMinForLength[4] = {0, 0x80, 0x800, 0x10000};
    if (code_point < kMinForLength[extra]) return false;             // Overlong.
    if (code_point > 0x10FFFF) return false;                         // Beyond Unicode.
    if (code_point >= 0xD800 && code_point <= 0xDFFF) return false;  // Surrogate.
    i += extra + 1;
  }
  return true;
}

Status ValidateArrayData(const ArrayData& data) { return Validator().Validate(data, 0); }

Status ValidateArray(const Array& array) {
  if (!array.is_valid_handle()) return Status::InvalidArgument("array handle is empty");
  return ValidateArrayData(*array.data());
}

Status ValidateRecordBatch(const RecordBatch& batch) {
  const Schema& schema = *batch.schema();
  if (batch.num_columns() != schema.num_fields()) {
    return Status::InvalidArgument("record batch has {} columns but its schema has {} fields",
                                   batch.num_columns(), schema.num_fields());
  }
  for (int i = 0; i < batch.num_columns(); ++i) {
    const Field& field = schema.field(i);
    const Array& column = batch.column(i);
    if (!column.is_valid_handle()) {
      return Status::InvalidArgument("column {} '{}' is missing", i, field.name());
    }
    Status st = ValidateArray(column);
    if (!st.ok()) {
      return Status::InvalidArgument("column {} '{}': {}", i, field.name(), st.message());
    }
    if (column.length() != batch.num_rows()) {
      return Status::InvalidArgument("column {} '{}' has {} rows, the batch has {}", i,
                                     field.name(), column.length(), batch.num_rows());
    }
    if (!(column.type() == field.type())) {
      return Status::InvalidArgument("column {} '{}' has type {}, the schema says {}", i,
                                     field.name(), column.type().ToString(),
                                     field.type().ToString());
    }
    if (!field.nullable() && column.null_count() > 0) {
      return Status::InvalidArgument("column {} '{}' is not nullable but has {} nulls", i,
                                     field.name(), column.null_count());
    }
  }
  return Status::OK();
}

}  // namespace quiver
