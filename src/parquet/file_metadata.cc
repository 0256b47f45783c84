#include "parquet/file_metadata.h"

namespace quiver::parquet {
namespace {

using T = CompactType;

// ---- writing ----

void WriteKeyValues(CompactWriter& w, int16_t id, const std::vector<KeyValue>& pairs) {
  w.FieldListBegin(id, T::kStruct, static_cast<int64_t>(pairs.size()));
  for (const KeyValue& kv : pairs) {
    w.StructBegin();
    w.FieldBinary(1, kv.key);
    if (kv.value) w.FieldBinary(2, *kv.value);
    w.StructEnd();
  }
}

void WriteTimeUnit(CompactWriter& w, int16_t id, ParquetTimeUnit unit) {
  w.FieldStructBegin(id);
  int16_t member = unit == ParquetTimeUnit::kMillis ? 1 : unit == ParquetTimeUnit::kMicros ? 2 : 3;
  w.FieldStructBegin(member);
  w.StructEnd();
  w.StructEnd();
}

void WriteLogicalType(CompactWriter& w, const LogicalType& t) {
  using K = LogicalType::Kind;
  w.FieldStructBegin(10);
  switch (t.kind) {
    case K::kString: w.FieldStructBegin(1); w.StructEnd(); break;
    case K::kMap: w.FieldStructBegin(2); w.StructEnd(); break;
    case K::kList: w.FieldStructBegin(3); w.StructEnd(); break;
    case K::kEnum: w.FieldStructBegin(4); w.StructEnd(); break;
    case K::kDecimal:
      w.FieldStructBegin(5);
      w.FieldI32(1, t.scale);
      w.FieldI32(2, t.precision);
      w.StructEnd();
      break;
    case K::kDate: w.FieldStructBegin(6); w.StructEnd(); break;
    case K::kTime:
    case K::kTimestamp:
      w.FieldStructBegin(t.kind == K::kTime ? 7 : 8);
      w.FieldBool(1, t.is_adjusted_to_utc);
      WriteTimeUnit(w, 2, t.unit);
      w.StructEnd();
      break;
    case K::kInteger:
      w.FieldStructBegin(10);
      w.FieldI8(1, t.bit_width);
      w.FieldBool(2, t.is_signed);
      w.StructEnd();
      break;
    case K::kUnknown: w.FieldStructBegin(11); w.StructEnd(); break;
    case K::kJson: w.FieldStructBegin(12); w.StructEnd(); break;
    case K::kBson: w.FieldStructBegin(13); w.StructEnd(); break;
    case K::kUuid: w.FieldStructBegin(14); w.StructEnd(); break;
    case K::kFloat16: w.FieldStructBegin(15); w.StructEnd(); break;
    case K::kNone:
    case K::kOther:
      break;
  }
  w.StructEnd();
}

void WriteSchemaElement(CompactWriter& w, const SchemaElement& e) {
  w.StructBegin();
  if (e.type) w.FieldI32(1, static_cast<int32_t>(*e.type));
  if (e.type_length) w.FieldI32(2, *e.type_length);
  if (e.repetition_type) w.FieldI32(3, static_cast<int32_t>(*e.repetition_type));
  w.FieldBinary(4, e.name);
  if (e.num_children) w.FieldI32(5, *e.num_children);
  if (e.converted_type) w.FieldI32(6, static_cast<int32_t>(*e.converted_type));
  if (e.scale) w.FieldI32(7, *e.scale);
  if (e.precision) w.FieldI32(8, *e.precision);
  if (e.field_id) w.FieldI32(9, *e.field_id);
  if (e.logical_type.kind != LogicalType::Kind::kNone &&
      e.logical_type.kind != LogicalType::Kind::kOther) {
    WriteLogicalType(w, e.logical_type);
  }
  w.StructEnd();
}

// ---- reading helpers ----

Status Missing(std::string_view structure, std::string_view field) {
  return Status::Corruption("thrift: {} has no {}", structure, field);
}

template <typename E>
Status ReadEnum(CompactReader& r, E* out) {
  ASSIGN_OR_RETURN(int32_t v, r.ReadI32());
  *out = static_cast<E>(v);
  return Status::OK();
}

Status ReadString(CompactReader& r, std::string* out) {
  ASSIGN_OR_RETURN(std::string_view v, r.ReadBinary());
  out->assign(v);
  return Status::OK();
}

Status ReadKeyValues(CompactReader& r, std::vector<KeyValue>* out) {
  return ReadList(r, T::kStruct, [&](int64_t) -> Status {
    KeyValue kv;
    bool has_key = false;
    RETURN_NOT_OK(ReadStruct(r, [&](int16_t id, CompactType type) -> Status {
      if (id == 1 && type == T::kBinary) {
        has_key = true;
        return ReadString(r, &kv.key);
      }
      if (id == 2 && type == T::kBinary) {
        kv.value.emplace();
        return ReadString(r, &*kv.value);
      }
      return r.Skip(type);
    }));
    if (!has_key) return Missing("KeyValue", "key");
    out->push_back(std::move(kv));
    return Status::OK();
  });
}

Status ReadEmptyStruct(CompactReader& r) {
  return ReadStruct(r, [&](int16_t, CompactType type) { return r.Skip(type); });
}

Status ReadTimeUnit(CompactReader& r, ParquetTimeUnit* unit, bool* known) {
  *known = false;
  return ReadStruct(r, [&](int16_t id, CompactType type) -> Status {
    if (type == T::kStruct && id >= 1 && id <= 3) {
      *unit = id == 1 ? ParquetTimeUnit::kMillis
              : id == 2 ? ParquetTimeUnit::kMicros
                        : ParquetTimeUnit::kNanos;
      *known = true;
    }
    return r.Skip(type);
  });
}

Status ReadLogicalType(CompactReader& r, LogicalType* out) {
  using K = LogicalType::Kind;
  out->kind = K::kOther;
  return ReadStruct(r, [&](int16_t id, CompactType type) -> Status {
    if (type != T::kStruct) return r.Skip(type);
    switch (id) {
      case 1: out->kind = K::kString; return ReadEmptyStruct(r);
      case 2: out->kind = K::kMap; return ReadEmptyStruct(r);
      case 3: out->kind = K::kList; return ReadEmptyStruct(r);
      case 4: out->kind = K::kEnum; return ReadEmptyStruct(r);
      case 5:
        out->kind = K::kDecimal;
        return ReadStruct(r, [&](int16_t fid, CompactType ftype) -> Status {
          if ((fid == 1 || fid == 2) && ftype == T::kI32) {
            ASSIGN_OR_RETURN(int32_t v, r.ReadI32());
            (fid == 1 ? out->scale : out->precision) = v;
            return Status::OK();
          }
          return r.Skip(ftype);
        });
      case 6: out->kind = K::kDate; return ReadEmptyStruct(r);
      case 7:
      case 8: {
        out->kind = id == 7 ? K::kTime : K::kTimestamp;
        bool unit_known = false;
        RETURN_NOT_OK(ReadStruct(r, [&](int16_t fid, CompactType ftype) -> Status {
          if (fid == 1 && CompactReader::IsBool(ftype)) {
            out->is_adjusted_to_utc = CompactReader::BoolOf(ftype);
            return Status::OK();
          }
          if (fid == 2 && ftype == T::kStruct) return ReadTimeUnit(r, &out->unit, &unit_known);
          return r.Skip(ftype);
        }));
        if (!unit_known) out->kind = K::kOther;
        return Status::OK();
      }
      case 10:
        out->kind = K::kInteger;
        return ReadStruct(r, [&](int16_t fid, CompactType ftype) -> Status {
          if (fid == 1 && ftype == T::kByte) {
            return SetFrom(r.ReadI8(), &out->bit_width);
          }
          if (fid == 2 && CompactReader::IsBool(ftype)) {
            out->is_signed = CompactReader::BoolOf(ftype);
            return Status::OK();
          }
          return r.Skip(ftype);
        });
      case 11: out->kind = K::kUnknown; return ReadEmptyStruct(r);
      case 12: out->kind = K::kJson; return ReadEmptyStruct(r);
      case 13: out->kind = K::kBson; return ReadEmptyStruct(r);
      case 14: out->kind = K::kUuid; return ReadEmptyStruct(r);
      case 15: out->kind = K::kFloat16; return ReadEmptyStruct(r);
      default: return r.Skip(type);
    }
  });
}

Status ReadSchemaElement(CompactReader& r, SchemaElement* e) {
  bool has_name = false;
  RETURN_NOT_OK(ReadStruct(r, [&](int16_t id, CompactType type) -> Status {
    switch (id) {
      case 1:
        if (type != T::kI32) break;
        e->type.emplace();
        return ReadEnum(r, &*e->type);
      case 2:
        if (type != T::kI32) break;
        return SetFrom(r.ReadI32(), &e->type_length);
      case 3: {
        if (type != T::kI32) break;
        ASSIGN_OR_RETURN(int32_t v, r.ReadI32());
        if (v < 0 || v > 2) return Status::Corruption("thrift: unsupported repetition type {}", v);
        e->repetition_type = static_cast<Repetition>(v);
        return Status::OK();
      }
      case 4:
        if (type != T::kBinary) break;
        has_name = true;
        return ReadString(r, &e->name);
      case 5:
        if (type != T::kI32) break;
        return SetFrom(r.ReadI32(), &e->num_children);
      case 6:
        if (type != T::kI32) break;
        e->converted_type.emplace();
        return ReadEnum(r, &*e->converted_type);
      case 7:
        if (type != T::kI32) break;
        return SetFrom(r.ReadI32(), &e->scale);
      case 8:
        if (type != T::kI32) break;
        return SetFrom(r.ReadI32(), &e->precision);
      case 9:
        if (type != T::kI32) break;
        return SetFrom(r.ReadI32(), &e->field_id);
      case 10:
        if (type != T::kStruct) break;
        return ReadLogicalType(r, &e->logical_type);
      default:
        break;
    }
    return r.Skip(type);
  }));
  if (!has_name) return Missing("SchemaElement", "name");
  return Status::OK();
}

Status ReadEncodingStats(CompactReader& r, std::vector<PageEncodingStats>* out) {
  return ReadList(r, T::kStruct, [&](int64_t) -> Status {
    PageEncodingStats s;
    int seen = 0;
    RETURN_NOT_OK(ReadStruct(r, [&](int16_t id, CompactType type) -> Status {
      if (type == T::kI32 && id >= 1 && id <= 3) {
        ASSIGN_OR_RETURN(int32_t v, r.ReadI32());
        if (id == 1) s.page_type = static_cast<PageType>(v);
        if (id == 2) s.encoding = static_cast<Encoding>(v);
        if (id == 3) s.count = v;
        seen |= 1 << id;
        return Status::OK();
      }
      return r.Skip(type);
    }));
    if (seen != 0b1110) return Missing("PageEncodingStats", "a required field");
    out->push_back(s);
    return Status::OK();
  });
}

Status ReadColumnMetaData(CompactReader& r, ColumnMetaData* m) {
  uint32_t seen = 0;
  RETURN_NOT_OK(ReadStruct(r, [&](int16_t id, CompactType type) -> Status {
    auto mark = [&] { seen |= 1u << id; };
    switch (id) {
      case 1:
        if (type != T::kI32) break;
        mark();
        return ReadEnum(r, &m->type);
      case 2:
        if (type != T::kList) break;
        mark();
        return ReadList(r, T::kI32, [&](int64_t) -> Status {
          ASSIGN_OR_RETURN(int32_t v, r.ReadI32());
          m->encodings.push_back(static_cast<Encoding>(v));
          return Status::OK();
        });
      case 3:
        if (type != T::kList) break;
        mark();
        return ReadList(r, T::kBinary, [&](int64_t) -> Status {
          ASSIGN_OR_RETURN(std::string_view v, r.ReadBinary());
          m->path_in_schema.emplace_back(v);
          return Status::OK();
        });
      case 4:
        if (type != T::kI32) break;
        mark();
        return ReadEnum(r, &m->codec);
      case 5:
      case 6:
      case 7:
      case 9: {
        if (type != T::kI64) break;
        mark();
        ASSIGN_OR_RETURN(int64_t v, r.ReadI64());
        if (id == 5) m->num_values = v;
        if (id == 6) m->total_uncompressed_size = v;
        if (id == 7) m->total_compressed_size = v;
        if (id == 9) m->data_page_offset = v;
        return Status::OK();
      }
      case 8:
        if (type != T::kList) break;
        return ReadKeyValues(r, &m->key_value_metadata);
      case 10:
        if (type != T::kI64) break;
        return SetFrom(r.ReadI64(), &m->index_page_offset);
      case 11:
        if (type != T::kI64) break;
        return SetFrom(r.ReadI64(), &m->dictionary_page_offset);
      case 12:
        if (type != T::kStruct) break;
        m->statistics.emplace();
        return ReadStatistics(r, &*m->statistics);
      case 13:
        if (type != T::kList) break;
        m->encoding_stats.emplace();
        return ReadEncodingStats(r, &*m->encoding_stats);
      case 14:
        if (type != T::kI64) break;
        return SetFrom(r.ReadI64(), &m->bloom_filter_offset);
      case 15:
        if (type != T::kI32) break;
        return SetFrom(r.ReadI32(), &m->bloom_filter_length);
      default:
        break;
    }
    return r.Skip(type);
  }));
  constexpr uint32_t kRequired = (1u << 1) | (1u << 2) | (1u << 3) | (1u << 4) | (1u << 5) |
                                 (1u << 6) | (1u << 7) | (1u << 9);
  if ((seen & kRequired) != kRequired) return Missing("ColumnMetaData", "a required field");
  return Status::OK();
}

Status ReadColumnChunk(CompactReader& r, ColumnChunk* c) {
  return ReadStruct(r, [&](int16_t id, CompactType type) -> Status {
    switch (id) {
      case 1:
        if (type != T::kBinary) break;
        c->file_path.emplace();
        return ReadString(r, &*c->file_path);
      case 2:
        if (type != T::kI64) break;
        return SetFrom(r.ReadI64(), &c->file_offset);
      case 3:
        if (type != T::kStruct) break;
        c->meta_data.emplace();
        return ReadColumnMetaData(r, &*c->meta_data);
      case 4:
        if (type != T::kI64) break;
        return SetFrom(r.ReadI64(), &c->offset_index_offset);
      case 5:
        if (type != T::kI32) break;
        return SetFrom(r.ReadI32(), &c->offset_index_length);
      case 6:
        if (type != T::kI64) break;
        return SetFrom(r.ReadI64(), &c->column_index_offset);
      case 7:
        if (type != T::kI32) break;
        return SetFrom(r.ReadI32(), &c->column_index_length);
      case 8:
      case 9:
        c->encrypted = true;
        break;
      default:
        break;
    }
    return r.Skip(type);
  });
}

Status ReadSortingColumns(CompactReader& r, std::vector<SortingColumn>* out) {
  return ReadList(r, T::kStruct, [&](int64_t) -> Status {
    SortingColumn s;
    int seen = 0;
    RETURN_NOT_OK(ReadStruct(r, [&](int16_t id, CompactType type) -> Status {
      if (id == 1 && type == T::kI32) {
        ASSIGN_OR_RETURN(s.column_idx, r.ReadI32());
        seen |= 2;
        return Status::OK();
      }
      if ((id == 2 || id == 3) && CompactReader::IsBool(type)) {
        (id == 2 ? s.descending : s.nulls_first) = CompactReader::BoolOf(type);
        seen |= 1 << id;
        return Status::OK();
      }
      return r.Skip(type);
    }));
    if (seen != 0b1110) return Missing("SortingColumn", "a required field");
    out->push_back(s);
    return Status::OK();
  });
}

Status ReadRowGroup(CompactReader& r, RowGroup* g) {
  int seen = 0;
  RETURN_NOT_OK(ReadStruct(r, [&](int16_t id, CompactType type) -> Status {
    switch (id) {
      case 1:
        if (type != T::kList) break;
        seen |= 2;
        return ReadList(r, T::kStruct, [&](int64_t) -> Status {
          g->columns.emplace_back();
          return ReadColumnChunk(r, &g->columns.back());
        });
      case 2:
        if (type != T::kI64) break;
        seen |= 4;
        return SetFrom(r.ReadI64(), &g->total_byte_size);
      case 3:
        if (type != T::kI64) break;
        seen |= 8;
        return SetFrom(r.ReadI64(), &g->num_rows);
      case 4:
        if (type != T::kList) break;
        g->sorting_columns.emplace();
        return ReadSortingColumns(r, &*g->sorting_columns);
      case 5:
        if (type != T::kI64) break;
        return SetFrom(r.ReadI64(), &g->file_offset);
      case 6:
        if (type != T::kI64) break;
        return SetFrom(r.ReadI64(), &g->total_compressed_size);
      case 7:
        if (type != T::kI16) break;
        return SetFrom(r.ReadI16(), &g->ordinal);
      default:
        break;
    }
    return r.Skip(type);
  }));
  if ((seen & 0b1010) != 0b1010) return Missing("RowGroup", "columns or num_rows");
  return Status::OK();
}

Status ReadColumnOrders(CompactReader& r, std::vector<ColumnOrder>* out) {
  return ReadList(r, T::kStruct, [&](int64_t) -> Status {
    ColumnOrder order = ColumnOrder::kUnknown;
    RETURN_NOT_OK(ReadStruct(r, [&](int16_t id, CompactType type) -> Status {
      if (type == T::kStruct) {
        if (id == 1) order = ColumnOrder::kTypeDefined;
        if (id == 2) order = ColumnOrder::kIeee754TotalOrder;
        if (id == 3) order = ColumnOrder::kInt96Timestamp;
      }
      return r.Skip(type);
    }));
    out->push_back(order);
    return Status::OK();
  });
}

}  // namespace

void WriteStatistics(CompactWriter& w, const Statistics& s) {
  w.StructBegin();
  if (s.max) w.FieldBinary(1, *s.max);
  if (s.min) w.FieldBinary(2, *s.min);
  if (s.null_count) w.FieldI64(3, *s.null_count);
  if (s.distinct_count) w.FieldI64(4, *s.distinct_count);
  if (s.max_value) w.FieldBinary(5, *s.max_value);
  if (s.min_value) w.FieldBinary(6, *s.min_value);
  if (s.is_max_value_exact) w.FieldBool(7, *s.is_max_value_exact);
  if (s.is_min_value_exact) w.FieldBool(8, *s.is_min_value_exact);
  if (s.nan_count) w.FieldI64(9, *s.nan_count);
  w.StructEnd();
}

Status ReadStatistics(CompactReader& r, Statistics* s) {
  return ReadStruct(r, [&](int16_t id, CompactType type) -> Status {
    auto read_binary = [&](std::optional<std::string>* out) -> Status {
      out->emplace();
      return ReadString(r, &**out);
    };
    auto read_i64 = [&](std::optional<int64_t>* out) -> Status {
      return SetFrom(r.ReadI64(), &*out);
    };
    switch (id) {
      case 1: if (type == T::kBinary) return read_binary(&s->max); break;
      case 2: if (type == T::kBinary) return read_binary(&s->min); break;
      case 3: if (type == T::kI64) return read_i64(&s->null_count); break;
      case 4: if (type == T::kI64) return read_i64(&s->distinct_count); break;
      case 5: if (type == T::kBinary) return read_binary(&s->max_value); break;
      case 6: if (type == T::kBinary) return read_binary(&s->min_value); break;
      case 7:
        if (CompactReader::IsBool(type)) {
          s->is_max_value_exact = CompactReader::BoolOf(type);
          return Status::OK();
        }
        break;
      case 8:
        if (CompactReader::IsBool(type)) {
          s->is_min_value_exact = CompactReader::BoolOf(type);
          return Status::OK();
        }
        break;
      case 9: if (type == T::kI64) return read_i64(&s->nan_count); break;
      default: break;
    }
    return r.Skip(type);
  });
}

std::optional<std::string_view> FileMetaData::FindKeyValue(std::string_view key) const {
  for (const KeyValue& kv : key_value_metadata) {
    if (kv.key == key) return kv.value ? std::string_view(*kv.value) : std::string_view();
  }
  return std::nullopt;
}

std::string SerializeFileMetaData(const FileMetaData& md) {
  std::string out;
  CompactWriter w(&out);
  w.StructBegin();
  w.FieldI32(1, md.version);
  w.FieldListBegin(2, T::kStruct, static_cast<int64_t>(md.schema.size()));
  for (const SchemaElement& e : md.schema) WriteSchemaElement(w, e);
  w.FieldI64(3, md.num_rows);
  w.FieldListBegin(4, T::kStruct, static_cast<int64_t>(md.row_groups.size()));
  for (const RowGroup& g : md.row_groups) {
    w.StructBegin();
    w.FieldListBegin(1, T::kStruct, static_cast<int64_t>(g.columns.size()));
    for (const ColumnChunk& c : g.columns) {
      w.StructBegin();
      if (c.file_path) w.FieldBinary(1, *c.file_path);
      w.FieldI64(2, c.file_offset);
      if (c.meta_data) {
        const ColumnMetaData& m = *c.meta_data;
        w.FieldStructBegin(3);
        w.FieldI32(1, static_cast<int32_t>(m.type));
        w.FieldListBegin(2, T::kI32, static_cast<int64_t>(m.encodings.size()));
        for (Encoding e : m.encodings) w.ListI32(static_cast<int32_t>(e));
        w.FieldListBegin(3, T::kBinary, static_cast<int64_t>(m.path_in_schema.size()));
        for (const std::string& p : m.path_in_schema) w.ListBinary(p);
        w.FieldI32(4, static_cast<int32_t>(m.codec));
        w.FieldI64(5, m.num_values);
        w.FieldI64(6, m.total_uncompressed_size);
        w.FieldI64(7, m.total_compressed_size);
        if (!m.key_value_metadata.empty()) WriteKeyValues(w, 8, m.key_value_metadata);
        w.FieldI64(9, m.data_page_offset);
        if (m.index_page_offset) w.FieldI64(10, *m.index_page_offset);
        if (m.dictionary_page_offset) w.FieldI64(11, *m.dictionary_page_offset);
        if (m.statistics) {
          w.FieldStructHeader(12);
          WriteStatistics(w, *m.statistics);
        }
        if (m.encoding_stats) {
          w.FieldListBegin(13, T::kStruct, static_cast<int64_t>(m.encoding_stats->size()));
          for (const PageEncodingStats& s : *m.encoding_stats) {
            w.StructBegin();
            w.FieldI32(1, static_cast<int32_t>(s.page_type));
            w.FieldI32(2, static_cast<int32_t>(s.encoding));
            w.FieldI32(3, s.count);
            w.StructEnd();
          }
        }
        if (m.bloom_filter_offset) w.FieldI64(14, *m.bloom_filter_offset);
        if (m.bloom_filter_length) w.FieldI32(15, *m.bloom_filter_length);
        w.StructEnd();
      }
      if (c.offset_index_offset) w.FieldI64(4, *c.offset_index_offset);
      if (c.offset_index_length) w.FieldI32(5, *c.offset_index_length);
      if (c.column_index_offset) w.FieldI64(6, *c.column_index_offset);
      if (c.column_index_length) w.FieldI32(7, *c.column_index_length);
      w.StructEnd();
    }
    w.FieldI64(2, g.total_byte_size);
    w.FieldI64(3, g.num_rows);
    if (g.sorting_columns) {
      w.FieldListBegin(4, T::kStruct, static_cast<int64_t>(g.sorting_columns->size()));
      for (const SortingColumn& s : *g.sorting_columns) {
        w.StructBegin();
        w.FieldI32(1, s.column_idx);
        w.FieldBool(2, s.descending);
        w.FieldBool(3, s.nulls_first);
        w.StructEnd();
      }
    }
    if (g.file_offset) w.FieldI64(5, *g.file_offset);
    if (g.total_compressed_size) w.FieldI64(6, *g.total_compressed_size);
    if (g.ordinal) w.FieldI16(7, *g.ordinal);
    w.StructEnd();
  }
  if (!md.key_value_metadata.empty()) WriteKeyValues(w, 5, md.key_value_metadata);
  if (md.created_by) w.FieldBinary(6, *md.created_by);
  if (md.column_orders) {
    w.FieldListBegin(7, T::kStruct, static_cast<int64_t>(md.column_orders->size()));
    for (ColumnOrder order : *md.column_orders) {
      w.StructBegin();
      int16_t member = order == ColumnOrder::kIeee754TotalOrder ? 2
                       : order == ColumnOrder::kInt96Timestamp  ? 3
                                                                : 1;
      w.FieldStructBegin(member);
      w.StructEnd();
      w.StructEnd();
    }
  }
  w.StructEnd();
  return out;
}

Result<FileMetaData> ParseFileMetaData(std::string_view bytes) {
  CompactReader r(bytes);
  FileMetaData md;
  int seen = 0;
  RETURN_NOT_OK(ReadStruct(r, [&](int16_t id, CompactType type) -> Status {
    switch (id) {
      case 1:
        if (type != T::kI32) break;
        seen |= 2;
        return SetFrom(r.ReadI32(), &md.version);
      case 2:
        if (type != T::kList) break;
        seen |= 4;
        return ReadList(r, T::kStruct, [&](int64_t) -> Status {
          md.schema.emplace_back();
          return ReadSchemaElement(r, &md.schema.back());
        });
      case 3:
        if (type != T::kI64) break;
        seen |= 8;
        return SetFrom(r.ReadI64(), &md.num_rows);
      case 4:
        if (type != T::kList) break;
        seen |= 16;
        return ReadList(r, T::kStruct, [&](int64_t) -> Status {
          md.row_groups.emplace_back();
          return ReadRowGroup(r, &md.row_groups.back());
        });
      case 5:
        if (type != T::kList) break;
        return ReadKeyValues(r, &md.key_value_metadata);
      case 6:
        if (type != T::kBinary) break;
        md.created_by.emplace();
        return ReadString(r, &*md.created_by);
      case 7:
        if (type != T::kList) break;
        md.column_orders.emplace();
        return ReadColumnOrders(r, &*md.column_orders);
      case 8:
      case 9:
        md.encrypted = true;
        break;
      default:
        break;
    }
    return r.Skip(type);
  }));
  if ((seen & 0b11110) != 0b11110) return Missing("FileMetaData", "a required field");
  return md;
}

}  // namespace quiver::parquet
