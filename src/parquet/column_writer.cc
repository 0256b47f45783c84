#include "parquet/column_writer.h"

#include <zlib.h>

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "base/hash.h"
#include "columnar/dictionary_normalize.h"
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
#include "parquet/statistics.h"

namespace quiver::parquet {
namespace {

// The physical values of a column, collected from its arrays: only non-null values, in
// row order, plus one definition level per row for OPTIONAL columns.
enum class ValueKind : uint8_t { kNull, kBool, kInt32, kUInt32, kInt64, kUInt64, kFloat, kDouble, kBytes };

struct StringViewHash {
  size_t operator()(std::string_view s) const { return HashString(s); }
};

struct Collected {
  ValueKind kind = ValueKind::kNull;
  bool nullable = false;
  int64_t num_rows = 0;
  int64_t null_count = 0;
  std::vector<uint8_t> def_levels;  // per row, when nullable
  std::vector<uint8_t> bools;
  std::vector<int32_t> i32;
  std::vector<int64_t> i64;
  std::vector<float> f32;
  std::vector<double> f64;
  std::vector<std::string_view> bytes;  // when not dictionary-coded
  // Dictionary coding of byte arrays: ids[k] is the dictionary entry of value k;
  // entries are numbered in first-seen order.
  bool dictionary = false;
  std::vector<int32_t> ids;
  std::vector<std::string_view> entries;

  int64_t num_values() const { return num_rows - null_count; }
  std::string_view Bytes(int64_t k) const { return dictionary ? entries[ids[k]] : bytes[k]; }
};

ValueKind KindOf(const DataType& type) {
  switch (type.id()) {
    case TypeId::kNull: return ValueKind::kNull;
    case TypeId::kBoolean: return ValueKind::kBool;
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kDate32: return ValueKind::kInt32;
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32: return ValueKind::kUInt32;
    case TypeId::kInt64:
    case TypeId::kTimestamp:
    case TypeId::kDuration: return ValueKind::kInt64;
    case TypeId::kUInt64: return ValueKind::kUInt64;
    case TypeId::kFloat32: return ValueKind::kFloat;
    case TypeId::kFloat64: return ValueKind::kDouble;
    default: return ValueKind::kBytes;
  }
}

class Collector {
 public:
  Collector(const Field& field, Collected* out) : field_(field), out_(out) {}

  Status Add(const Array& array) {
    if (!(array.type() == field_.type())) {
      return Status::InvalidArgument("parquet writer: column '{}' expects {}, got {}", field_.name(),
                                     field_.type().ToString(), array.type().ToString());
    }
    int64_t n = array.length();
    out_->num_rows += n;
    if (out_->kind == ValueKind::kNull) {
      out_->def_levels.insert(out_->def_levels.end(), static_cast<size_t>(n), 0);
      out_->null_count += n;
      return Status::OK();
    }
    if (array.null_count() > 0 && !out_->nullable) {
      return Status::InvalidArgument("parquet writer: non-nullable column '{}' has nulls", field_.name());
    }
    const DataType& type = array.type();
    switch (type.id()) {
      case TypeId::kBoolean: {
        BooleanArray a(array);
        return ForEach(array, [&](int64_t i) { out_->bools.push_back(a.Value(i) ? 1 : 0); });
      }
      case TypeId::kInt8: return AddWidened<int8_t, int32_t>(array, &out_->i32);
      case TypeId::kInt16: return AddWidened<int16_t, int32_t>(array, &out_->i32);
      case TypeId::kUInt8: return AddWidened<uint8_t, int32_t>(array, &out_->i32);
      case TypeId::kUInt16: return AddWidened<uint16_t, int32_t>(array, &out_->i32);
      case TypeId::kInt32:
      case TypeId::kDate32:
      case TypeId::kUInt32: return AddWidened<int32_t, int32_t>(array, &out_->i32);
      case TypeId::kInt64:
      case TypeId::kUInt64:
      case TypeId::kDuration: return AddWidened<int64_t, int64_t>(array, &out_->i64);
      case TypeId::kTimestamp: {
        if (type.unit() != TimeUnit::kSecond) return AddWidened<int64_t, int64_t>(array, &out_->i64);
        Int64Array a(array);
        Status status;
        RETURN_NOT_OK(ForEach(array, [&](int64_t i) {
          int64_t ms = 0;
          if (__builtin_mul_overflow(a.Value(i), int64_t{1000}, &ms) && status.ok()) {
            status = Status::InvalidArgument("parquet writer: timestamp in '{}' out of range", field_.name());
          }
          out_->i64.push_back(ms);
        }));
        return status;
      }
      case TypeId::kFloat32: return AddWidened<float, float>(array, &out_->f32);
      case TypeId::kFloat64: return AddWidened<double, double>(array, &out_->f64);
      case TypeId::kUtf8:
      case TypeId::kBinary: {
        StringArray a(array);
        if (!out_->dictionary) {
          return ForEach(array, [&](int64_t i) { out_->bytes.push_back(a.Value(i)); });
        }
        return ForEach(array, [&](int64_t i) { out_->ids.push_back(Intern(a.Value(i))); });
      }
      case TypeId::kDictionary:
        return AddDictionary(array);
      default:
        return Status::NotImplemented("parquet writer: column '{}' of type {} is not supported",
                                      field_.name(), type.ToString());
    }
  }

