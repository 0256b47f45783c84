#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "buffer/staged_table.h"
#include "catalog/catalog.h"
#include "lineproto/parsed_line.h"

namespace quiver {

// A line of a write request that was not accepted.
struct LineError {
  size_t line_number = 0;  // 1-based, counting non-blank, non-comment lines (InfluxDB 3)
  std::string message;
  std::string original_line;  // the raw line (the HTTP layer truncates it for responses)
};

// The outcome of validating one write request: the accepted rows staged per table, and
// every rejected line. Produced by WriteValidator, consumed by the write buffer (after the
// WAL has made it durable) and by the HTTP layer (for the response).
struct ValidatedWrite {
  DbId db_id = 0;
  std::string db_name;
  // The catalog state the rows were validated against (covers every id they use).
  CatalogSnapshotPtr catalog;
  std::vector<StagedTable> tables;
  std::vector<LineError> errors;  // in line order
  int64_t accepted_lines = 0;
  // True if errors made the whole request fail (accept_partial=false): nothing is staged.
  bool rejected = false;

  int64_t num_rows() const;
  bool empty() const { return accepted_lines == 0 && errors.empty(); }
};

// Parses a line-protocol body and validates every line against the catalog, creating
// the database, tables and columns it needs (schema on write) in one catalog commit.
// The common case (no new schema) parses the body once and never takes the catalog's
// commit lock.
//
// Thread-safety: a WriteValidator is used by one thread at a time (it reuses its parser);
// any number may run concurrently over one Catalog.
class WriteValidator {
 public:
  explicit WriteValidator(Catalog* catalog);
  ~WriteValidator();

  // Errors (not line errors): InvalidArgument for a bad database name; ResourceExhausted
  // when creating the database would exceed the limit; IOError if the catalog cannot be
  // persisted. Line problems are reported in ValidatedWrite::errors. With
  // `accept_partial` false, the first bad line rejects the whole request (`rejected`).
  // `skip_lines` (sorted line numbers) are ignored entirely: WAL replay passes the lines
  // the original request rejected.
  // With `create_schema` false (WAL replay) nothing is created: a line needing a missing
  // database, table or column is rejected instead.
  Result<ValidatedWrite> Validate(std::string_view db, std::string_view body,
                                  const lineproto::ParseOptions& options, bool accept_partial,
                                  const std::vector<size_t>& skip_lines = {},
                                  bool create_schema = true);

 private:
  struct Pass;
  // Records an error for every line whose table or column `database` lacks.
  void MarkMissingSchema(std::string_view body, const lineproto::ParseOptions& options,
                         const DatabaseSchema& database, const std::function<bool(size_t)>& skipped,
                         std::map<size_t, std::string>* schema_errors);

  Catalog* catalog_;
  std::unique_ptr<Pass> pass_;
};

}  // namespace quiver
