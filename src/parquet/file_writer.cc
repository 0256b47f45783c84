#include "parquet/file_writer.h"

#include <algorithm>

#include "parquet/byte_io_internal.h"
#include "parquet/column_writer.h"
#include "parquet/compression.h"
#include "parquet/schema_mapping.h"

namespace quiver::parquet {

namespace {
constexpr std::string_view kMagic = "PAR1";
}  // namespace

ParquetWriter::ParquetWriter(SchemaPtr schema, ParquetSink sink, ParquetWriterOptions options,
                             std::vector<SchemaElement> elements)
    : schema_(std::move(schema)), sink_(std::move(sink)), options_(std::move(options)) {
  metadata_.version = 1;
  metadata_.schema = std::move(elements);
  metadata_.created_by = options_.created_by;
}

ParquetWriter::~ParquetWriter() = default;

Result<std::unique_ptr<ParquetWriter>> ParquetWriter::Open(SchemaPtr schema, ParquetSink sink,
                                                           ParquetWriterOptions options) {
  if (options.max_row_group_rows <= 0 || options.max_page_rows <= 0 || options.data_page_size <= 0) {
    return Status::InvalidArgument("parquet writer: row group and page sizes must be positive");
  }
  if (options.data_page_version != 1 && options.data_page_version != 2) {
    return Status::InvalidArgument("parquet writer: data page version must be 1 or 2");
  }
  if (!IsCodecSupported(options.compression) || options.compression == CompressionCodec::kLz4) {
    return Status::InvalidArgument("parquet writer: compression {} is not supported",
                                   CompressionCodecName(options.compression));
  }
  for (const SortingColumn& s : options.sorting_columns) {
    if (s.column_idx < 0 || s.column_idx >= schema->num_fields()) {
      return Status::InvalidArgument("parquet writer: sorting column {} is out of range", s.column_idx);
    }
  }
  ASSIGN_OR_RETURN(std::vector<SchemaElement> elements, ParquetSchemaFor(*schema));
  std::unique_ptr<ParquetWriter> writer(
      new ParquetWriter(std::move(schema), std::move(sink), std::move(options), std::move(elements)));
  RETURN_NOT_OK(writer->Emit(kMagic));
  return writer;
}

Result<std::unique_ptr<ParquetWriter>> ParquetWriter::Open(SchemaPtr schema, std::string* out,
                                                           ParquetWriterOptions options) {
  return Open(
      std::move(schema),
      [out](std::string_view bytes) {
        out->append(bytes);
        return Status::OK();
      },
      std::move(options));
}

Status ParquetWriter::Fail(Status status) {
  if (error_.ok()) error_ = status;
  return status;
}

Status ParquetWriter::Emit(std::string_view bytes) {
  Status status = sink_(bytes);
  if (!status.ok()) return Fail(std::move(status));
  bytes_written_ += static_cast<int64_t>(bytes.size());
  return Status::OK();
}

Status ParquetWriter::WriteBatch(const RecordBatch& batch) {
  RETURN_NOT_OK(error_);
  if (closed_) return Status::InvalidArgument("parquet writer: WriteBatch after Close");
  if (batch.num_columns() != schema_->num_fields()) {
    return Status::InvalidArgument("parquet writer: batch has {} columns, schema has {}",
                                   batch.num_columns(), schema_->num_fields());
  }
  for (int i = 0; i < batch.num_columns(); ++i) {
    if (!(batch.column(i).type() == schema_->field(i).type())) {
      return Status::InvalidArgument("parquet writer: column '{}' is {}, schema says {}",
                                     schema_->field(i).name(), batch.column(i).type().ToString(),
                                     schema_->field(i).type().ToString());
    }
  }
  // Keep our own reference: the batch is immutable but the caller owns this object.
  auto shared = std::make_shared<const RecordBatch>(batch);
  int64_t offset = 0;
  while (offset < shared->num_rows()) {
    int64_t take = std::min(shared->num_rows() - offset, options_.max_row_group_rows - pending_rows_);
    pending_.push_back(offset == 0 && take == shared->num_rows() ? shared : shared->Slice(offset, take));
    pending_rows_ += take;
    offset += take;
    if (pending_rows_ == options_.max_row_group_rows) RETURN_NOT_OK(WriteRowGroup());
  }
  return Status::OK();
}

Status ParquetWriter::FlushRowGroup() {
  RETURN_NOT_OK(error_);
  if (pending_rows_ == 0) return Status::OK();
  return WriteRowGroup();
}

Status ParquetWriter::WriteRowGroup() {
  RowGroup group;
  group.num_rows = pending_rows_;
  group.file_offset = bytes_written_;
  group.ordinal = static_cast<int16_t>(std::min<size_t>(metadata_.row_groups.size(), INT16_MAX));
  if (!options_.sorting_columns.empty()) group.sorting_columns = options_.sorting_columns;
  std::vector<std::string> column_indexes;
  std::vector<std::string> offset_indexes;
  std::string buffer;
  int64_t total_uncompressed = 0;
  int64_t total_compressed = 0;
  std::vector<Array> arrays;
  for (int column = 0; column < schema_->num_fields(); ++column) {
    arrays.clear();
    for (const RecordBatchPtr& batch : pending_) arrays.push_back(batch->column(column));
    buffer.clear();
    Result<ColumnChunkOutput> written =
        WriteColumnChunk(schema_->field(column), metadata_.schema[column + 1], arrays, pending_rows_,
                         options_, bytes_written_, &buffer);
    if (!written.ok()) return Fail(written.status());
    ColumnChunkOutput& output = *written;
    RETURN_NOT_OK(Emit(buffer));
    total_uncompressed += output.chunk.meta_data->total_uncompressed_size;
    total_compressed += output.chunk.meta_data->total_compressed_size;
    if (options_.write_page_index) {
      column_indexes.push_back(output.column_index ? SerializeColumnIndex(*output.column_index) : std::string());
      offset_indexes.push_back(SerializeOffsetIndex(output.offset_index));
    }
    group.columns.push_back(std::move(output.chunk));
  }
  group.total_byte_size = total_uncompressed;
  group.total_compressed_size = total_compressed;
  metadata_.num_rows += pending_rows_;
  metadata_.row_groups.push_back(std::move(group));
  column_indexes_.push_back(std::move(column_indexes));
  offset_indexes_.push_back(std::move(offset_indexes));
  pending_.clear();
  pending_rows_ = 0;
  return Status::OK();
}

Status ParquetWriter::Close() {
  RETURN_NOT_OK(error_);
  if (closed_) return Status::OK();
  RETURN_NOT_OK(FlushRowGroup());
  closed_ = true;

  if (options_.write_page_index) {
    for (size_t g = 0; g < metadata_.row_groups.size(); ++g) {
      for (size_t c = 0; c < column_indexes_[g].size(); ++c) {
        const std::string& bytes = column_indexes_[g][c];
        if (bytes.empty()) continue;
        ColumnChunk& chunk = metadata_.row_groups[g].columns[c];
        chunk.column_index_offset = bytes_written_;
        chunk.column_index_length = static_cast<int32_t>(bytes.size());
        RETURN_NOT_OK(Emit(bytes));
      }
    }
    for (size_t g = 0; g < metadata_.row_groups.size(); ++g) {
      for (size_t c = 0; c < offset_indexes_[g].size(); ++c) {
        const std::string& bytes = offset_indexes_[g][c];
        ColumnChunk& chunk = metadata_.row_groups[g].columns[c];
        chunk.offset_index_offset = bytes_written_;
        chunk.offset_index_length = static_cast<int32_t>(bytes.size());
        RETURN_NOT_OK(Emit(bytes));
      }
    }
  }

  for (const auto& [key, value] : schema_->metadata().pairs()) {
    metadata_.key_value_metadata.push_back({key, value});
  }
  for (const auto& [key, value] : options_.key_value_metadata.pairs()) {
    auto it = std::find_if(metadata_.key_value_metadata.begin(), metadata_.key_value_metadata.end(),
                           [&](const KeyValue& kv) { return kv.key == key; });
    if (it != metadata_.key_value_metadata.end()) {
      it->value = value;
    } else {
      metadata_.key_value_metadata.push_back({key, value});
    }
  }
  if (options_.store_arrow_schema) {
    Result<std::string> encoded = EncodeArrowSchemaMetadata(schema_);
    if (!encoded.ok()) return Fail(encoded.status());
    metadata_.key_value_metadata.push_back({std::string(kArrowSchemaKey), std::move(*encoded)});
  }
  metadata_.column_orders.emplace(static_cast<size_t>(schema_->num_fields()), ColumnOrder::kTypeDefined);

  std::string footer = SerializeFileMetaData(metadata_);
  internal::AppendLE<uint32_t>(&footer, static_cast<uint32_t>(footer.size()));
  footer.append(kMagic);
  return Emit(footer);
}

Result<std::string> WriteParquetFile(const SchemaPtr& schema, std::span<const RecordBatchPtr> batches,
                                     const ParquetWriterOptions& options) {
  std::string out;
  ASSIGN_OR_RETURN(auto writer, ParquetWriter::Open(schema, &out, options));
  for (const RecordBatchPtr& batch : batches) RETURN_NOT_OK(writer->WriteBatch(*batch));
  RETURN_NOT_OK(writer->Close());
  return out;
}

}  // namespace quiver::parquet
