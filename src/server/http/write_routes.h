#pragma once

#include "base/status.h"
#include "db/database_service.h"
#include "server/http/router.h"

namespace quiver::http {

// The line-protocol write endpoints, with InfluxDB 3 Core's parameters, status codes and
// error bodies (shared/reference/influxdb3-core-api.md §1.2–1.4):
//   POST /api/v3/write_lp   db, precision (default auto), accept_partial (default true),
//                           no_sync; partial writes report every bad line
//   POST /api/v2/write      bucket (the database name), org (ignored), precision (default
//                           ns); the whole batch fails on the first bad line; v2 error
//                           shape {"code": ..., "message": ...}
//   POST /write             db, rp ("db/rp" unless autogen/default), precision (default
//                           ns); the whole batch fails on the first bad line
// `service` must outlive the router.
Status AddWriteRoutes(Router& router, DatabaseService* service);

}  // namespace quiver::http