 private:
  // Calls on_value(i) for each valid slot i and records definition levels.
  template <typename OnValue>
  Status ForEach(const Array& array, OnValue&& on_value) {
    int64_t n = array.length();
    if (array.null_count() == 0) {
      if (out_->nullable) out_->def_levels.insert(out_->def_levels.end(), static_cast<size_t>(n), 1);
      for (int64_t i = 0; i < n; ++i) on_value(i);
      return Status::OK();
    }
    for (int64_t i = 0; i < n; ++i) {
      bool valid = array.IsValid(i);
      out_->def_levels.push_back(valid ? 1 : 0);
      if (valid) {
        on_value(i);
      } else {
        ++out_->null_count;
      }
    }
    return Status::OK();
  }

  template <typename From, typename To>
  Status AddWidened(const Array& array, std::vector<To>* out) {
    NumericArray<From> a(array);
    const From* values = a.raw_values();
    if (array.null_count() == 0) {
      if (out_->nullable) {
        out_->def_levels.insert(out_->def_levels.end(), static_cast<size_t>(array.length()), 1);
      }
      out->insert(out->end(), values, values + array.length());
      return Status::OK();
    }
    return ForEach(array, [&](int64_t i) { out->push_back(static_cast<To>(values[i])); });
  }

  int32_t Intern(std::string_view value) {
    auto [it, inserted] = table_.try_emplace(value, static_cast<int32_t>(out_->entries.size()));
    if (inserted) out_->entries.push_back(value);
    return it->second;
  }

  Status AddDictionary(const Array& array) {
    ASSIGN_OR_RETURN(ArrayDataPtr normalized, NormalizeDictionaryIndices(array.data()));
    DictionaryArray a{Array(normalized)};
    const ArrayData* dictionary = normalized->dictionary.get();
    if (dictionary == nullptr) {
      return Status::InvalidArgument("parquet writer: dictionary column '{}' has no dictionary", field_.name());
    }
    if (dictionary != last_dictionary_) {
      last_dictionary_ = dictionary;
      last_dictionary_ref_ = normalized->dictionary;  // keep it alive while remap refers to it
      remap_.assign(static_cast<size_t>(dictionary->length), -1);
    }
    StringArray values(normalized->dictionary);
    int64_t n = a.length();
    const int32_t* indices = a.raw_indices();
    for (int64_t i = 0; i < n; ++i) {
      bool valid = a.IsValid(i) && values.IsValid(indices[i]);
      if (out_->nullable) out_->def_levels.push_back(valid ? 1 : 0);
      if (!valid) {
        if (!out_->nullable) {
          return Status::InvalidArgument("parquet writer: non-nullable column '{}' has nulls", field_.name());
        }
        ++out_->null_count;
        continue;
      }
      int32_t index = indices[i];
      if (!out_->dictionary) {  // written without a dictionary (a column_encodings override)
        out_->bytes.push_back(values.Value(index));
        continue;
      }
      int32_t& id = remap_[static_cast<size_t>(index)];
      if (id < 0) id = Intern(values.Value(index));
      out_->ids.push_back(id);
    }
    return Status::OK();
  }

