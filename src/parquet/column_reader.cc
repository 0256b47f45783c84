#include "parquet/column_reader.h"

#include <zlib.h>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "columnar/bit_util.h"
#include "columnar/buffer.h"
#include "columnar/builder.h"
#include "columnar/validate_array.h"
#include "parquet/bit_packing.h"
#include "parquet/byte_io_internal.h"
#include "parquet/byte_stream_split.h"
#include "parquet/compression.h"
#include "parquet/delta_binary_packed.h"
#include "parquet/delta_byte_array.h"
#include "parquet/delta_length_byte_array.h"
#include "parquet/page_header.h"
#include "parquet/plain_encoding.h"
#include "parquet/rle_bit_packed.h"

namespace quiver::parquet {
namespace {

// ---------------------------------------------------------------------------------------
// Output builders ("sinks"): Arrow buffers under construction. AppendDense appends rows
// [a, b) of a page given its definition levels (null: all valid) and its dense non-null
// values starting at the value of row a.

class ValidityBits {
 public:
  explicit ValidityBits(MemoryPool* pool) : bits_(pool) {}

  Status Reserve(int64_t rows) {
    int64_t needed = bit_util::BytesForBits(length_ + rows);
    if (needed > bits_.size()) RETURN_NOT_OK(bits_.Resize(needed));
    return Status::OK();
  }
  // REQUIRES: Reserve.
  void AppendValid(int64_t n) {
    bit_util::SetBitsTo(bits_.mutable_data(), length_, n, true);
    length_ += n;
  }
  void Append(bool valid) {
    bit_util::SetBitTo(bits_.mutable_data(), length_, valid);
    if (!valid) ++null_count_;
    ++length_;
  }
  int64_t length() const { return length_; }
  int64_t null_count() const { return null_count_; }
  Result<BufferPtr> Finish() {
    if (null_count_ == 0) return BufferPtr();
    RETURN_NOT_OK(bits_.Resize(bit_util::BytesForBits(length_)));
    return bits_.Finish();
  }

 private:
  BufferBuilder bits_;
  int64_t length_ = 0;
  int64_t null_count_ = 0;
};

template <typename OutT>
class FixedSink {
 public:
  static constexpr bool kWantsIds = false;
  FixedSink(DataType type, MemoryPool* pool, int64_t multiply, int64_t divide)
      : type_(std::move(type)), values_(pool), validity_(pool), multiply_(multiply), divide_(divide) {}

  template <typename PhysT>
  Status AppendDense(const uint8_t* levels, int64_t a, int64_t b, const PhysT* values) {
    int64_t n = b - a;
    RETURN_NOT_OK(values_.Reserve(n * static_cast<int64_t>(sizeof(OutT))));
    RETURN_NOT_OK(validity_.Reserve(n));
    OutT* out = reinterpret_cast<OutT*>(values_.mutable_data() + values_.size());
    if (levels == nullptr) {
      for (int64_t i = 0; i < n; ++i) out[i] = Convert(values[i]);
      validity_.AppendValid(n);
    } else {
      int64_t v = 0;
      for (int64_t r = a; r < b; ++r) {
        bool valid = levels[r] != 0;
        out[r - a] = valid ? Convert(values[v++]) : OutT{};
        validity_.Append(valid);
      }
    }
    values_.UnsafeAdvance(n * static_cast<int64_t>(sizeof(OutT)));
    return overflow_ ? Status::OutOfRange("timestamp out of range for {}", type_.ToString()) : Status::OK();
  }

  Result<Array> Finish() {
    int64_t length = validity_.length();
    int64_t nulls = validity_.null_count();
    ASSIGN_OR_RETURN(BufferPtr validity, validity_.Finish());
    ASSIGN_OR_RETURN(BufferPtr values, values_.Finish());
    return Array(ArrayData::Make(type_, length, {std::move(validity), std::move(values)}, nulls));
  }

 private:
  template <typename PhysT>
  OutT Convert(PhysT v) {
    if constexpr (std::is_same_v<PhysT, int64_t> && std::is_same_v<OutT, int64_t>) {
      if (multiply_ != 1) {
        int64_t r = 0;
        if (__builtin_mul_overflow(v, multiply_, &r)) overflow_ = true;
        return r;
      }
      if (divide_ != 1) {
        int64_t q = v / divide_;
        if ((v % divide_ != 0) && (v < 0)) --q;  // floor, as Arrow's casts do
        return q;
      }
    }
    return static_cast<OutT>(v);
  }

  DataType type_;
  BufferBuilder values_;
  ValidityBits validity_;
  int64_t multiply_;
  int64_t divide_;
  bool overflow_ = false;
};

class BoolSink {
 public:
  static constexpr bool kWantsIds = false;
  explicit BoolSink(MemoryPool* pool) : bits_(pool), validity_(pool) {}

  Status AppendDense(const uint8_t* levels, int64_t a, int64_t b, const uint8_t* values) {
    int64_t n = b - a;
    RETURN_NOT_OK(bits_.Reserve(n));
    RETURN_NOT_OK(validity_.Reserve(n));
    int64_t v = 0;
    for (int64_t r = a; r < b; ++r) {
      bool valid = levels == nullptr || levels[r] != 0;
      bits_.Append(valid && values[v] != 0);
      if (valid) ++v;
      validity_.Append(valid);
    }
    return Status::OK();
  }

