#pragma once

#include "base/status.h"
#include "db/database_service.h"
#include "server/http/router.h"

namespace quiver::http {

// GET|POST /api/v3/query_sql (reference §1.5): parameters db, q, format, params (GET: in
// the query string, params as a JSON object string; POST: a JSON body). Results stream:
// the status is sent with the first batch, later batches follow as chunks; an error after
// the first chunk ends the stream early (the client sees a truncated body).
Status AddQueryRoutes(Router& router, DatabaseService* service);

}  // namespace quiver::http
