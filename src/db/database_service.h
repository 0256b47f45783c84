#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "buffer/write_buffer.h"
#include "catalog/catalog.h"
#include "db/query_result.h"
#include "types/scalar.h"

#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace quiver {

// What the servers (HTTP, Flight) need from the database. QuiverDb implements it; handler
// tests may use a QuiverDb over an in-memory object store.
// Thread-safety: implementations are thread-safe.
class DatabaseService {
 public:
  virtual ~DatabaseService() = default;

  // Parses, validates and durably stores a line-protocol write (see WriteBuffer::Write).
  virtual Result<WriteOutcome> Write(const WriteRequest& request) = 0;
  // Plans and starts a SQL query against database `db`.
  virtual Result<std::unique_ptr<QueryResult>> QuerySql(std::string_view db, std::string_view sql,
                                                        const std::map<std::string, Scalar>& params) = 0;
  // Schema administration goes through catalog transactions.
  virtual Catalog& catalog() = 0;
  virtual const Clock* clock() const = 0;
};

}  // namespace quiver