  Result<Array> Finish() {
    int64_t length = validity_.length();
    int64_t nulls = validity_.null_count();
    ASSIGN_OR_RETURN(BufferPtr validity, validity_.Finish());
    ASSIGN_OR_RETURN(BufferPtr values, bits_.FinishAlways());
    return Array(ArrayData::Make(DataType::Boolean(), length, {std::move(validity), std::move(values)}, nulls));
  }

 private:
  class ValueBits {
   public:
    explicit ValueBits(MemoryPool* pool) : bits_(pool) {}
    Status Reserve(int64_t n) {
      int64_t needed = bit_util::BytesForBits(length_ + n);
      if (needed > bits_.size()) RETURN_NOT_OK(bits_.Resize(needed));
      return Status::OK();
    }
    void Append(bool value) { bit_util::SetBitTo(bits_.mutable_data(), length_++, value); }
    Result<BufferPtr> FinishAlways() {
      RETURN_NOT_OK(bits_.Resize(bit_util::BytesForBits(length_)));
      return bits_.Finish();
    }

   private:
    BufferBuilder bits_;
    int64_t length_ = 0;
  };
  ValueBits bits_;
  ValidityBits validity_;
};

class BytesSink {
 public:
  static constexpr bool kWantsIds = false;
  BytesSink(DataType type, MemoryPool* pool) : type_(std::move(type)), offsets_(pool), data_(pool), validity_(pool) {}

  Status AppendDense(const uint8_t* levels, int64_t a, int64_t b, const std::string_view* values) {
    int64_t n = b - a;
    if (offsets_.size() == 0) {
      RETURN_NOT_OK(offsets_.Reserve(4));
      offsets_.UnsafeAppend<int32_t>(0);
    }
    RETURN_NOT_OK(offsets_.Reserve(n * 4));
    RETURN_NOT_OK(validity_.Reserve(n));
    int64_t bytes = 0;
    int64_t count = levels == nullptr ? n : 0;
    if (levels != nullptr) {
      for (int64_t r = a; r < b; ++r) count += levels[r] != 0;
    }
    for (int64_t v = 0; v < count; ++v) bytes += static_cast<int64_t>(values[v].size());
    if (data_.size() + bytes > INT32_MAX) {
      return Status::ResourceExhausted("string column '{}' exceeds 2 GiB in one row group", type_.ToString());
    }
    RETURN_NOT_OK(data_.Reserve(bytes));
    int64_t v = 0;
    for (int64_t r = a; r < b; ++r) {
      bool valid = levels == nullptr || levels[r] != 0;
      if (valid) {
        data_.UnsafeAppend(values[v].data(), static_cast<int64_t>(values[v].size()));
        ++v;
      }
      offsets_.UnsafeAppend<int32_t>(static_cast<int32_t>(data_.size()));
      validity_.Append(valid);
    }
    return Status::OK();
  }

  Result<Array> Finish() {
    if (offsets_.size() == 0) {
      RETURN_NOT_OK(offsets_.Reserve(4));
      offsets_.UnsafeAppend<int32_t>(0);
    }
    int64_t length = validity_.length();
    int64_t nulls = validity_.null_count();
    ASSIGN_OR_RETURN(BufferPtr validity, validity_.Finish());
    ASSIGN_OR_RETURN(BufferPtr offsets, offsets_.Finish());
    ASSIGN_OR_RETURN(BufferPtr data, data_.Finish());
    return Array(ArrayData::Make(type_, length, {std::move(validity), std::move(offsets), std::move(data)}, nulls));
  }

 private:
  DataType type_;
  BufferBuilder offsets_;
  BufferBuilder data_;
  ValidityBits validity_;
};

// Dictionary(Int32, Utf8/Binary): the dictionary page's values become the dictionary;
// values of pages that are not dictionary-encoded are looked up and appended.
class DictSink {
 public:
  static constexpr bool kWantsIds = true;
  DictSink(DataType type, MemoryPool* pool)
      : type_(std::move(type)), indices_(pool), validity_(pool), entries_(type_.value_type(), pool) {}

  Status SetDictionary(const std::vector<std::string_view>& values) {
    if (entries_.length() > 0) return Status::Corruption("more than one dictionary page");
    for (std::string_view v : values) RETURN_NOT_OK(entries_.Append(v));
    dictionary_size_ = static_cast<int32_t>(values.size());
    return Status::OK();
  }

  Status AppendIds(const uint8_t* levels, int64_t a, int64_t b, const int32_t* ids) {
    int64_t n = b - a;
    RETURN_NOT_OK(indices_.Reserve(n * 4));
    RETURN_NOT_OK(validity_.Reserve(n));
    int32_t* out = reinterpret_cast<int32_t*>(indices_.mutable_data() + indices_.size());
    if (levels == nullptr) {
      std::copy(ids, ids + n, out);
      validity_.AppendValid(n);
    } else {
      int64_t v = 0;
      for (int64_t r = a; r < b; ++r) {
        bool valid = levels[r] != 0;
        out[r - a] = valid ? ids[v++] : 0;
        validity_.Append(valid);
      }
    }
    indices_.UnsafeAdvance(n * 4);
    return Status::OK();
  }

