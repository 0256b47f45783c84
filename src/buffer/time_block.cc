#include "buffer/time_block.h"

#include <algorithm>

#include "base/hash.h"

namespace quiver {

TimeBlock::TimeBlock(int64_t start, int64_t chunk_rows, MemoryPool* pool)
    : start_(start), chunk_rows_(chunk_rows), pool_(pool) {}
TimeBlock::~TimeBlock() = default;

TagDictionary* TimeBlock::DictionaryFor(ColumnId id) {
  if (id >= dictionaries_.size()) dictionaries_.resize(id + 1);
  if (!dictionaries_[id]) dictionaries_[id] = std::make_unique<TagDictionary>(pool_);
  return dictionaries_[id].get();
}

void TimeBlock::TrackSeries(const TableSchema& table, const StagedTable& staged,
                            std::span<const uint32_t> rows,
                            const std::vector<std::vector<int32_t>>& tag_ids) {
  // Staged tag columns in series-key order, so a series hashes the same whatever order
  // its tags arrived in.
  std::vector<std::pair<size_t, size_t>> key_columns;  // (series-key position, staged column)
  for (size_t c = 0; c < staged.columns().size(); ++c) {
    const StagedTable::Column& column = staged.columns()[c];
    if (column.type.role != ColumnRole::kTag) continue;
    const auto& key = table.series_key();
    size_t position = std::find(key.begin(), key.end(), column.id) - key.begin();
    key_columns.emplace_back(position, c);
  }
  std::sort(key_columns.begin(), key_columns.end());

  const bool all = rows.empty();
  const size_t count = all ? static_cast<size_t>(staged.num_rows()) : rows.size();
  for (size_t i = 0; i < count; ++i) {
    size_t r = all ? i : rows[i];
    uint64_t hash = 0x51ed2701f0a3c9b1ULL;
    for (const auto& [position, c] : key_columns) {
      int32_t staged_index = staged.columns()[c].indices[r];
      int32_t id = staged_index < 0 ? -1 : tag_ids[c][staged_index];
      hash = HashCombine(hash, (static_cast<uint64_t>(position) << 32) | static_cast<uint32_t>(id));
    }
    int64_t time = staged.times()[r];
    if ((series_count_ + 1) * 2 > series_.size()) {
      std::vector<SeriesSlot> old = std::move(series_);
      series_.assign(std::max<size_t>(64, old.size() * 2), SeriesSlot{});
      size_t mask = series_.size() - 1;
      for (const SeriesSlot& slot : old) {
        if (!slot.used) continue;
        size_t p = slot.hash & mask;
        while (series_[p].used) p = (p + 1) & mask;
        series_[p] = slot;
      }
    }
    size_t mask = series_.size() - 1;
    size_t p = hash & mask;
    while (series_[p].used && series_[p].hash != hash) p = (p + 1) & mask;
    SeriesSlot& slot = series_[p];
    if (!slot.used) {
      slot = SeriesSlot{hash, time, true};
      ++series_count_;
    } else if (time <= slot.last_time) {
      may_have_duplicates_ = true;
    } else {
      slot.last_time = time;
    }
  }
}

Status TimeBlock::Append(const TableSchema& table, const StagedTable& staged,
                         std::span<const uint32_t> rows) {
  // Map each staged tag column's distinct values into the block's dictionaries.
  std::vector<std::vector<int32_t>> tag_ids(staged.columns().size());
  for (size_t c = 0; c < staged.columns().size(); ++c) {
    const StagedTable::Column& column = staged.columns()[c];
    if (column.type.role != ColumnRole::kTag) continue;
    TagDictionary* dictionary = DictionaryFor(column.id);
    tag_ids[c].reserve(column.distinct_values.size());
    for (const std::string& value : column.distinct_values) {
      ASSIGN_OR_RETURN(int32_t id, dictionary->GetOrInsert(value));
      tag_ids[c].push_back(id);
    }
  }
  TrackSeries(table, staged, rows, tag_ids);

  const int64_t total = rows.empty() ? staged.num_rows() : static_cast<int64_t>(rows.size());
  std::vector<uint32_t> all_rows;
  std::span<const uint32_t> remaining = rows;
  int64_t done = 0;
  while (done < total) {
    if (chunks_.empty() || chunks_.back()->full()) {
      chunks_.push_back(std::make_unique<BufferChunk>(chunk_rows_, pool_));
    }
    BufferChunk& chunk = *chunks_.back();
    int64_t take = std::min<int64_t>(chunk.room(), total - done);
    if (rows.empty() && done == 0 && take == total) {
      RETURN_NOT_OK(chunk.Append(staged, {}, tag_ids));
    } else {
      if (rows.empty() && all_rows.empty()) {
        all_rows.resize(static_cast<size_t>(total));
        for (int64_t i = 0; i < total; ++i) all_rows[i] = static_cast<uint32_t>(i);
        remaining = all_rows;
      }
      RETURN_NOT_OK(chunk.Append(staged, remaining.subspan(done, take), tag_ids));
    }
    done += take;
  }
  num_rows_ += total;
  for (const auto& chunk : chunks_) time_range_ = time_range_.Union(chunk->time_range());
  return Status::OK();
}

Result<std::vector<RecordBatchPtr>> TimeBlock::Snapshot(const TableSchema& table) const {
  // Snapshot each dictionary once so every chunk's batch shares the same arrays.
  std::vector<Array> dictionaries(dictionaries_.size());
  for (size_t id = 0; id < dictionaries_.size(); ++id) {
    if (dictionaries_[id]) dictionaries[id] = dictionaries_[id]->Snapshot(dictionaries_[id]->size());
  }
  auto lookup = [&](ColumnId id) -> Array {
    if (id < dictionaries.size() && dictionaries[id].is_valid_handle()) return dictionaries[id];
    return MakeNullArray(DataType::Utf8(), 0);
  };
  std::vector<RecordBatchPtr> batches;
  batches.reserve(chunks_.size());
  for (const auto& chunk : chunks_) {
    if (chunk->num_rows() == 0) continue;
    ASSIGN_OR_RETURN(RecordBatchPtr batch, chunk->Snapshot(table, lookup));
    batches.push_back(std::move(batch));
  }
  return batches;
}

int64_t TimeBlock::memory_bytes() const {
  int64_t bytes = static_cast<int64_t>(series_.capacity() * sizeof(SeriesSlot));
  for (const auto& d : dictionaries_) {
    if (d) bytes += d->memory_bytes();
  }
  for (const auto& chunk : chunks_) bytes += chunk->memory_bytes();
  return bytes;
}

}  // namespace quiver
