#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_schema.h"

namespace quiver {

// Validated rows of one table from one write request, in a compact columnar form, waiting
// for the WAL to make them durable before they are applied to the write buffer. Owns copies
// of every string, so it does not depend on the request body's lifetime.
//
// Rows are added with BeginRow / Set* / EndRow; every column not set in a row is null in
// that row. Columns are identified by catalog column id. Not thread-safe.
class StagedTable {
 public:
  // One staged column. Numeric and boolean values are stored as 8-byte words (doubles by
  // bit pattern); strings as offsets + bytes; tags as indices into `distinct_values`.
  struct Column {
    ColumnId id = 0;
    ColumnType type;
    std::vector<uint8_t> valid;        // one byte per row
    std::vector<uint64_t> words;       // numeric/boolean fields
    std::vector<int32_t> indices;      // tags: index into distinct_values, or -1
    std::vector<uint32_t> offsets{0};  // string fields: row i is [offsets[i], offsets[i+1])
    std::string bytes;                 // string fields
    std::vector<std::string> distinct_values;  // tags, first-seen order
    std::vector<uint64_t> distinct_hashes;     // parallel to distinct_values
    std::vector<int32_t> hash_slots;           // open addressing: index + 1, 0 = empty
  };

  StagedTable(DbId db_id, TableId table_id) : db_id_(db_id), table_id_(table_id) {}

  DbId db_id() const { return db_id_; }
  TableId table_id() const { return table_id_; }
  int64_t num_rows() const { return static_cast<int64_t>(times_.size()); }
  const std::vector<int64_t>& times() const { return times_; }
  // Columns in the order they were first set (never includes `time`).
  const std::vector<Column>& columns() const { return columns_; }

  void BeginRow(int64_t time) { times_.push_back(time); }
  void SetTag(ColumnId id, std::string_view value);
  // `word` is the value's 8-byte representation (double bits, int64, uint64, 0/1).
  void SetWord(ColumnId id, ColumnType type, uint64_t word);
  void SetString(ColumnId id, std::string_view value);
  // Pads every column that did not get a value in this row with a null.
  void EndRow();

  // Approximate heap bytes held.
  int64_t memory_bytes() const;

 private:
  Column& ColumnFor(ColumnId id, ColumnType type);

  DbId db_id_;
  TableId table_id_;
  std::vector<int64_t> times_;
  std::vector<Column> columns_;
  std::vector<int32_t> column_slot_;  // column id -> index in columns_, or -1
};

}  // namespace quiver