  const Field& field_;
  Collected* out_;
  std::unordered_map<std::string_view, int32_t, StringViewHash> table_;
  const ArrayData* last_dictionary_ = nullptr;
  ArrayDataPtr last_dictionary_ref_;
  std::vector<int32_t> remap_;
};

// Page statistics in plain-encoded form.
struct PageStats {
  bool has_min_max = false;
  std::string min;
  std::string max;
  int64_t null_count = 0;
  int64_t nan_count = 0;
  bool all_nan = false;  // values present but every one NaN
};

template <typename T>
void FinishStats(const MinMax<T>& mm, PageStats* stats) {
  stats->nan_count = mm.nan_count();
  if (mm.has_value()) {
    stats->has_min_max = true;
    stats->min = mm.EncodedMin();
    stats->max = mm.EncodedMax();
  } else {
    stats->all_nan = mm.nan_count() > 0;
  }
}

template <typename T, typename S = T>
void StatsOf(const T* values, int64_t count, PageStats* stats) {
  MinMax<S> mm;
  for (int64_t i = 0; i < count; ++i) mm.Update(static_cast<S>(values[i]));
  FinishStats(mm, stats);
}

class ChunkEncoder {
 public:
  ChunkEncoder(const Field& field, const SchemaElement& leaf, const ParquetWriterOptions& options,
               Collected* c)
      : field_(field), leaf_(leaf), options_(options), c_(*c) {}

  Result<ColumnChunkOutput> Encode(int64_t file_offset, std::string* out);

 private:
  struct PageSpan {
    int64_t row_begin, row_end, value_begin, value_end;
  };

  std::vector<PageSpan> SplitPages() const;
  Encoding ValueEncoding() const;
  Status EncodeValues(const PageSpan& page, Encoding encoding, std::string* out, PageStats* stats);
  Status EncodeDictionaryIndices(const PageSpan& page, std::string* out, PageStats* stats);
  void StringStats(const PageSpan& page, PageStats* stats) const;
  Status AppendPage(PageType type, const std::string& levels, const std::string& values,
                    const PageSpan* page, Encoding encoding, int32_t num_values, int32_t num_nulls,
                    std::string* out);