  Status AppendDense(const uint8_t* levels, int64_t a, int64_t b, const std::string_view* values) {
    if (lookup_.empty() && entries_.length() > 0) {
      for (int32_t id = 0; id < entries_.length(); ++id) lookup_.try_emplace(std::string(entries_.ValueAt(id)), id);
    }
    int64_t n = b - a;
    RETURN_NOT_OK(indices_.Reserve(n * 4));
    RETURN_NOT_OK(validity_.Reserve(n));
    int64_t v = 0;
    for (int64_t r = a; r < b; ++r) {
      bool valid = levels == nullptr || levels[r] != 0;
      int32_t id = 0;
      if (valid) {
        std::string_view value = values[v++];
        auto it = lookup_.find(std::string(value));
        if (it == lookup_.end()) {
          if (entries_.length() >= INT32_MAX) return Status::ResourceExhausted("dictionary too large");
          id = static_cast<int32_t>(entries_.length());
          RETURN_NOT_OK(entries_.Append(value));
          lookup_.emplace(std::string(value), id);
        } else {
          id = it->second;
        }
      }
      indices_.UnsafeAppend<int32_t>(id);
      validity_.Append(valid);
    }
    return Status::OK();
  }

  Result<Array> Finish() {
    int64_t length = validity_.length();
    int64_t nulls = validity_.null_count();
    ASSIGN_OR_RETURN(BufferPtr validity, validity_.Finish());
    ASSIGN_OR_RETURN(BufferPtr indices, indices_.Finish());
    ASSIGN_OR_RETURN(Array dictionary, entries_.Finish());
    auto data = std::make_shared<ArrayData>();
    data->type = type_;
    data->length = length;
    data->null_count = nulls;
    data->buffers = {std::move(validity), std::move(indices)};
    data->dictionary = dictionary.data();
    return Array(std::move(data));
  }

 private:
  DataType type_;
  BufferBuilder indices_;
  ValidityBits validity_;
  StringBuilder entries_;
  int32_t dictionary_size_ = 0;
  std::unordered_map<std::string, int32_t> lookup_;
};

class NullSink {
 public:
  static constexpr bool kWantsIds = false;
  template <typename PhysT>
  Status AppendDense(const uint8_t*, int64_t a, int64_t b, const PhysT*) {
    length_ += b - a;
    return Status::OK();
  }
  Result<Array> Finish() { return MakeNullArray(DataType::Null(), length_); }

 private:
  int64_t length_ = 0;
};

// ---------------------------------------------------------------------------------------
// Page iteration and value decoding for one physical type.

int64_t Int96ToNanos(const uint8_t* p) {
  uint64_t nanos_of_day = internal::LoadLE<uint64_t>(p);
  int32_t julian_day = internal::LoadLE<int32_t>(p + 8);
  constexpr int64_t kJulianEpochDay = 2440588;
  constexpr uint64_t kNanosPerDay = 86400ull * 1000 * 1000 * 1000;
  uint64_t days = static_cast<uint64_t>(static_cast<int64_t>(julian_day) - kJulianEpochDay);
  return static_cast<int64_t>(days * kNanosPerDay + nanos_of_day);  // wraps, never UB
}

template <typename PhysT, typename Sink>
class ChunkReader {
 public:
  ChunkReader(const ColumnChunkReadRequest& request, Sink* sink)
      : r_(request),
        column_(*request.column),
        meta_(*request.chunk->meta_data),
        options_(*request.options),
        sink_(sink) {}

  Status Read();

 private:
  bool IsInt96() const { return column_.element.type == PhysicalType::kInt96; }
  int ValueWidth() const {
    switch (*column_.element.type) {
      case PhysicalType::kInt32:
      case PhysicalType::kFloat: return 4;
      case PhysicalType::kInt64:
      case PhysicalType::kDouble: return 8;
      case PhysicalType::kInt96: return 12;
      case PhysicalType::kFixedLenByteArray: return column_.element.type_length.value_or(0);
      default: return 0;
    }
  }

  Status ReadSequential(int64_t chunk_start, int64_t chunk_size);
  Status ReadIndexed(int64_t chunk_start);
  // Parses the page at data[0, size); sets *page_size to header + body.
  Status ParsePage(const uint8_t* data, int64_t size, PageHeader* header, const uint8_t** body,
                   int64_t* page_size);
  Status DecodeDictionaryPage(const PageHeader& header, const uint8_t* body);
  Status DecodeDataPage(const PageHeader& header, const uint8_t* body, int64_t first_row, int64_t rows);
  Status Decompress(std::string_view compressed, int64_t size, std::string* out, const uint8_t** data);
  Status DecodeValues(Encoding encoding, const uint8_t* data, int64_t size, int64_t count, bool* as_ids);
  Status DecodePlain(const uint8_t* data, int64_t size, int64_t count, std::vector<PhysT>* out,
                     std::string* storage);
  Status Emit(const uint8_t* levels, int64_t first_row, int64_t rows, bool as_ids);
  int64_t PageRowsOf(const PageHeader& header) const {
    return header.type == PageType::kDataPage ? header.data_page_header->num_values
                                              : header.data_page_header_v2->num_rows;
  }

