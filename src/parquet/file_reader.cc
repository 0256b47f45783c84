#include "parquet/file_reader.h"

#include <algorithm>

#include "parquet/byte_io_internal.h"
#include "parquet/column_reader.h"
#include "parquet/compression.h"
#include "parquet/pruning.h"
#include "parquet/statistics.h"

namespace quiver::parquet {
namespace {

constexpr int64_t kTailPrefetch = 64 * 1024;

std::optional<Scalar> StatScalar(const LeafColumn& column, std::string_view bytes) {
  const DataType& type = column.field.type();
  PhysicalType physical = *column.element.type;
  switch (type.id()) {
    case TypeId::kBoolean:
      if (bytes.size() != 1) return std::nullopt;
      return Scalar::Boolean(bytes[0] != 0);
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32: {
      auto v = DecodeStatValue<int32_t>(bytes);
      if (!v) return std::nullopt;
      if (type.is_unsigned_integer()) return Scalar::Int64(static_cast<uint32_t>(*v));
      return Scalar::Int64(*v);
    }
    case TypeId::kDate32: {
      auto v = DecodeStatValue<int32_t>(bytes);
      if (!v) return std::nullopt;
      return Scalar::Int32(*v).WithType(type);
    }
    case TypeId::kInt64:
    case TypeId::kDuration: {
      auto v = DecodeStatValue<int64_t>(bytes);
      if (!v || physical != PhysicalType::kInt64) return std::nullopt;
      return type.id() == TypeId::kInt64 ? Scalar::Int64(*v) : Scalar::Duration(*v, type.unit());
    }
    case TypeId::kUInt64: {
      auto v = DecodeStatValue<uint64_t>(bytes);
      if (!v) return std::nullopt;
      return Scalar::UInt64(*v);
    }
    case TypeId::kTimestamp: {
      auto v = DecodeStatValue<int64_t>(bytes);
      if (!v || physical != PhysicalType::kInt64) return std::nullopt;
      int64_t value = *v;
      if (column.time_multiply != 1 && __builtin_mul_overflow(value, column.time_multiply, &value)) {
        return std::nullopt;
      }
      if (column.time_divide != 1) {
        int64_t q = value / column.time_divide;
        if (value % column.time_divide != 0 && value < 0) --q;
        value = q;
      }
      return Scalar::Timestamp(value, type.unit(), type.timezone());
    }
    case TypeId::kFloat32: {
      auto v = DecodeStatValue<float>(bytes);
      if (!v) return std::nullopt;
      return Scalar::Float64(*v);
    }
    case TypeId::kFloat64: {
      auto v = DecodeStatValue<double>(bytes);
      if (!v) return std::nullopt;
      return Scalar::Float64(*v);
    }
    case TypeId::kUtf8:
      return Scalar::Utf8(std::string(bytes));
    case TypeId::kBinary:
      return Scalar::Binary(std::string(bytes));
    case TypeId::kDictionary:
      if (type.value_type().id() == TypeId::kUtf8) return Scalar::Utf8(std::string(bytes));
      return Scalar::Binary(std::string(bytes));
    default:
      return std::nullopt;
  }
}

}  // namespace

Result<FileMetaData> ReadFileMetaData(const RandomAccessSource& source, const ParquetReaderOptions& options) {
  int64_t size = source.size();
  if (size < 12) return Status::Corruption("file of {} bytes is too small to be Parquet", size);
  int64_t tail_size = std::min(size, kTailPrefetch);
  ASSIGN_OR_RETURN(BufferPtr tail, source.Read(size - tail_size, tail_size));
  if (tail->size() != tail_size) return Status::Corruption("short read of the footer");
  std::string_view tail_view = tail->view();
  std::string_view magic = tail_view.substr(tail_view.size() - 4);
  if (magic == "PARE") return Status::NotImplemented("encrypted Parquet footers are not supported");
  if (magic != "PAR1") return Status::Corruption("no Parquet magic at the end of the file");
  if (tail_size == size && tail_view.substr(0, 4) != "PAR1") {
    return Status::Corruption("no Parquet magic at the start of the file");
  }
  uint32_t footer_length = internal::LoadLE<uint32_t>(tail->data() + tail_size - 8);
  if (footer_length > static_cast<uint64_t>(size - 12) ||
      static_cast<int64_t>(footer_length) > options.max_footer_size) {
    return Status::Corruption("footer length {} does not fit the file of {} bytes", footer_length, size);
  }
  std::string_view footer;
  BufferPtr footer_buffer;
  if (footer_length + 8 <= tail_size) {
    footer = tail_view.substr(static_cast<size_t>(tail_size - 8 - footer_length), footer_length);
  } else {
    ASSIGN_OR_RETURN(footer_buffer, source.Read(size - 8 - footer_length, footer_length));
    footer = footer_buffer->view();
  }
  return ParseFileMetaData(footer);
}

ParquetReader::ParquetReader(RandomAccessSourcePtr source, std::shared_ptr<const FileMetaData> metadata,
                             FileSchema schema, ParquetReaderOptions options)
    : source_(std::move(source)),
      metadata_(std::move(metadata)),
      file_schema_(std::move(schema)),
      options_(std::move(options)) {
  size_t slots = metadata_->row_groups.size() * file_schema_.columns.size();
  column_indexes_.resize(slots);
  offset_indexes_.resize(slots);
  index_loaded_.assign(slots, 0);
}

Status ParquetReader::WithName(const Status& status) const {
  if (status.ok()) return status;
  return status.WithContext("parquet file " + source_->name());
}

Result<std::unique_ptr<ParquetReader>> ParquetReader::Open(RandomAccessSourcePtr source,
                                                           ParquetReaderOptions options) {
  Result<FileMetaData> metadata = ReadFileMetaData(*source, options);
  if (!metadata.ok()) {
    Status status = metadata.status();
    if (status.code() == StatusCode::kOutOfRange) status = Status::Corruption("{}", status.message());
    return status.WithContext("parquet file " + source->name());
  }
  return Open(std::move(source), std::make_shared<const FileMetaData>(std::move(*metadata)), std::move(options));
}

Result<std::unique_ptr<ParquetReader>> ParquetReader::Open(RandomAccessSourcePtr source,
                                                           std::shared_ptr<const FileMetaData> metadata,
                                                           ParquetReaderOptions options) {
  Result<FileSchema> schema = MapFileSchema(*metadata, options.schema);
  if (!schema.ok()) return schema.status().WithContext("parquet file " + source->name());
  std::unique_ptr<ParquetReader> reader(
      new ParquetReader(std::move(source), std::move(metadata), std::move(*schema), std::move(options)));
  RETURN_NOT_OK(reader->WithName(reader->ValidateMetadata()));
  return reader;
}

Status ParquetReader::ValidateMetadata() const {
  const FileMetaData& md = *metadata_;
  if (md.encrypted) return Status::NotImplemented("encrypted Parquet files are not supported");
  if (md.num_rows < 0) return Status::Corruption("negative row count");
  const int64_t file_size = source_->size();
  const size_t num_columns = file_schema_.columns.size();
  for (size_t g = 0; g < md.row_groups.size(); ++g) {
    const RowGroup& group = md.row_groups[g];
    if (group.num_rows < 0) return Status::Corruption("row group {} has a negative row count", g);
    if (group.num_rows > options_.max_row_group_rows) {
      return Status::ResourceExhausted("row group {} declares {} rows (limit {})", g, group.num_rows,
                                       options_.max_row_group_rows);
    }
    if (group.columns.size() != num_columns) {
      return Status::Corruption("row group {} has {} column chunks for {} columns", g, group.columns.size(), num_columns);
    }
    for (size_t c = 0; c < num_columns; ++c) {
      const ColumnChunk& chunk = group.columns[c];
      const LeafColumn& column = file_schema_.columns[c];
      if (chunk.encrypted) return Status::NotImplemented("encrypted column chunks are not supported");
      if (chunk.file_path) return Status::NotImplemented("column chunks in other files are not supported");
      if (!chunk.meta_data) return Status::Corruption("row group {} column '{}' has no metadata", g, column.element.name);
      const ColumnMetaData& meta = *chunk.meta_data;
      if (meta.type != *column.element.type) {
        return Status::Corruption("row group {} column '{}' is {}, the schema says {}", g, column.element.name,
                                  PhysicalTypeName(meta.type), PhysicalTypeName(*column.element.type));
      }
      if (meta.num_values != group.num_rows) {
        return Status::Corruption("row group {} column '{}' has {} values for {} rows", g, column.element.name,
                                  meta.num_values, group.num_rows);
      }
      if (group.num_rows > 0 &&
          (meta.data_page_offset < 0 || meta.total_compressed_size <= 0 || meta.data_page_offset >= file_size ||
           meta.total_compressed_size > file_size)) {
        return Status::Corruption("row group {} column '{}' lies outside the file", g, column.element.name);
      }
    }
  }
  return Status::OK();
}

int64_t ParquetReader::row_group_num_rows(int row_group) const {
  return metadata_->row_groups[static_cast<size_t>(row_group)].num_rows;
}

std::optional<std::vector<SortingColumn>> ParquetReader::sorting_columns(int row_group) const {
  return metadata_->row_groups[static_cast<size_t>(row_group)].sorting_columns;
}

ColumnChunkStatistics ParquetReader::column_statistics(int row_group, int column) const {
  ColumnChunkStatistics out;
  const ColumnChunk& chunk = metadata_->row_groups[static_cast<size_t>(row_group)].columns[static_cast<size_t>(column)];
  if (!chunk.meta_data->statistics) return out;
  const Statistics& stats = *chunk.meta_data->statistics;
  out.null_count = stats.null_count;
  const LeafColumn& leaf = file_schema_.columns[static_cast<size_t>(column)];
  std::optional<ColumnOrder> order;
  if (metadata_->column_orders && static_cast<size_t>(column) < metadata_->column_orders->size()) {
    order = (*metadata_->column_orders)[static_cast<size_t>(column)];
  }
  if (auto minmax = UsableStatistics(leaf, stats, order)) {
    out.min = StatScalar(leaf, minmax->min);
    out.max = StatScalar(leaf, minmax->max);
    if (!out.min || !out.max) {
      out.min.reset();
      out.max.reset();
    }
  }
  return out;
}

std::vector<int> ParquetReader::SelectRowGroups(const ParquetScanPredicate& predicate) const {
  std::vector<int> out;
  for (int g = 0; g < num_row_groups(); ++g) {
    if (predicate.empty() || RowGroupMayMatch(file_schema_, *metadata_, g, predicate)) out.push_back(g);
  }
  return out;
}

template <typename T>
Result<std::shared_ptr<const T>> ParquetReader::LoadIndex(int row_group, int column, bool column_index) const {
  size_t slot = static_cast<size_t>(row_group) * file_schema_.columns.size() + static_cast<size_t>(column);
  uint8_t bit = column_index ? 1 : 2;
  {
    std::lock_guard<std::mutex> lock(index_mutex_);
    if (index_loaded_[slot] & bit) {
      if constexpr (std::is_same_v<T, ColumnIndex>) return column_indexes_[slot];
      else return offset_indexes_[slot];
    }
  }
  const ColumnChunk& chunk = metadata_->row_groups[static_cast<size_t>(row_group)].columns[static_cast<size_t>(column)];
  std::optional<int64_t> offset = column_index ? chunk.column_index_offset : chunk.offset_index_offset;
  std::optional<int32_t> length = column_index ? chunk.column_index_length : chunk.offset_index_length;
  std::shared_ptr<const T> index;
  if (offset && length) {
    if (*offset < 0 || *length <= 0 || *offset > source_->size() || *length > source_->size() - *offset) {
      return WithName(Status::Corruption("page index of row group {} column {} lies outside the file", row_group, column));
    }
    Result<BufferPtr> bytes = source_->Read(*offset, *length);
    if (!bytes.ok()) return WithName(bytes.status());
    counters_.bytes_read.fetch_add(*length, std::memory_order_relaxed);
    if constexpr (std::is_same_v<T, ColumnIndex>) {
      Result<ColumnIndex> parsed = ParseColumnIndex((*bytes)->view());
      if (!parsed.ok()) return WithName(parsed.status().WithContext(fmt::format("column index of row group {} column {}", row_group, column)));
      index = std::make_shared<const ColumnIndex>(std::move(*parsed));
    } else {
      Result<OffsetIndex> parsed = ParseOffsetIndex((*bytes)->view());
      if (!parsed.ok()) return WithName(parsed.status().WithContext(fmt::format("offset index of row group {} column {}", row_group, column)));
      index = std::make_shared<const OffsetIndex>(std::move(*parsed));
    }
  }
  std::lock_guard<std::mutex> lock(index_mutex_);
  if constexpr (std::is_same_v<T, ColumnIndex>) {
    column_indexes_[slot] = index;
  } else {
    offset_indexes_[slot] = index;
  }
  index_loaded_[slot] |= bit;
  return index;
}

Result<std::shared_ptr<const ColumnIndex>> ParquetReader::GetColumnIndex(int row_group, int column) const {
  return LoadIndex<ColumnIndex>(row_group, column, true);
}

Result<std::shared_ptr<const OffsetIndex>> ParquetReader::GetOffsetIndex(int row_group, int column) const {
  return LoadIndex<OffsetIndex>(row_group, column, false);
}

Result<RowRanges> ParquetReader::SelectRows(int row_group, const ParquetScanPredicate& predicate) const {
  int64_t rows = row_group_num_rows(row_group);
  if (predicate.empty()) return RowRanges::All(rows);
  Status error;
  std::vector<std::shared_ptr<const void>> keep_alive;
  RowRanges selected = SelectRowsByPageIndex(file_schema_, rows, predicate, [&](int column) {
    ChunkPageIndex out;
    Result<std::shared_ptr<const ColumnIndex>> ci = GetColumnIndex(row_group, column);
    Result<std::shared_ptr<const OffsetIndex>> oi = GetOffsetIndex(row_group, column);
    if (!ci.ok() || !oi.ok()) {
      if (error.ok()) error = !ci.ok() ? ci.status() : oi.status();
      return out;
    }
    keep_alive.push_back(*ci);
    keep_alive.push_back(*oi);
    out.column_index = ci->get();
    out.offset_index = oi->get();
    return out;
  });
  RETURN_NOT_OK(error);
  return selected;
}

Result<RecordBatchPtr> ParquetReader::ReadRowGroup(int row_group, std::span<const int> columns,
                                                   const RowRanges* rows) const {
  if (row_group < 0 || row_group >= num_row_groups()) {
    return Status::InvalidArgument("parquet file {}: no row group {}", name(), row_group);
  }
  int64_t group_rows = row_group_num_rows(row_group);
  if (rows != nullptr && !rows->empty() &&
      (rows->ranges().front().begin < 0 || rows->ranges().back().end > group_rows)) {
    return Status::InvalidArgument("parquet file {}: row selection {} exceeds row group {} of {} rows", name(),
                                   rows->ToString(), row_group, group_rows);
  }
  bool partial = rows != nullptr && !rows->Covers(0, group_rows);
  int64_t out_rows = rows != nullptr ? rows->row_count() : group_rows;
  if (rows != nullptr && group_rows == 0) out_rows = 0;
  std::vector<Field> fields;
  std::vector<Array> arrays;
  const RowGroup& group = metadata_->row_groups[static_cast<size_t>(row_group)];
  for (int column : columns) {
    if (column < 0 || column >= static_cast<int>(file_schema_.columns.size())) {
      return Status::InvalidArgument("parquet file {}: no column {}", name(), column);
    }
    const LeafColumn& leaf = file_schema_.columns[static_cast<size_t>(column)];
    std::shared_ptr<const OffsetIndex> offset_index;
    if (partial) {
      Result<std::shared_ptr<const OffsetIndex>> oi = GetOffsetIndex(row_group, column);
      if (oi.ok()) offset_index = *oi;  // a bad offset index only costs the optimisation
    }
    ColumnChunkReadRequest request;
    request.column = &leaf;
    request.chunk = &group.columns[static_cast<size_t>(column)];
    request.row_group_rows = group_rows;
    request.selection = partial ? rows : nullptr;
    request.offset_index = offset_index.get();
    request.source = source_.get();
    request.options = &options_;
    request.counters = &counters_;
    Result<Array> array = ReadColumnChunk(request);
    if (!array.ok()) {
      Status status = array.status();
      if (status.code() == StatusCode::kOutOfRange && status.message().find("outside") != std::string::npos) {
        status = Status::Corruption("{}", status.message());
      }
      return WithName(status.WithContext(fmt::format("row group {} column '{}'", row_group, leaf.element.name)));
    }
    if (array->length() != out_rows) {
      return WithName(Status::Corruption("row group {} column '{}' decoded {} rows, expected {}", row_group,
                                         leaf.element.name, array->length(), out_rows));
    }
    fields.push_back(leaf.field);
    arrays.push_back(std::move(*array));
  }
  auto schema = MakeSchema(std::move(fields), file_schema_.schema->metadata());
  Result<RecordBatchPtr> batch = RecordBatch::Make(std::move(schema), out_rows, std::move(arrays));
  if (!batch.ok()) return WithName(Status::Corruption("{}", batch.status().message()));
  return batch;
}

Result<RecordBatchPtr> ParquetReader::ReadRowGroup(int row_group) const {
  std::vector<int> all(file_schema_.columns.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  return ReadRowGroup(row_group, all);
}

Result<std::vector<RecordBatchPtr>> ParquetReader::Scan(const ParquetScanPredicate& predicate,
                                                        std::span<const int> columns) const {
  std::vector<RecordBatchPtr> out;
  for (int g : SelectRowGroups(predicate)) {
    ASSIGN_OR_RETURN(RowRanges rows, SelectRows(g, predicate));
    if (rows.empty()) continue;
    ASSIGN_OR_RETURN(RecordBatchPtr batch, ReadRowGroup(g, columns, &rows));
    out.push_back(std::move(batch));
  }
  return out;
}

Result<std::vector<RecordBatchPtr>> ParquetReader::ReadAll() const {
  std::vector<RecordBatchPtr> out;
  for (int g = 0; g < num_row_groups(); ++g) {
    ASSIGN_OR_RETURN(RecordBatchPtr batch, ReadRowGroup(g));
    out.push_back(std::move(batch));
  }
  return out;
}

}  // namespace quiver::parquet
