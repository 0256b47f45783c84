#pragma once

#include <string>

#include "base/status.h"
#include "server/http/router.h"

namespace quiver::http {

// What /ping reports about this build and process.
struct BuildInfo {
  std::string product_name = "Quiver";
  std::string version;   // e.g. "0.1.0"
  std::string revision;  // short git sha, or "unknown"
};

// Registers the routes every server has; all are public (no token needed):
//   GET /health, GET /api/v1/health  → 200 `OK` (text/plain)
//   GET|POST /ping → 200 JSON {"product_name","version","revision","process_id"} with
//                    X-Influxdb-Version, X-Influxdb-Build, Request-Id, X-Request-Id
//   HEAD /ping     → 204 with the same headers (1.x clients read only the headers)
// `process_id` is a UUID fixed when the routes are added.
Status AddSystemRoutes(Router& router, const BuildInfo& build_info);

}  // namespace quiver::http
