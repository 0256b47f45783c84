#include "buffer/buffer_chunk.h"

#include "columnar/bit_util.h"

namespace quiver {

// One column of a chunk. `values` holds int64/uint64/double words, int32 tag indices,
// boolean bits, or int32 string offsets (rows + 1 of them); `bytes` the string data.
// `validity` exists once the column has had a null (all bits up to then set).
struct BufferChunk::Column {
  Column(ColumnId id, ColumnType type, MemoryPool* pool)
      : id(id), type(type), values(pool), bytes(pool), validity(pool) {}
  ColumnId id;
  ColumnType type;
  GrowableBuffer values;
  GrowableBuffer bytes;
  GrowableBuffer validity;
  bool has_validity = false;
  int64_t length = 0;
};

BufferChunk::BufferChunk(int64_t capacity_rows, MemoryPool* pool)
    : capacity_rows_(capacity_rows), pool_(pool), times_(pool) {}
BufferChunk::~BufferChunk() = default;

namespace {

bool IsStringField(ColumnType type) {
  return type.role == ColumnRole::kField && type.field_type == FieldType::kString;
}
bool IsBoolField(ColumnType type) {
  return type.role == ColumnRole::kField && type.field_type == FieldType::kBoolean;
}

// Bytes of `values` needed for `rows` rows.
int64_t ValueBytes(ColumnType type, int64_t rows) {
  if (type.role == ColumnRole::kTag) return rows * 4;
  if (IsStringField(type)) return (rows + 1) * 4;
  if (IsBoolField(type)) return bit_util::BytesForBits(rows);
  return rows * 8;
}

// Grows `buffer` so it can hold `bytes`, then sets its size to `bytes` (new bytes zero).
Status EnsureSize(GrowableBuffer& buffer, int64_t bytes) {
  if (bytes > buffer.size()) {
    RETURN_NOT_OK(buffer.Reserve(bytes - buffer.size()));
    buffer.UnsafeAdvance(bytes - buffer.size());
  }
  return Status::OK();
}

// Marks rows [from, to) of a column valid or null, materialising the bitmap on first null.
Status SetValidity(GrowableBuffer& validity, bool& has_validity, int64_t from, int64_t to,
                   bool valid) {
  if (!has_validity) {
    if (valid) return Status::OK();
    RETURN_NOT_OK(EnsureSize(validity, bit_util::BytesForBits(to)));
    bit_util::SetBitsTo(validity.mutable_data(), 0, from, true);
    has_validity = true;
  }
  RETURN_NOT_OK(EnsureSize(validity, bit_util::BytesForBits(to)));
  bit_util::SetBitsTo(validity.mutable_data(), from, to - from, valid);
  return Status::OK();
}

}  // namespace

BufferChunk::Column* BufferChunk::ColumnFor(ColumnId id, ColumnType type) {
  if (id >= column_slot_.size()) column_slot_.resize(id + 1, -1);
  if (column_slot_[id] >= 0) return columns_[column_slot_[id]].get();
  column_slot_[id] = static_cast<int32_t>(columns_.size());
  columns_.push_back(std::make_unique<Column>(id, type, pool_));
  return columns_.back().get();
}

Status BufferChunk::Append(const StagedTable& staged, std::span<const uint32_t> rows,
                           const std::vector<std::vector<int32_t>>& tag_ids) {
  const bool all = rows.empty();
  const int64_t count = all ? staged.num_rows() : static_cast<int64_t>(rows.size());
  const int64_t begin = rows_;
  const int64_t end = rows_ + count;
  auto source_row = [&](int64_t i) -> size_t { return all ? static_cast<size_t>(i) : rows[i]; };

  // Time.
  RETURN_NOT_OK(times_.Reserve(count * 8));
  const std::vector<int64_t>& times = staged.times();
  for (int64_t i = 0; i < count; ++i) {
    int64_t t = times[source_row(i)];
    times_.UnsafeAppend(t);
    time_range_.Extend(t);
  }

  // Staged columns.
  for (size_t c = 0; c < staged.columns().size(); ++c) {
    const StagedTable::Column& in = staged.columns()[c];
    Column* out = ColumnFor(in.id, in.type);
    // A column new to this chunk: earlier rows are null.
    if (out->length < begin) {
      // (For strings, the zeroed offsets of the null rows equal the empty data size.)
      RETURN_NOT_OK(EnsureSize(out->values, ValueBytes(in.type, begin)));
      RETURN_NOT_OK(SetValidity(out->validity, out->has_validity, out->length, begin, false));
      out->length = begin;
    }
    RETURN_NOT_OK(EnsureSize(out->values, ValueBytes(in.type, end)));
    uint8_t* values = out->values.mutable_data();
    bool any_null = false;
    if (in.type.role == ColumnRole::kTag) {
      int32_t* indices = reinterpret_cast<int32_t*>(values) + begin;
      const std::vector<int32_t>& map = tag_ids[c];
      for (int64_t i = 0; i < count; ++i) {
        int32_t staged_index = in.indices[source_row(i)];
        any_null |= staged_index < 0;
        indices[i] = staged_index < 0 ? 0 : map[staged_index];
      }
    } else if (IsStringField(in.type)) {
      int32_t* offsets = reinterpret_cast<int32_t*>(values);
      int64_t data_size = out->bytes.size();
      for (int64_t i = 0; i < count; ++i) {
        size_t r = source_row(i);
        int64_t length = in.offsets[r + 1] - in.offsets[r];
        RETURN_NOT_OK(out->bytes.Reserve(length));
        out->bytes.UnsafeAppend(in.bytes.data() + in.offsets[r], length);
        data_size += length;
        if (data_size > INT32_MAX) return Status::ResourceExhausted("string column chunk exceeds 2 GiB");
        offsets[begin + i + 1] = static_cast<int32_t>(data_size);
        any_null |= in.valid[r] == 0;
      }
    } else if (IsBoolField(in.type)) {
      for (int64_t i = 0; i < count; ++i) {
        size_t r = source_row(i);
        bit_util::SetBitTo(values, begin + i, in.words[r] != 0);
        any_null |= in.valid[r] == 0;
      }
    } else {
      uint64_t* words = reinterpret_cast<uint64_t*>(values) + begin;
      if (all) {
        std::memcpy(words, in.words.data(), static_cast<size_t>(count) * 8);
        for (int64_t i = 0; i < count && !any_null; ++i) any_null = in.valid[i] == 0;
      } else {
        for (int64_t i = 0; i < count; ++i) {
          size_t r = rows[i];
          words[i] = in.words[r];
          any_null |= in.valid[r] == 0;
        }
      }
    }
    if (any_null || out->has_validity) {
      // Materialise the bitmap with rows before `begin` valid.
      if (!out->has_validity) {
        RETURN_NOT_OK(SetValidity(out->validity, out->has_validity, begin, begin, false));
      }
      RETURN_NOT_OK(EnsureSize(out->validity, bit_util::BytesForBits(end)));
      uint8_t* bits = out->validity.mutable_data();
      for (int64_t i = 0; i < count; ++i) bit_util::SetBitTo(bits, begin + i, in.valid[source_row(i)] != 0);
    }
    out->length = end;
  }

  // Columns of this chunk the staged rows did not mention: null for the new rows.
  for (size_t slot = 0; slot < columns_.size(); ++slot) {
    Column* column = columns_[slot].get();
    if (column->length == end) continue;
    RETURN_NOT_OK(EnsureSize(column->values, ValueBytes(column->type, end)));
    if (IsStringField(column->type)) {
      int32_t* offsets = reinterpret_cast<int32_t*>(column->values.mutable_data());
      for (int64_t r = column->length; r < end; ++r) offsets[r + 1] = offsets[column->length];
    }
    RETURN_NOT_OK(SetValidity(column->validity, column->has_validity, column->length, end, false));
    column->length = end;
  }
  rows_ = end;
  return Status::OK();
}

Result<Array> BufferChunk::ColumnArray(const Column& column, const DataType& type,
                                       const Array& dictionary) const {
  BufferPtr validity;
  int64_t null_count = 0;
  if (column.has_validity) {
    ASSIGN_OR_RETURN(validity, column.validity.CopyPrefix(bit_util::BytesForBits(rows_)));
    null_count = rows_ - bit_util::CountSetBits(validity->data(), 0, rows_);
    if (null_count == 0) validity = nullptr;
  }
  if (column.type.role == ColumnRole::kTag) {
    auto data = std::make_shared<ArrayData>();
    data->type = type;
    data->length = rows_;
    data->null_count = null_count;
    data->buffers = {std::move(validity), column.values.Snapshot(rows_ * 4)};
    data->dictionary = dictionary.data();
    return Array(std::move(data));
  }
  if (IsStringField(column.type)) {
    const int32_t* offsets = reinterpret_cast<const int32_t*>(column.values.data());
    return Array(ArrayData::Make(type, rows_,
                                 {std::move(validity), column.values.Snapshot((rows_ + 1) * 4),
                                  column.bytes.Snapshot(offsets[rows_])},
                                 null_count));
  }
  if (IsBoolField(column.type)) {
    ASSIGN_OR_RETURN(BufferPtr bits, column.values.CopyPrefix(bit_util::BytesForBits(rows_)));
    return Array(ArrayData::Make(type, rows_, {std::move(validity), std::move(bits)}, null_count));
  }
  return Array(ArrayData::Make(type, rows_, {std::move(validity), column.values.Snapshot(rows_ * 8)},
                               null_count));
}

int64_t BufferChunk::memory_bytes() const {
  int64_t bytes = times_.memory_bytes();
  for (const auto& column : columns_) {
    bytes += column->values.memory_bytes() + column->bytes.memory_bytes() +
             column->validity.memory_bytes();
  }
  return bytes;
}

}  // namespace quiver