  const ColumnChunkReadRequest& r_;
  const LeafColumn& column_;
  const ColumnMetaData& meta_;
  const ParquetReaderOptions& options_;
  Sink* sink_;

  bool has_dictionary_ = false;
  std::vector<PhysT> dictionary_;
  std::string dictionary_storage_;
  std::string page_storage_;
  std::string dba_storage_;
  std::vector<uint8_t> levels_;
  std::vector<PhysT> dense_;
  std::vector<int32_t> ids_;
  int64_t rows_seen_ = 0;
};

template <typename PhysT, typename Sink>
Status ChunkReader<PhysT, Sink>::Decompress(std::string_view compressed, int64_t size, std::string* out,
                                            const uint8_t** data) {
  if (size < 0 || size > options_.max_page_size) {
    return Status::Corruption("page of {} bytes exceeds the limit of {}", size, options_.max_page_size);
  }
  if (meta_.codec == CompressionCodec::kUncompressed) {
    if (static_cast<int64_t>(compressed.size()) != size) {
      return Status::Corruption("uncompressed page of {} bytes, header says {}", compressed.size(), size);
    }
    *data = reinterpret_cast<const uint8_t*>(compressed.data());
    return Status::OK();
  }
  out->resize(static_cast<size_t>(size));
  RETURN_NOT_OK(parquet::Decompress(meta_.codec, compressed, reinterpret_cast<uint8_t*>(out->data()), size));
  *data = reinterpret_cast<const uint8_t*>(out->data());
  return Status::OK();
}

template <typename PhysT, typename Sink>
Status ChunkReader<PhysT, Sink>::ParsePage(const uint8_t* data, int64_t size, PageHeader* header,
                                           const uint8_t** body, int64_t* page_size) {
  size_t header_size = 0;
  ASSIGN_OR_RETURN(*header, ParsePageHeader(std::string_view(reinterpret_cast<const char*>(data),
                                                             static_cast<size_t>(size)),
                                            &header_size));
  int64_t end = static_cast<int64_t>(header_size) + header->compressed_page_size;
  if (end > size) return Status::Corruption("page of {} bytes runs past its column chunk", header->compressed_page_size);
  *body = data + header_size;
  *page_size = end;
  if (options_.verify_page_checksums && header->crc) {
    uLong crc = crc32(0L, *body, static_cast<uInt>(header->compressed_page_size));
    if (static_cast<int32_t>(static_cast<uint32_t>(crc)) != *header->crc) {
      return Status::Corruption("page checksum mismatch");
    }
  }
  return Status::OK();
}

template <typename PhysT, typename Sink>
Status ChunkReader<PhysT, Sink>::DecodePlain(const uint8_t* data, int64_t size, int64_t count,
                                             std::vector<PhysT>* out, std::string* storage) {
  (void)storage;
  if constexpr (std::is_same_v<PhysT, std::string_view>) {
    out->clear();
    if (column_.element.type == PhysicalType::kFixedLenByteArray) {
      return DecodePlainFixedLenByteArrays(data, size, count, ValueWidth(), out);
    }
    return DecodePlainByteArrays(data, size, count, out);
  } else if constexpr (std::is_same_v<PhysT, uint8_t>) {
    if (PackedBytes(count, 1) > size) return Status::Corruption("PLAIN booleans: data too short");
    out->resize(static_cast<size_t>(count));
    UnpackBits(data, size, 1, out->data(), count);
    return Status::OK();
  } else {
    int width = ValueWidth();
    if (count > size / width) {
      return Status::Corruption("PLAIN values: {} values of {} bytes do not fit in {} bytes", count, width, size);
    }
    out->resize(static_cast<size_t>(count));
    if (IsInt96()) {
      if constexpr (std::is_same_v<PhysT, int64_t>) {
        for (int64_t i = 0; i < count; ++i) (*out)[i] = Int96ToNanos(data + i * 12);
      }
    } else {
      std::memcpy(out->data(), data, static_cast<size_t>(count * width));
    }
    return Status::OK();
  }
}

template <typename PhysT, typename Sink>
Status ChunkReader<PhysT, Sink>::DecodeDictionaryPage(const PageHeader& header, const uint8_t* body) {
  if (has_dictionary_) return Status::Corruption("column chunk has two dictionary pages");
  if (rows_seen_ > 0) return Status::Corruption("dictionary page after data pages");
  const DictionaryPageHeader& d = *header.dictionary_page_header;
  if (d.encoding != Encoding::kPlain && d.encoding != Encoding::kPlainDictionary) {
    return Status::NotImplemented("dictionary page encoding {}", EncodingName(d.encoding));
  }
  const uint8_t* data = nullptr;
  RETURN_NOT_OK(Decompress(std::string_view(reinterpret_cast<const char*>(body), static_cast<size_t>(header.compressed_page_size)),
                           header.uncompressed_page_size, &dictionary_storage_, &data));
  if (meta_.codec == CompressionCodec::kUncompressed) {
    // Views must outlive the chunk buffer's reuse: keep a copy.
    dictionary_storage_.assign(reinterpret_cast<const char*>(data), static_cast<size_t>(header.uncompressed_page_size));
    data = reinterpret_cast<const uint8_t*>(dictionary_storage_.data());
  }
  if (d.num_values > r_.row_group_rows && d.num_values > header.uncompressed_page_size) {
    return Status::Corruption("dictionary page declares {} values", d.num_values);
  }
  RETURN_NOT_OK(DecodePlain(data, header.uncompressed_page_size, d.num_values, &dictionary_, &dictionary_storage_));
  has_dictionary_ = true;
  if (r_.counters) r_.counters->dictionary_pages.fetch_add(1, std::memory_order_relaxed);
  if constexpr (Sink::kWantsIds) RETURN_NOT_OK(sink_->SetDictionary(dictionary_));
  return Status::OK();
}

template <typename PhysT, typename Sink>
Status ChunkReader<PhysT, Sink>::DecodeValues(Encoding encoding, const uint8_t* data, int64_t size,
                                              int64_t count, bool* as_ids) {
  *as_ids = false;
  switch (encoding) {
    case Encoding::kPlain:
      return DecodePlain(data, size, count, &dense_, &page_storage_);
    case Encoding::kRleDictionary:
    case Encoding::kPlainDictionary: {
      if (!has_dictionary_) return Status::Corruption("dictionary-encoded page without a dictionary page");
      if (size < 1) {
        if (count == 0) return Status::OK();
        return Status::Corruption("dictionary-encoded page is empty");
      }
      int bit_width = data[0];
      if (bit_width > 32) return Status::Corruption("dictionary index bit width {}", bit_width);
      ids_.resize(static_cast<size_t>(count));
      RleBitPackedDecoder decoder(data + 1, size - 1, bit_width);
      RETURN_NOT_OK(decoder.DecodeIndices(ids_.data(), count, static_cast<int32_t>(dictionary_.size())));
      if constexpr (Sink::kWantsIds) {
        *as_ids = true;
      } else {
        dense_.resize(static_cast<size_t>(count));
        for (int64_t i = 0; i < count; ++i) dense_[i] = dictionary_[ids_[i]];
      }
      return Status::OK();
    }
    case Encoding::kRle:
      if constexpr (std::is_same_v<PhysT, uint8_t>) {
        if (size < 4) return Status::Corruption("RLE booleans: missing length");
        uint32_t length = internal::LoadLE<uint32_t>(data);
        if (length > static_cast<uint64_t>(size - 4)) return Status::Corruption("RLE booleans: length past the page");
        dense_.resize(static_cast<size_t>(count));
        RleBitPackedDecoder decoder(data + 4, length, 1);
        return decoder.Decode(dense_.data(), count);
      }
      break;
    case Encoding::kDeltaBinaryPacked:
      if constexpr (std::is_same_v<PhysT, int32_t> || std::is_same_v<PhysT, int64_t>) {
        if (IsInt96()) break;
        DeltaBinaryPackedDecoder<PhysT> decoder;
        RETURN_NOT_OK(decoder.Init(data, size));
        dense_.resize(static_cast<size_t>(count));
        return decoder.Decode(dense_.data(), count);
      }
      break;
    case Encoding::kDeltaLengthByteArray:
      if constexpr (std::is_same_v<PhysT, std::string_view>) {
        if (column_.element.type != PhysicalType::kByteArray) break;
        dense_.clear();
        return DecodeDeltaLengthByteArrays(data, size, count, &dense_);
      }
      break;
    case Encoding::kDeltaByteArray:
      if constexpr (std::is_same_v<PhysT, std::string_view>) {
        dense_.clear();
        return DecodeDeltaByteArrays(data, size, count, options_.max_delta_byte_array_bytes, &dba_storage_, &dense_);
      }
      break;
    case Encoding::kByteStreamSplit:
      if constexpr (std::is_same_v<PhysT, int32_t> || std::is_same_v<PhysT, int64_t> ||
                    std::is_same_v<PhysT, float> || std::is_same_v<PhysT, double>) {
        if (IsInt96()) break;
        dense_.resize(static_cast<size_t>(count));
        return DecodeByteStreamSplit(data, size, count, sizeof(PhysT), reinterpret_cast<uint8_t*>(dense_.data()));
      }
      break;
    default:
      break;
  }
  return Status::NotImplemented("encoding {} ({}) for a {} column", EncodingName(encoding),
                                static_cast<int>(encoding), PhysicalTypeName(*column_.element.type));
}

template <typename PhysT, typename Sink>
Status ChunkReader<PhysT, Sink>::Emit(const uint8_t* levels, int64_t first_row, int64_t rows, bool as_ids) {
  // Selected page-relative ranges.
  auto emit_range = [&](int64_t a, int64_t b, int64_t value_index) -> Status {
    if constexpr (Sink::kWantsIds) {
      if (as_ids) return sink_->AppendIds(levels, a, b, ids_.data() + value_index);
    }
    return sink_->AppendDense(levels, a, b, dense_.data() + value_index);
  };
  if (r_.selection == nullptr || r_.selection->Covers(first_row, first_row + rows)) {
    return emit_range(0, rows, 0);
  }
  int64_t value_index = 0;
  int64_t row = 0;  // page-relative row that value_index corresponds to
  for (const RowRanges::Range& range : r_.selection->ranges()) {
    int64_t a = std::max<int64_t>(range.begin - first_row, 0);
    int64_t b = std::min<int64_t>(range.end - first_row, rows);
    if (b <= a) continue;
    if (levels == nullptr) {
      value_index = a;
    } else {
      for (; row < a; ++row) value_index += levels[row] != 0;
    }
    RETURN_NOT_OK(emit_range(a, b, value_index));
    if (levels != nullptr) {
      for (; row < b; ++row) value_index += levels[row] != 0;
    }
  }
  return Status::OK();
}

template <typename PhysT, typename Sink>
Status ChunkReader<PhysT, Sink>::DecodeDataPage(const PageHeader& header, const uint8_t* body,
                                                int64_t first_row, int64_t rows) {
  const uint8_t* levels_data = nullptr;
  int64_t levels_size = 0;
  Encoding level_encoding = Encoding::kRle;
  const uint8_t* values = nullptr;
  int64_t values_size = 0;
  Encoding encoding;
  std::optional<int64_t> declared_nulls;
  const int16_t max_def = column_.max_definition_level;

  if (header.type == PageType::kDataPage) {
    const DataPageHeader& h = *header.data_page_header;
    encoding = h.encoding;
    const uint8_t* page = nullptr;
    RETURN_NOT_OK(Decompress(std::string_view(reinterpret_cast<const char*>(body), static_cast<size_t>(header.compressed_page_size)),
                             header.uncompressed_page_size, &page_storage_, &page));
    int64_t size = header.uncompressed_page_size;
    int64_t pos = 0;
    if (max_def > 0) {
      level_encoding = h.definition_level_encoding;
      if (level_encoding == Encoding::kRle) {
        if (size < 4) return Status::Corruption("definition levels: missing length");
        uint32_t length = internal::LoadLE<uint32_t>(page);
        if (length > static_cast<uint64_t>(size - 4)) return Status::Corruption("definition levels run past the page");
        levels_data = page + 4;
        levels_size = length;
        pos = 4 + static_cast<int64_t>(length);
      } else if (level_encoding == Encoding::kBitPacked) {
        int64_t length = PackedBytes(rows, 1);
        if (length > size) return Status::Corruption("definition levels run past the page");
        levels_data = page;
        levels_size = length;
        pos = length;
      } else {
        return Status::NotImplemented("definition level encoding {}", EncodingName(level_encoding));
      }
    }
    values = page + pos;
    values_size = size - pos;
    // page_storage_ may hold the page; DBA/plain views point into it until Emit returns.
  } else {
    const DataPageHeaderV2& h = *header.data_page_header_v2;
    encoding = h.encoding;
    if (h.num_values != h.num_rows) return Status::Corruption("flat column page with num_values != num_rows");
    declared_nulls = h.num_nulls;
    int64_t levels_total = static_cast<int64_t>(h.definition_levels_byte_length) + h.repetition_levels_byte_length;
    levels_data = body + h.repetition_levels_byte_length;
    levels_size = h.definition_levels_byte_length;
    int64_t compressed_values = header.compressed_page_size - levels_total;
    int64_t uncompressed_values = static_cast<int64_t>(header.uncompressed_page_size) - levels_total;
    if (uncompressed_values < 0) return Status::Corruption("data page v2 sizes are inconsistent");
    std::string_view section(reinterpret_cast<const char*>(body + levels_total), static_cast<size_t>(compressed_values));
    if (h.is_compressed && meta_.codec != CompressionCodec::kUncompressed) {
      RETURN_NOT_OK(Decompress(section, uncompressed_values, &page_storage_, &values));
    } else {
      values = reinterpret_cast<const uint8_t*>(section.data());
      if (compressed_values != uncompressed_values) {
        return Status::Corruption("uncompressed v2 page of {} bytes, header says {}", compressed_values, uncompressed_values);
      }
    }
    values_size = uncompressed_values;
  }

  // Definition levels -> validity.
  int64_t non_null = rows;
  const uint8_t* levels = nullptr;
  if (max_def > 0) {
    levels_.resize(static_cast<size_t>(rows));
    if (level_encoding == Encoding::kBitPacked) {
      for (int64_t i = 0; i < rows; ++i) levels_[i] = (levels_data[i >> 3] >> (7 - (i & 7))) & 1;
    } else {
      RleBitPackedDecoder decoder(levels_data, levels_size, 1);
      RETURN_NOT_OK(decoder.Decode(levels_.data(), rows));
    }
    non_null = 0;
    for (int64_t i = 0; i < rows; ++i) non_null += levels_[i];
    levels = non_null == rows ? nullptr : levels_.data();
  }
  if (declared_nulls && *declared_nulls != rows - non_null) {
    return Status::Corruption("data page v2 declares {} nulls, definition levels have {}", *declared_nulls, rows - non_null);
  }
  bool as_ids = false;
  RETURN_NOT_OK(DecodeValues(encoding, values, values_size, non_null, &as_ids));
  if (r_.counters) {
    r_.counters->pages_decoded.fetch_add(1, std::memory_order_relaxed);
    r_.counters->rows_decoded.fetch_add(rows, std::memory_order_relaxed);
  }
  return Emit(levels, first_row, rows, as_ids);
}

template <typename PhysT, typename Sink>
Status ChunkReader<PhysT, Sink>::ReadSequential(int64_t chunk_start, int64_t chunk_size) {
  ASSIGN_OR_RETURN(BufferPtr bytes, r_.source->Read(chunk_start, chunk_size));
  if (r_.counters) r_.counters->bytes_read.fetch_add(chunk_size, std::memory_order_relaxed);
  const uint8_t* data = bytes->data();
  int64_t size = bytes->size();
  int64_t pos = 0;
  while (rows_seen_ < r_.row_group_rows) {
    if (pos >= size) {
      return Status::Corruption("column chunk ends after {} of {} rows", rows_seen_, r_.row_group_rows);
    }
    PageHeader header;
    const uint8_t* body = nullptr;
    int64_t page_size = 0;
    RETURN_NOT_OK(ParsePage(data + pos, size - pos, &header, &body, &page_size));
    pos += page_size;
    if (header.type == PageType::kDictionaryPage) {
      RETURN_NOT_OK(DecodeDictionaryPage(header, body));
      continue;
    }
    if (header.type != PageType::kDataPage && header.type != PageType::kDataPageV2) continue;
    int64_t rows = PageRowsOf(header);
    if (rows > r_.row_group_rows - rows_seen_) {
      return Status::Corruption("pages hold more rows than the row group's {}", r_.row_group_rows);
    }
    if (r_.selection == nullptr || r_.selection->Overlaps(rows_seen_, rows_seen_ + rows)) {
      RETURN_NOT_OK(DecodeDataPage(header, body, rows_seen_, rows));
    } else if (r_.counters) {
      r_.counters->pages_skipped.fetch_add(1, std::memory_order_relaxed);
    }
    rows_seen_ += rows;
  }
  return Status::OK();
}

template <typename PhysT, typename Sink>
Status ChunkReader<PhysT, Sink>::ReadIndexed(int64_t chunk_start) {
  const std::vector<PageLocation>& pages = r_.offset_index->page_locations;
  // The dictionary page (if any) sits between the chunk start and the first data page.
  if (!pages.empty() && pages[0].offset > chunk_start) {
    int64_t length = pages[0].offset - chunk_start;
    if (length > meta_.total_compressed_size) return Status::Corruption("offset index points outside its column chunk");
    ASSIGN_OR_RETURN(BufferPtr bytes, r_.source->Read(chunk_start, length));
    if (r_.counters) r_.counters->bytes_read.fetch_add(length, std::memory_order_relaxed);
    int64_t pos = 0;
    while (pos < bytes->size()) {
      PageHeader header;
      const uint8_t* body = nullptr;
      int64_t page_size = 0;
      RETURN_NOT_OK(ParsePage(bytes->data() + pos, bytes->size() - pos, &header, &body, &page_size));
      pos += page_size;
      if (header.type == PageType::kDictionaryPage) RETURN_NOT_OK(DecodeDictionaryPage(header, body));
    }
  }
  for (size_t i = 0; i < pages.size(); ++i) {
    int64_t first = pages[i].first_row_index;
    int64_t end = i + 1 < pages.size() ? pages[i + 1].first_row_index : r_.row_group_rows;
    if (end > r_.row_group_rows || first >= end) return Status::Corruption("offset index rows exceed the row group");
    if (!r_.selection->Overlaps(first, end)) {
      if (r_.counters) r_.counters->pages_skipped.fetch_add(1, std::memory_order_relaxed);
      continue;
    }
    ASSIGN_OR_RETURN(BufferPtr bytes, r_.source->Read(pages[i].offset, pages[i].compressed_page_size));
    if (r_.counters) r_.counters->bytes_read.fetch_add(pages[i].compressed_page_size, std::memory_order_relaxed);
    PageHeader header;
    const uint8_t* body = nullptr;
    int64_t page_size = 0;
    RETURN_NOT_OK(ParsePage(bytes->data(), bytes->size(), &header, &body, &page_size));
    if (header.type != PageType::kDataPage && header.type != PageType::kDataPageV2) {
      return Status::Corruption("offset index points at a page of type {}", static_cast<int>(header.type));
    }
    if (PageRowsOf(header) != end - first) {
      return Status::Corruption("page holds {} rows, offset index says {}", PageRowsOf(header), end - first);
    }
    rows_seen_ = first;
    RETURN_NOT_OK(DecodeDataPage(header, body, first, end - first));
  }
  return Status::OK();
}

template <typename PhysT, typename Sink>
Status ChunkReader<PhysT, Sink>::Read() {
  if (r_.row_group_rows == 0) return Status::OK();
  int64_t data_offset = meta_.data_page_offset;
  int64_t chunk_start = data_offset;
  if (meta_.dictionary_page_offset && *meta_.dictionary_page_offset > 0 &&
      *meta_.dictionary_page_offset < data_offset) {
    chunk_start = *meta_.dictionary_page_offset;
  }
  int64_t size = meta_.total_compressed_size;
  int64_t file_size = r_.source->size();
  if (chunk_start < 0 || size <= 0 || chunk_start > file_size || size > file_size - chunk_start) {
    return Status::Corruption("column chunk [{}, +{}) lies outside the file of {} bytes", chunk_start, size, file_size);
  }
  bool partial = r_.selection != nullptr && !r_.selection->Covers(0, r_.row_group_rows);
  if (partial && r_.offset_index != nullptr && !r_.offset_index->page_locations.empty()) {
    return ReadIndexed(chunk_start);
  }
  return ReadSequential(chunk_start, size);
}

template <typename PhysT, typename Sink>
Result<Array> Run(const ColumnChunkReadRequest& request, Sink sink) {
  ChunkReader<PhysT, Sink> reader(request, &sink);
  RETURN_NOT_OK(reader.Read());
  return sink.Finish();
}

template <typename PhysT>
Result<Array> RunFixed(const ColumnChunkReadRequest& request) {
  const LeafColumn& column = *request.column;
  const DataType& type = column.field.type();
  MemoryPool* pool = request.options->pool;
  int64_t mul = column.time_multiply, div = column.time_divide;
  switch (type.id()) {
    case TypeId::kNull: return Run<PhysT>(request, NullSink());
    case TypeId::kInt8: return Run<PhysT>(request, FixedSink<int8_t>(type, pool, 1, 1));
    case TypeId::kInt16: return Run<PhysT>(request, FixedSink<int16_t>(type, pool, 1, 1));
    case TypeId::kInt32:
    case TypeId::kDate32: return Run<PhysT>(request, FixedSink<int32_t>(type, pool, 1, 1));
    case TypeId::kUInt8: return Run<PhysT>(request, FixedSink<uint8_t>(type, pool, 1, 1));
    case TypeId::kUInt16: return Run<PhysT>(request, FixedSink<uint16_t>(type, pool, 1, 1));
    case TypeId::kUInt32: return Run<PhysT>(request, FixedSink<uint32_t>(type, pool, 1, 1));
    case TypeId::kInt64:
    case TypeId::kUInt64:
    case TypeId::kDuration:
    case TypeId::kTimestamp: return Run<PhysT>(request, FixedSink<int64_t>(type, pool, mul, div));
    case TypeId::kFloat32: return Run<PhysT>(request, FixedSink<float>(type, pool, 1, 1));
    case TypeId::kFloat64: return Run<PhysT>(request, FixedSink<double>(type, pool, 1, 1));
    default: break;
  }
  return Status::NotImplemented("cannot read a {} column as {}", PhysicalTypeName(*column.element.type), type.ToString());
}

}  // namespace

Result<Array> ReadColumnChunk(const ColumnChunkReadRequest& request) {
  const LeafColumn& column = *request.column;
  if (!column.unsupported.empty()) return Status::NotImplemented("{}", column.unsupported);
  const DataType& type = column.field.type();
  MemoryPool* pool = request.options->pool;
  Result<Array> result = Status::Internal("unreachable");
  switch (*column.element.type) {
    case PhysicalType::kBoolean:
      if (type.id() == TypeId::kNull) {
        result = Run<uint8_t>(request, NullSink());
      } else if (type.id() == TypeId::kBoolean) {
        result = Run<uint8_t>(request, BoolSink(pool));
      } else {
        result = Status::NotImplemented("cannot read BOOLEAN as {}", type.ToString());
      }
      break;
    case PhysicalType::kInt32:
      result = RunFixed<int32_t>(request);
      break;
    case PhysicalType::kInt64:
    case PhysicalType::kInt96:
      result = RunFixed<int64_t>(request);
      break;
    case PhysicalType::kFloat:
      result = RunFixed<float>(request);
      break;
    case PhysicalType::kDouble:
      result = RunFixed<double>(request);
      break;
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray:
      if (type.id() == TypeId::kDictionary) {
        result = Run<std::string_view>(request, DictSink(type, pool));
      } else if (type.is_binary_like()) {
        result = Run<std::string_view>(request, BytesSink(type, pool));
      } else if (type.id() == TypeId::kNull) {
        result = Run<std::string_view>(request, NullSink());
      } else {
        result = Status::NotImplemented("cannot read BYTE_ARRAY as {}", type.ToString());
      }
      break;
  }
  if (!result.ok()) return result;
  if (request.options->validate) {
    Status status = ValidateArray(*result);
    if (!status.ok()) return Status::Corruption("decoded column is invalid: {}", status.message());
  }
  return result;
}

}  // namespace quiver::parquet