  const Field& field_;
  const SchemaElement& leaf_;
  const ParquetWriterOptions& options_;
  Collected& c_;
  std::string scratch_;
  int64_t uncompressed_total_ = 0;
  int64_t compressed_total_ = 0;
};

std::vector<ChunkEncoder::PageSpan> ChunkEncoder::SplitPages() const {
  std::vector<PageSpan> pages;
  const int64_t max_rows = std::max<int64_t>(1, options_.max_page_rows);
  const int64_t max_bytes = std::max<int64_t>(1, options_.data_page_size);
  int64_t width = 0;
  switch (c_.kind) {
    case ValueKind::kNull: width = 0; break;
    case ValueKind::kBool: width = 1; break;  // bytes, rounded up; bits are 1/8 of that
    case ValueKind::kInt32:
    case ValueKind::kUInt32:
    case ValueKind::kFloat: width = 4; break;
    case ValueKind::kInt64:
    case ValueKind::kUInt64:
    case ValueKind::kDouble: width = 8; break;
    case ValueKind::kBytes: width = -1; break;
  }
  PageSpan page{0, 0, 0, 0};
  int64_t bytes = 0;
  int64_t value = 0;
  for (int64_t row = 0; row < c_.num_rows; ++row) {
    bool valid = !c_.nullable || c_.def_levels[row] != 0;
    if (valid) {
      if (width >= 0) {
        bytes += width;
      } else if (c_.dictionary) {
        bytes += 4;
      } else {
        bytes += 4 + static_cast<int64_t>(c_.bytes[value].size());
      }
      ++value;
    }
    int64_t rows = row + 1 - page.row_begin;
    if (rows >= max_rows || bytes >= max_bytes || row + 1 == c_.num_rows) {
      page.row_end = row + 1;
      page.value_end = value;
      pages.push_back(page);
      page = PageSpan{row + 1, row + 1, value, value};
      bytes = 0;
    }
  }
  return pages;
}

Encoding ChunkEncoder::ValueEncoding() const {
  // Arrow readers (parquet-cpp 18) decode only PLAIN pages into dictionary-typed columns
  // besides dictionary-encoded ones, so tags that fall back use PLAIN whatever is asked.
  if (field_.type().id() == TypeId::kDictionary) return Encoding::kPlain;
  for (const auto& [name, encoding] : options_.column_encodings) {
    if (name == field_.name() && encoding != Encoding::kRleDictionary &&
        encoding != Encoding::kPlainDictionary) {
      return encoding;
    }
  }
  switch (c_.kind) {
    case ValueKind::kNull: return Encoding::kPlain;
    case ValueKind::kBool: return options_.boolean_encoding == Encoding::kPlain ? Encoding::kPlain : Encoding::kRle;
    case ValueKind::kInt32:
    case ValueKind::kUInt32:
    case ValueKind::kInt64:
    case ValueKind::kUInt64: return options_.integer_encoding;
    case ValueKind::kFloat:
    case ValueKind::kDouble: return options_.float_encoding;
    case ValueKind::kBytes: return options_.string_fallback_encoding;
  }
  return Encoding::kPlain;
}

void ChunkEncoder::StringStats(const PageSpan& page, PageStats* stats) const {
  MinMax<std::string_view> mm;
  if (c_.dictionary) {
    int32_t previous = -1;
    for (int64_t k = page.value_begin; k < page.value_end; ++k) {
      int32_t id = c_.ids[k];
      if (id == previous) continue;
      previous = id;
      mm.Update(c_.entries[id]);
    }
  } else {
    for (int64_t k = page.value_begin; k < page.value_end; ++k) mm.Update(c_.bytes[k]);
  }
  FinishStats(mm, stats);
}

Status ChunkEncoder::EncodeValues(const PageSpan& page, Encoding encoding, std::string* out,
                                  PageStats* stats) {
  const int64_t begin = page.value_begin;
  const int64_t count = page.value_end - page.value_begin;
  auto fixed = [&](const auto* values, int width) -> Status {
    using T = std::remove_cv_t<std::remove_pointer_t<decltype(values)>>;
    switch (encoding) {
      case Encoding::kPlain:
        AppendPlainFixed(values, count, width, out);
        return Status::OK();
      case Encoding::kByteStreamSplit:
        AppendByteStreamSplit(reinterpret_cast<const uint8_t*>(values), count, width, out);
        return Status::OK();
      case Encoding::kDeltaBinaryPacked:
        if constexpr (std::is_integral_v<T>) {
          AppendDeltaBinaryPacked(values, count, out, options_.delta);
          return Status::OK();
        }
        break;
      default:
        break;
    }
    return Status::InvalidArgument("parquet writer: encoding {} does not apply to column '{}'",
                                   EncodingName(encoding), field_.name());
  };
  switch (c_.kind) {
    case ValueKind::kNull:
      return Status::OK();
    case ValueKind::kBool: {
      const uint8_t* values = c_.bools.data() + begin;
      StatsOf<uint8_t, bool>(values, count, stats);
      if (encoding == Encoding::kRle) {
        std::string encoded;
        AppendRleBitPacked(values, count, 1, &encoded);
        internal::AppendLE<uint32_t>(out, static_cast<uint32_t>(encoded.size()));
        out->append(encoded);
        return Status::OK();
      }
      if (encoding != Encoding::kPlain) break;
      size_t start = out->size();
      out->resize(start + static_cast<size_t>((count + 7) / 8), '\0');
      auto* bits = reinterpret_cast<uint8_t*>(out->data()) + start;
      for (int64_t i = 0; i < count; ++i) {
        if (values[i]) bits[i >> 3] |= static_cast<uint8_t>(1u << (i & 7));
      }
      return Status::OK();
    }
    case ValueKind::kInt32:
      StatsOf(c_.i32.data() + begin, count, stats);
      return fixed(c_.i32.data() + begin, 4);
    case ValueKind::kUInt32:
      StatsOf<int32_t, uint32_t>(c_.i32.data() + begin, count, stats);
      return fixed(c_.i32.data() + begin, 4);
    case ValueKind::kInt64:
      StatsOf(c_.i64.data() + begin, count, stats);
      return fixed(c_.i64.data() + begin, 8);
    case ValueKind::kUInt64:
      StatsOf<int64_t, uint64_t>(c_.i64.data() + begin, count, stats);
      return fixed(c_.i64.data() + begin, 8);
    case ValueKind::kFloat:
      StatsOf(c_.f32.data() + begin, count, stats);
      return fixed(c_.f32.data() + begin, 4);
    case ValueKind::kDouble:
      StatsOf(c_.f64.data() + begin, count, stats);
      return fixed(c_.f64.data() + begin, 8);
    case ValueKind::kBytes: {
      StringStats(page, stats);
      std::vector<std::string_view> views;
      const std::string_view* values;
      if (c_.dictionary) {
        views.reserve(static_cast<size_t>(count));
        for (int64_t k = begin; k < page.value_end; ++k) views.push_back(c_.entries[c_.ids[k]]);
        values = views.data();
      } else {
        values = c_.bytes.data() + begin;
      }
      switch (encoding) {
        case Encoding::kPlain:
          for (int64_t i = 0; i < count; ++i) AppendPlainByteArray(values[i], out);
          return Status::OK();
        case Encoding::kDeltaLengthByteArray:
          AppendDeltaLengthByteArrays(values, count, out);
          return Status::OK();
        case Encoding::kDeltaByteArray:
          AppendDeltaByteArrays(values, count, out);
          return Status::OK();
        default:
          break;
      }
      break;
    }
  }
  return Status::InvalidArgument("parquet writer: encoding {} does not apply to column '{}'",
                                 EncodingName(encoding), field_.name());
}

Status ChunkEncoder::EncodeDictionaryIndices(const PageSpan& page, std::string* out, PageStats* stats) {
  StringStats(page, stats);
  int32_t max_id = 0;
  for (int64_t k = page.value_begin; k < page.value_end; ++k) max_id = std::max(max_id, c_.ids[k]);
  int bit_width = BitWidthOf(static_cast<uint64_t>(max_id));
  out->push_back(static_cast<char>(bit_width));
  AppendRleBitPacked(reinterpret_cast<const uint32_t*>(c_.ids.data() + page.value_begin),
                     page.value_end - page.value_begin, bit_width, out);
  return Status::OK();
}

Status ChunkEncoder::AppendPage(PageType type, const std::string& levels, const std::string& values,
                                const PageSpan* page, Encoding encoding, int32_t num_values,
                                int32_t num_nulls, std::string* out) {
  PageHeader header;
  header.type = type;
  std::string body;
  int64_t uncompressed = 0;
  if (type == PageType::kDataPageV2) {
    body.append(levels);
    RETURN_NOT_OK(Compress(options_.compression, options_.compression_level, values, &body, options_.zstd_min_match));
    uncompressed = static_cast<int64_t>(levels.size() + values.size());
    DataPageHeaderV2 v2;
    v2.num_values = num_values;
    v2.num_nulls = num_nulls;
    v2.num_rows = static_cast<int32_t>(page->row_end - page->row_begin);
    v2.encoding = encoding;
    v2.definition_levels_byte_length = static_cast<int32_t>(levels.size());
    v2.repetition_levels_byte_length = 0;
    v2.is_compressed = options_.compression != CompressionCodec::kUncompressed;
    header.data_page_header_v2 = v2;
  } else {
    scratch_.clear();
    if (!levels.empty()) {
      internal::AppendLE<uint32_t>(&scratch_, static_cast<uint32_t>(levels.size()));
      scratch_.append(levels);
    }
    scratch_.append(values);
    RETURN_NOT_OK(Compress(options_.compression, options_.compression_level, scratch_, &body, options_.zstd_min_match));
    uncompressed = static_cast<int64_t>(scratch_.size());
    if (type == PageType::kDataPage) {
      DataPageHeader v1;
      v1.num_values = num_values;
      v1.encoding = encoding;
      v1.definition_level_encoding = Encoding::kRle;
      v1.repetition_level_encoding = Encoding::kRle;
      header.data_page_header = v1;
    } else {
      DictionaryPageHeader dict;
      dict.num_values = num_values;
      dict.encoding = Encoding::kPlain;
      header.dictionary_page_header = dict;
    }
  }
  if (uncompressed > INT32_MAX || static_cast<int64_t>(body.size()) > INT32_MAX) {
    return Status::ResourceExhausted("parquet writer: a page of column '{}' exceeds 2 GiB", field_.name());
  }
  header.uncompressed_page_size = static_cast<int32_t>(uncompressed);
  header.compressed_page_size = static_cast<int32_t>(body.size());
  if (options_.write_page_checksums) {
    uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
    header.crc = static_cast<int32_t>(static_cast<uint32_t>(crc));
  }
  size_t header_start = out->size();
  AppendPageHeader(header, out);
  int64_t header_size = static_cast<int64_t>(out->size() - header_start);
  out->append(body);
  uncompressed_total_ += header_size + uncompressed;
  compressed_total_ += header_size + static_cast<int64_t>(body.size());
  return Status::OK();
}

Result<ColumnChunkOutput> ChunkEncoder::Encode(int64_t file_offset, std::string* out) {
  const bool v2 = options_.data_page_version == 2;
  const PageType data_page_type = v2 ? PageType::kDataPageV2 : PageType::kDataPage;
  const Encoding fallback = ValueEncoding();
  std::vector<PageSpan> pages = SplitPages();

  // Dictionary entries' plain size, cumulative, to apply the dictionary size limit.
  std::vector<int64_t> entry_bytes_prefix;
  if (c_.dictionary) {
    entry_bytes_prefix.resize(c_.entries.size() + 1, 0);
    for (size_t i = 0; i < c_.entries.size(); ++i) {
      entry_bytes_prefix[i + 1] = entry_bytes_prefix[i] + 4 + static_cast<int64_t>(c_.entries[i].size());
    }
  }

  std::string data_pages;
  std::vector<PageLocation> locations;  // offsets relative to data_pages for now
  ColumnIndex column_index;
  bool column_index_ok = options_.write_page_index;
  std::optional<std::string> chunk_min, chunk_max;
  int64_t chunk_nan_count = 0;
  bool chunk_min_max_ok = options_.write_statistics;
  int32_t dictionary_entries = 0;  // entries the dictionary page must hold
  int dictionary_pages = 0;
  int fallback_pages = 0;
  bool dictionary_mode = c_.dictionary;
  int32_t max_id_seen = -1;
  std::string levels;
  std::string values;
  const int64_t max_stat = options_.max_statistics_size;

  for (const PageSpan& page : pages) {
    if (dictionary_mode && max_id_seen >= 0 &&
        entry_bytes_prefix[static_cast<size_t>(max_id_seen) + 1] > options_.dictionary_page_size_limit) {
      dictionary_mode = false;  // fall back for the rest of the chunk
    }
    levels.clear();
    values.clear();
    int64_t rows = page.row_end - page.row_begin;
    int64_t page_values = page.value_end - page.value_begin;
    if (c_.nullable) {
      AppendRleBitPacked(c_.def_levels.data() + page.row_begin, rows, 1, &levels);
    }
    PageStats stats;
    stats.null_count = rows - page_values;
    Encoding encoding;
    if (dictionary_mode) {
      RETURN_NOT_OK(EncodeDictionaryIndices(page, &values, &stats));
      for (int64_t k = page.value_begin; k < page.value_end; ++k) max_id_seen = std::max(max_id_seen, c_.ids[k]);
      dictionary_entries = max_id_seen + 1;
      encoding = Encoding::kRleDictionary;
      ++dictionary_pages;
    } else {
      RETURN_NOT_OK(EncodeValues(page, fallback, &values, &stats));
      encoding = fallback;
      ++fallback_pages;
    }
    if (rows > INT32_MAX) return Status::ResourceExhausted("parquet writer: page too large");
    int64_t location_offset = static_cast<int64_t>(data_pages.size());
    RETURN_NOT_OK(AppendPage(data_page_type, levels, values, &page, encoding, static_cast<int32_t>(rows),
                             static_cast<int32_t>(rows - page_values), &data_pages));
    locations.push_back(PageLocation{location_offset,
                                     static_cast<int32_t>(data_pages.size() - location_offset),
                                     page.row_begin});

    // Statistics and page index entry.
    chunk_nan_count += stats.nan_count;
    if (stats.has_min_max) {
      if (static_cast<int64_t>(stats.min.size()) > max_stat || static_cast<int64_t>(stats.max.size()) > max_stat) {
        chunk_min_max_ok = false;
        column_index_ok = false;
      } else {
        SortOrder order = SortOrderOf(leaf_);
        auto less = [&](const std::string& a, const std::string& b) {
          return CompareStatValues(*leaf_.type, order, a, b).value_or(0) < 0;
        };
        if (!chunk_min || less(stats.min, *chunk_min)) chunk_min = stats.min;
        if (!chunk_max || less(*chunk_max, stats.max)) chunk_max = stats.max;
      }
    } else if (stats.all_nan) {
      column_index_ok = false;  // TYPE_ORDER: a page of only NaNs cannot be indexed
    }
    column_index.null_pages.push_back(!stats.has_min_max && !stats.all_nan);
    column_index.min_values.push_back(stats.has_min_max ? stats.min : std::string());
    column_index.max_values.push_back(stats.has_min_max ? stats.max : std::string());
    if (!column_index.null_counts) column_index.null_counts.emplace();
    column_index.null_counts->push_back(stats.null_count);
  }

  ColumnChunkOutput result;
  ColumnMetaData& meta = result.chunk.meta_data.emplace();
  meta.type = *leaf_.type;
  meta.path_in_schema = {leaf_.name};
  meta.codec = options_.compression;
  meta.num_values = c_.num_rows;

  const int64_t chunk_start = file_offset;
  if (dictionary_pages > 0) {
    std::string dictionary_values;
    for (int32_t id = 0; id < dictionary_entries; ++id) AppendPlainByteArray(c_.entries[id], &dictionary_values);
    size_t before = out->size();
    RETURN_NOT_OK(AppendPage(PageType::kDictionaryPage, std::string(), dictionary_values, nullptr,
                             Encoding::kPlain, dictionary_entries, 0, out));
    meta.dictionary_page_offset = chunk_start;
    file_offset += static_cast<int64_t>(out->size() - before);
  }
  meta.data_page_offset = file_offset;
  for (PageLocation& loc : locations) loc.offset += file_offset;
  out->append(data_pages);

  // Encodings: the dictionary page's, the levels', the data pages'.
  auto add_encoding = [&](Encoding e) {
    if (std::find(meta.encodings.begin(), meta.encodings.end(), e) == meta.encodings.end()) {
      meta.encodings.push_back(e);
    }
  };
  if (dictionary_pages > 0) add_encoding(Encoding::kPlain);
  add_encoding(Encoding::kRle);
  if (dictionary_pages > 0) add_encoding(Encoding::kRleDictionary);
  if (fallback_pages > 0) add_encoding(fallback);
  meta.encoding_stats.emplace();
  if (dictionary_pages > 0) {
    meta.encoding_stats->push_back({PageType::kDictionaryPage, Encoding::kPlain, 1});
    meta.encoding_stats->push_back({data_page_type, Encoding::kRleDictionary, dictionary_pages});
  }
  if (fallback_pages > 0) meta.encoding_stats->push_back({data_page_type, fallback, fallback_pages});
  meta.total_compressed_size = compressed_total_;
  meta.total_uncompressed_size = uncompressed_total_;
  result.uncompressed_bytes = uncompressed_total_;

  if (options_.write_statistics) {
    Statistics& s = meta.statistics.emplace();
    s.null_count = c_.null_count;
    if (chunk_min_max_ok && chunk_min && chunk_max) {
      s.min_value = *chunk_min;
      s.max_value = *chunk_max;
      s.is_min_value_exact = true;
      s.is_max_value_exact = true;
    }
    if (c_.kind == ValueKind::kFloat || c_.kind == ValueKind::kDouble) s.nan_count = chunk_nan_count;
  }
  result.offset_index.page_locations = std::move(locations);
  if (column_index_ok && c_.kind != ValueKind::kNull) {
    SortOrder order = SortOrderOf(leaf_);
    column_index.boundary_order = ComputeBoundaryOrder(column_index, [&](const std::string& a, const std::string& b) {
      return CompareStatValues(*leaf_.type, order, a, b).value_or(0) < 0;
    });
    result.column_index = std::move(column_index);
  }
  return result;
}

bool WantsDictionary(const Field& field, const ParquetWriterOptions& options) {
  const DataType& type = field.type();
  for (const auto& [name, encoding] : options.column_encodings) {
    if (name != field.name()) continue;
    if (type.id() == TypeId::kDictionary) return encoding == Encoding::kRleDictionary || encoding == Encoding::kPlainDictionary;
    if (type.is_binary_like()) return encoding == Encoding::kRleDictionary || encoding == Encoding::kPlainDictionary;
    return false;
  }
  if (type.id() == TypeId::kDictionary) return true;
  return type.is_binary_like() && options.dictionary_strings;
}

}  // namespace

Result<ColumnChunkOutput> WriteColumnChunk(const Field& field, const SchemaElement& leaf,
                                           std::span<const Array> arrays, int64_t num_rows,
                                           const ParquetWriterOptions& options,
                                           int64_t file_offset, std::string* out) {
  Collected collected;
  collected.kind = KindOf(field.type());
  collected.nullable = leaf.repetition_type != Repetition::kRequired;
  collected.dictionary = collected.kind == ValueKind::kBytes && WantsDictionary(field, options);
  Collector collector(field, &collected);
  for (const Array& array : arrays) RETURN_NOT_OK(collector.Add(array));
  if (collected.num_rows != num_rows) {
    return Status::InvalidArgument("parquet writer: column '{}' has {} rows, expected {}", field.name(),
                                   collected.num_rows, num_rows);
  }
  ChunkEncoder encoder(field, leaf, options, &collected);
  return encoder.Encode(file_offset, out);
}

}  // namespace quiver::parquet
