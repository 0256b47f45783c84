#pragma once

#include "base/status.h"
#include "db/database_service.h"
#include "server/http/router.h"

namespace quiver::http {

// Database and table administration (reference §1.8):
//   GET    /api/v3/configure/database?format=<fmt>[&show_deleted=true]   list
//   POST   /api/v3/configure/database  {"db": ..., "retention_period": "30d"}
//   PUT    /api/v3/configure/database  {"db": ..., "retention_period": "7d" | null}
//   DELETE /api/v3/configure/database?db=<name>[&hard_delete_at=never|now|default|<RFC3339>]
//   POST   /api/v3/configure/database/retention_period?db=<name>&duration=<d>   (204)
//   DELETE /api/v3/configure/database/retention_period?db=<name>               (204)
//   POST   /api/v3/configure/table  {"db","table","tags":[...],"fields":[{"name","type"}]}
//   DELETE /api/v3/configure/table?db=<name>&table=<name>[&hard_delete_at=...]
Status AddConfigureRoutes(Router& router, DatabaseService* service);

}  // namespace quiver::http
