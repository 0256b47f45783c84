#include "parquet/page_index.h"

#include "parquet/compact_protocol.h"

namespace quiver::parquet {
namespace {
using T = CompactType;
}  // namespace

std::string SerializeOffsetIndex(const OffsetIndex& index) {
  std::string out;
  CompactWriter w(&out);
  w.StructBegin();
  w.FieldListBegin(1, T::kStruct, static_cast<int64_t>(index.page_locations.size()));
  for (const PageLocation& loc : index.page_locations) {
    w.StructBegin();
    w.FieldI64(1, loc.offset);
    w.FieldI32(2, loc.compressed_page_size);
    w.FieldI64(3, loc.first_row_index);
    w.StructEnd();
  }
  if (index.unencoded_byte_array_data_bytes) {
    const auto& sizes = *index.unencoded_byte_array_data_bytes;
    w.FieldListBegin(2, T::kI64, static_cast<int64_t>(sizes.size()));
    for (int64_t v : sizes) w.ListI64(v);
  }
  w.StructEnd();
  return out;
}

std::string SerializeColumnIndex(const ColumnIndex& index) {
  std::string out;
  CompactWriter w(&out);
  w.StructBegin();
  w.FieldListBegin(1, T::kBoolTrue, static_cast<int64_t>(index.null_pages.size()));
  for (bool b : index.null_pages) w.ListBool(b);
  w.FieldListBegin(2, T::kBinary, static_cast<int64_t>(index.min_values.size()));
  for (const std::string& v : index.min_values) w.ListBinary(v);
  w.FieldListBegin(3, T::kBinary, static_cast<int64_t>(index.max_values.size()));
  for (const std::string& v : index.max_values) w.ListBinary(v);
  w.FieldI32(4, static_cast<int32_t>(index.boundary_order));
  if (index.null_counts) {
    w.FieldListBegin(5, T::kI64, static_cast<int64_t>(index.null_counts->size()));
    for (int64_t v : *index.null_counts) w.ListI64(v);
  }
  w.StructEnd();
  return out;
}

Result<OffsetIndex> ParseOffsetIndex(std::string_view bytes) {
  CompactReader r(bytes, /*max_depth=*/8);
  OffsetIndex index;
  bool has_locations = false;
  RETURN_NOT_OK(ReadStruct(r, [&](int16_t id, CompactType type) -> Status {
    if (id == 1 && type == T::kList) {
      has_locations = true;
      return ReadList(r, T::kStruct, [&](int64_t) -> Status {
        PageLocation loc;
        int seen = 0;
        RETURN_NOT_OK(ReadStruct(r, [&](int16_t fid, CompactType ftype) -> Status {
          if ((fid == 1 || fid == 3) && ftype == T::kI64) {
            ASSIGN_OR_RETURN(int64_t v, r.ReadI64());
            (fid == 1 ? loc.offset : loc.first_row_index) = v;
            seen |= 1 << fid;
            return Status::OK();
          }
          if (fid == 2 && ftype == T::kI32) {
            ASSIGN_OR_RETURN(loc.compressed_page_size, r.ReadI32());
            seen |= 4;
            return Status::OK();
          }
          return r.Skip(ftype);
        }));
        if (seen != 0b1110) return Status::Corruption("thrift: PageLocation lacks a required field");
        index.page_locations.push_back(loc);
        return Status::OK();
      });
    }
    if (id == 2 && type == T::kList) {
      index.unencoded_byte_array_data_bytes.emplace();
      return ReadList(r, T::kI64, [&](int64_t) -> Status {
        ASSIGN_OR_RETURN(int64_t v, r.ReadI64());
        index.unencoded_byte_array_data_bytes->push_back(v);
        return Status::OK();
      });
    }
    return r.Skip(type);
  }));
  if (!has_locations) return Status::Corruption("thrift: OffsetIndex has no page_locations");
  const auto& locs = index.page_locations;
  for (size_t i = 0; i < locs.size(); ++i) {
    if (locs[i].offset < 0 || locs[i].compressed_page_size <= 0 || locs[i].first_row_index < 0) {
      return Status::Corruption("offset index: negative offset, size or row");
    }
    if (i > 0 && (locs[i].first_row_index <= locs[i - 1].first_row_index ||
                  locs[i].offset < locs[i - 1].offset + locs[i - 1].compressed_page_size)) {
      return Status::Corruption("offset index: pages out of order or overlapping");
    }
  }
  if (!locs.empty() && locs[0].first_row_index != 0) {
    return Status::Corruption("offset index: first page does not start at row 0");
  }
  return index;
}

Result<ColumnIndex> ParseColumnIndex(std::string_view bytes) {
  CompactReader r(bytes, /*max_depth=*/8);
  ColumnIndex index;
  int seen = 0;
  RETURN_NOT_OK(ReadStruct(r, [&](int16_t id, CompactType type) -> Status {
    switch (id) {
      case 1:
        if (type != T::kList) break;
        seen |= 2;
        return ReadList(r, T::kBoolTrue, [&](int64_t) -> Status {
          ASSIGN_OR_RETURN(bool b, r.ReadListBool());
          index.null_pages.push_back(b);
          return Status::OK();
        });
      case 2:
      case 3: {
        if (type != T::kList) break;
        seen |= 1 << id;
        auto* values = id == 2 ? &index.min_values : &index.max_values;
        return ReadList(r, T::kBinary, [&](int64_t) -> Status {
          ASSIGN_OR_RETURN(std::string_view v, r.ReadBinary());
          values->emplace_back(v);
          return Status::OK();
        });
      }
      case 4: {
        if (type != T::kI32) break;
        seen |= 16;
        ASSIGN_OR_RETURN(int32_t v, r.ReadI32());
        index.boundary_order = v >= 0 && v <= 2 ? static_cast<BoundaryOrder>(v) : BoundaryOrder::kUnordered;
        return Status::OK();
      }
      case 5:
        if (type != T::kList) break;
        index.null_counts.emplace();
        return ReadList(r, T::kI64, [&](int64_t) -> Status {
          ASSIGN_OR_RETURN(int64_t v, r.ReadI64());
          index.null_counts->push_back(v);
          return Status::OK();
        });
      default:
        break;
    }
    return r.Skip(type);
  }));
  if (seen != 0b11110) return Status::Corruption("thrift: ColumnIndex lacks a required field");
  size_t n = index.null_pages.size();
  if (index.min_values.size() != n || index.max_values.size() != n ||
      (index.null_counts && index.null_counts->size() != n)) {
    return Status::Corruption("column index: lists of different lengths");
  }
  return index;
}

}  // namespace quiver::parquet
