#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "buffer/write_buffer.h"
#include "catalog/catalog.h"

namespace quiver {

// What the servers (HTTP, Flight) need from the database. QuiverDb implements it; handler
// tests may use a QuiverDb over an in-memory object store.
// Thread-safety: implementations are thread-safe.
class DatabaseService {
 public:
  virtual ~DatabaseService() = default;

  // Parses, validates and durably stores a line-protocol write (see WriteBuffer::Write).
  virtual Result<WriteOutcome> Write(const WriteRequest& request) = 0;
  // Schema administration goes through catalog transactions.
  virtual Catalog& catalog() = 0;
  virtual const Clock* clock() const = 0;
};

}  // namespace quiver
