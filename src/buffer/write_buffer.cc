#include "buffer/write_buffer.h"

#include <limits>

#include "base/logging.h"
#include "buffer/wal_record.h"

namespace quiver {

namespace {
// Accounts the buffer's memory; never limits it (rows already in the WAL must be applied).
MemoryPoolPtr BufferPool() {
  return MakeLimitedMemoryPool("write buffer", std::numeric_limits<int64_t>::max());
}
}  // namespace

WriteBuffer::WriteBuffer(Catalog* catalog, WriteBufferOptions options, const Clock* clock)
    : catalog_(catalog), options_(options), clock_(clock), pool_(BufferPool()) {}

WriteBuffer::~WriteBuffer() = default;

std::unique_ptr<WriteValidator> WriteBuffer::AcquireValidator() {
  {
    std::lock_guard lock(validators_mu_);
    if (!validators_.empty()) {
      auto validator = std::move(validators_.back());
      validators_.pop_back();
      return validator;
    }
  }
  return std::make_unique<WriteValidator>(catalog_);
}

void WriteBuffer::ReleaseValidator(std::unique_ptr<WriteValidator> validator) {
  std::lock_guard lock(validators_mu_);
  validators_.push_back(std::move(validator));
}

std::shared_ptr<TableBuffer> WriteBuffer::TableFor(DbId db, TableId table) {
  {
    std::shared_lock lock(tables_mu_);
    auto it = tables_.find({db, table});
    if (it != tables_.end()) return it->second;
  }
  std::unique_lock lock(tables_mu_);
  auto& slot = tables_[{db, table}];
  if (!slot) {
    slot = std::make_shared<TableBuffer>(options_.gen1_duration_nanos, options_.chunk_rows, pool_.get());
  }
  return slot;
}

Result<WriteOutcome> WriteBuffer::Write(const WriteRequest& request) {
  if (wal_ == nullptr) return Status::Internal("write buffer has no WAL attached");
  lineproto::ParseOptions parse_options;
  parse_options.precision = request.precision;
  parse_options.default_time_ns = lineproto::DefaultTimestamp(clock_->NowNanos(), request.precision);

  auto validator = AcquireValidator();
  Result<ValidatedWrite> validated =
      validator->Validate(request.db, request.body, parse_options, request.accept_partial);
  ReleaseValidator(std::move(validator));
  RETURN_NOT_OK(validated.status());

  WriteOutcome outcome;
  outcome.errors = validated->errors;
  outcome.accepted_lines = validated->accepted_lines;
  outcome.rows = validated->num_rows();
  outcome.rejected = validated->rejected;
  if (validated->rejected || validated->tables.empty()) return outcome;

  if (memory_bytes() > options_.memory_limit_bytes) {
    return Status::Unavailable(
        "write buffer is full ({} bytes buffered, limit {}): try again once data has been persisted",
        memory_bytes(), options_.memory_limit_bytes);
  }

  WalWriteRecord record;
  record.token = next_token_.fetch_add(1, std::memory_order_relaxed);
  record.db_id = validated->db_id;
  record.db_name = request.db;
  record.precision = request.precision;
  record.default_time_ns = parse_options.default_time_ns;
  for (const LineError& error : validated->errors) record.rejected_lines.push_back(error.line_number);
  record.body = request.body;
  std::string payload;
  EncodeWalWriteRecord(record, &payload);

  {
    std::lock_guard lock(pending_mu_);
    pending_.emplace(record.token, std::make_unique<ValidatedWrite>(std::move(*validated)));
  }
  Result<uint64_t> sequence =
      wal_->Append(payload, request.no_sync ? Durability::kNoSync : Durability::kSync);
  if (!sequence.ok()) {
    // Not in the log (or its flush failed): the rows must never become visible.
    std::lock_guard lock(pending_mu_);
    pending_.erase(record.token);
    Status status = sequence.status();
    if (status.IsResourceExhausted()) return Status::Unavailable("{}", status.message());
    return status;
  }
  outcome.sequence = *sequence;
  return outcome;
}

Status WriteBuffer::Apply(const ValidatedWrite& write) {
  const DatabaseSchema* db = write.catalog->DatabaseById(write.db_id);
  if (db == nullptr) return Status::Internal("validated write names unknown database {}", write.db_id);
  for (const StagedTable& staged : write.tables) {
    const TableSchema* table = db->TableById(staged.table_id());
    if (table == nullptr) return Status::Internal("validated write names unknown table {}", staged.table_id());
    RETURN_NOT_OK(TableFor(write.db_id, staged.table_id())->Apply(*table, staged));
    rows_applied_.fetch_add(staged.num_rows(), std::memory_order_relaxed);
  }
  return Status::OK();
}

void WriteBuffer::OnFlushed(const WalFlushInfo& info) {
  for (const WalRecordView& record : info.records) {
    Result<WalWriteRecord> decoded = DecodeWalWriteRecord(record.payload);
    if (!decoded.ok()) {
      LOG_ERROR("buffer", "WAL record {} is not a write record: {}", record.sequence,
                decoded.status().ToString());
      continue;
    }
    std::unique_ptr<ValidatedWrite> write;
    {
      std::lock_guard lock(pending_mu_);
      auto it = pending_.find(decoded->token);
      if (it != pending_.end()) {
        write = std::move(it->second);
        pending_.erase(it);
      }
    }
    if (!write) {
      LOG_ERROR("buffer", "WAL record {} has no staged rows (token {})", record.sequence, decoded->token);
      continue;
    }
    Status status = Apply(*write);
    if (!status.ok()) {
      // The record is durable and will be replayed after a restart; until then its rows
      // are missing from queries. This only happens when memory runs out.
      LOG_ERROR("buffer", "applying WAL record {} failed: {}", record.sequence, status.ToString());
    }
  }
}

Status WriteBuffer::OnReplay(uint64_t sequence, std::string_view payload) {
  ASSIGN_OR_RETURN(WalWriteRecord record, DecodeWalWriteRecord(payload));
  CatalogSnapshotPtr snapshot = catalog_->snapshot();
  const DatabaseSchema* db = snapshot->FindDatabase(record.db_name);
  if (db == nullptr || db->id() != record.db_id) {
    LOG_WARN("buffer", "skipping WAL record {}: database {} (id {}) no longer exists", sequence,
             record.db_name, record.db_id);
    return Status::OK();
  }
  lineproto::ParseOptions parse_options;
  parse_options.precision = record.precision;
  parse_options.default_time_ns = record.default_time_ns;
  auto validator = AcquireValidator();
  Result<ValidatedWrite> validated =
      validator->Validate(record.db_name, record.body, parse_options, /*accept_partial=*/true,
                          record.rejected_lines, /*create_schema=*/false);
  ReleaseValidator(std::move(validator));
  RETURN_NOT_OK(validated.status().WithContext(fmt::format("replaying WAL record {}", sequence)));
  if (!validated->errors.empty()) {
    LOG_WARN("buffer", "WAL record {}: {} line(s) no longer fit the catalog and were dropped (first: {})",
             sequence, validated->errors.size(), validated->errors.front().message);
  }
  return Apply(*validated);
}

Result<std::vector<RecordBatchPtr>> WriteBuffer::Scan(DbId db, TableId table,
                                                      const TimeRange& range) const {
  std::shared_ptr<TableBuffer> buffer;
  {
    std::shared_lock lock(tables_mu_);
    auto it = tables_.find({db, table});
    if (it == tables_.end()) return std::vector<RecordBatchPtr>();
    buffer = it->second;
  }
  CatalogSnapshotPtr snapshot = catalog_->snapshot();
  const DatabaseSchema* database = snapshot->DatabaseById(db);
  const TableSchema* schema = database ? database->TableById(table) : nullptr;
  if (schema == nullptr) return std::vector<RecordBatchPtr>();
  // The batches keep their schema alive; the snapshot may go.
  return buffer->Scan(*schema, range);
}

int64_t WriteBuffer::memory_bytes() const { return pool_->bytes_allocated(); }

}  // namespace quiver
