#include "parquet/page_header.h"

namespace quiver::parquet {
namespace {

using T = CompactType;

Status ReadDataPageHeader(CompactReader& r, DataPageHeader* h) {
  int seen = 0;
  RETURN_NOT_OK(ReadStruct(r, [&](int16_t id, CompactType type) -> Status {
    if (id >= 1 && id <= 4 && type == T::kI32) {
      ASSIGN_OR_RETURN(int32_t v, r.ReadI32());
      if (id == 1) h->num_values = v;
      if (id == 2) h->encoding = static_cast<Encoding>(v);
      if (id == 3) h->definition_level_encoding = static_cast<Encoding>(v);
      if (id == 4) h->repetition_level_encoding = static_cast<Encoding>(v);
      seen |= 1 << id;
      return Status::OK();
    }
    if (id == 5 && type == T::kStruct) {
      h->statistics.emplace();
      return ReadStatistics(r, &*h->statistics);
    }
    return r.Skip(type);
  }));
  if ((seen & 0b110) != 0b110) return Status::Corruption("thrift: DataPageHeader has no num_values or encoding");
  return Status::OK();
}

Status ReadDataPageHeaderV2(CompactReader& r, DataPageHeaderV2* h) {
  int seen = 0;
  RETURN_NOT_OK(ReadStruct(r, [&](int16_t id, CompactType type) -> Status {
    if (id >= 1 && id <= 6 && type == T::kI32) {
      ASSIGN_OR_RETURN(int32_t v, r.ReadI32());
      switch (id) {
        case 1: h->num_values = v; break;
        case 2: h->num_nulls = v; break;
        case 3: h->num_rows = v; break;
        case 4: h->encoding = static_cast<Encoding>(v); break;
        case 5: h->definition_levels_byte_length = v; break;
        case 6: h->repetition_levels_byte_length = v; break;
      }
      seen |= 1 << id;
      return Status::OK();
    }
    if (id == 7 && CompactReader::IsBool(type)) {
      h->is_compressed = CompactReader::BoolOf(type);
      return Status::OK();
    }
    if (id == 8 && type == T::kStruct) {
      h->statistics.emplace();
      return ReadStatistics(r, &*h->statistics);
    }
    return r.Skip(type);
  }));
  if ((seen & 0b1111110) != 0b1111110) {
    return Status::Corruption("thrift: DataPageHeaderV2 lacks a required field");
  }
  return Status::OK();
}

Status ReadDictionaryPageHeader(CompactReader& r, DictionaryPageHeader* h) {
  int seen = 0;
  RETURN_NOT_OK(ReadStruct(r, [&](int16_t id, CompactType type) -> Status {
    if ((id == 1 || id == 2) && type == T::kI32) {
      ASSIGN_OR_RETURN(int32_t v, r.ReadI32());
      if (id == 1) h->num_values = v;
      if (id == 2) h->encoding = static_cast<Encoding>(v);
      seen |= 1 << id;
      return Status::OK();
    }
    if (id == 3 && CompactReader::IsBool(type)) {
      h->is_sorted = CompactReader::BoolOf(type);
      return Status::OK();
    }
    return r.Skip(type);
  }));
  if (seen != 0b110) return Status::Corruption("thrift: DictionaryPageHeader lacks a required field");
  return Status::OK();
}

}  // namespace

void AppendPageHeader(const PageHeader& h, std::string* out) {
  CompactWriter w(out);
  w.StructBegin();
  w.FieldI32(1, static_cast<int32_t>(h.type));
  w.FieldI32(2, h.uncompressed_page_size);
  w.FieldI32(3, h.compressed_page_size);
  if (h.crc) w.FieldI32(4, *h.crc);
  if (h.data_page_header) {
    const DataPageHeader& d = *h.data_page_header;
    w.FieldStructBegin(5);
    w.FieldI32(1, d.num_values);
    w.FieldI32(2, static_cast<int32_t>(d.encoding));
    w.FieldI32(3, static_cast<int32_t>(d.definition_level_encoding));
    w.FieldI32(4, static_cast<int32_t>(d.repetition_level_encoding));
    if (d.statistics) {
      w.FieldStructHeader(5);
      WriteStatistics(w, *d.statistics);
    }
    w.StructEnd();
  }
  if (h.dictionary_page_header) {
    const DictionaryPageHeader& d = *h.dictionary_page_header;
    w.FieldStructBegin(7);
    w.FieldI32(1, d.num_values);
    w.FieldI32(2, static_cast<int32_t>(d.encoding));
    if (d.is_sorted) w.FieldBool(3, *d.is_sorted);
    w.StructEnd();
  }
  if (h.data_page_header_v2) {
    const DataPageHeaderV2& d = *h.data_page_header_v2;
    w.FieldStructBegin(8);
    w.FieldI32(1, d.num_values);
    w.FieldI32(2, d.num_nulls);
    w.FieldI32(3, d.num_rows);
    w.FieldI32(4, static_cast<int32_t>(d.encoding));
    w.FieldI32(5, d.definition_levels_byte_length);
    w.FieldI32(6, d.repetition_levels_byte_length);
    w.FieldBool(7, d.is_compressed);
    if (d.statistics) {
      w.FieldStructHeader(8);
      WriteStatistics(w, *d.statistics);
    }
    w.StructEnd();
  }
  w.StructEnd();
}

Result<PageHeader> ParsePageHeader(std::string_view bytes, size_t* header_size) {
  CompactReader r(bytes, /*max_depth=*/16);
  PageHeader h;
  int seen = 0;
  RETURN_NOT_OK(ReadStruct(r, [&](int16_t id, CompactType type) -> Status {
    switch (id) {
      case 1:
      case 2:
      case 3:
      case 4: {
        if (type != T::kI32) break;
        ASSIGN_OR_RETURN(int32_t v, r.ReadI32());
        if (id == 1) h.type = static_cast<PageType>(v);
        if (id == 2) h.uncompressed_page_size = v;
        if (id == 3) h.compressed_page_size = v;
        if (id == 4) h.crc = v;
        seen |= 1 << id;
        return Status::OK();
      }
      case 5:
        if (type != T::kStruct) break;
        h.data_page_header.emplace();
        return ReadDataPageHeader(r, &*h.data_page_header);
      case 7:
        if (type != T::kStruct) break;
        h.dictionary_page_header.emplace();
        return ReadDictionaryPageHeader(r, &*h.dictionary_page_header);
      case 8:
        if (type != T::kStruct) break;
        h.data_page_header_v2.emplace();
        return ReadDataPageHeaderV2(r, &*h.data_page_header_v2);
      default:
        break;
    }
    return r.Skip(type);
  }));
  if ((seen & 0b1110) != 0b1110) return Status::Corruption("page header lacks type or sizes");
  if (h.uncompressed_page_size < 0 || h.compressed_page_size < 0) {
    return Status::Corruption("page header has a negative size");
  }
  switch (h.type) {
    case PageType::kDataPage:
      if (!h.data_page_header) return Status::Corruption("data page without a data page header");
      if (h.data_page_header->num_values < 0) return Status::Corruption("data page with negative num_values");
      break;
    case PageType::kDataPageV2: {
      if (!h.data_page_header_v2) return Status::Corruption("data page v2 without its header");
      const DataPageHeaderV2& d = *h.data_page_header_v2;
      if (d.num_values < 0 || d.num_nulls < 0 || d.num_nulls > d.num_values || d.num_rows < 0 ||
          d.definition_levels_byte_length < 0 || d.repetition_levels_byte_length < 0 ||
          static_cast<int64_t>(d.definition_levels_byte_length) + d.repetition_levels_byte_length >
              h.compressed_page_size) {
        return Status::Corruption("data page v2 header has inconsistent counts or lengths");
      }
      break;
    }
    case PageType::kDictionaryPage:
      if (!h.dictionary_page_header) return Status::Corruption("dictionary page without its header");
      if (h.dictionary_page_header->num_values < 0) return Status::Corruption("dictionary page with negative num_values");
      break;
    default:
      break;  // index pages and unknown types are skipped by readers
  }
  *header_size = r.position();
  return h;
}

}  // namespace quiver::parquet
