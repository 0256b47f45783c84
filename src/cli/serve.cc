#include "cli/serve.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <memory>
#include <optional>
#include <thread>

#include "base/logging.h"
#include "cli/admin_token_file.h"
#include "base/duration.h"
#include "cli/build_info.h"
#include "db/quiver_db.h"
#include "server/http/configure_routes.h"
#include "server/http/http_server.h"
#include "server/http/query_routes.h"
#include "server/http/system_routes.h"
#include "server/http/write_routes.h"

namespace quiver::cli {

namespace {

Status ValidateNodeId(const std::string& node_id) {
  if (node_id.empty() || node_id == "." || node_id == ".." ||
      node_id.find('/') != std::string::npos) {
    return Status::InvalidArgument(
        "invalid --node-id '{}': it names a directory under --data-dir, so it must be "
        "non-empty and contain no '/'",
        node_id);
  }
  return Status::OK();
}

void PrintGeneratedToken(const std::string& token, const std::string& hash_path) {
  std::string rule(78, '=');
  std::printf(
      "%s\n"
      "Quiver generated an admin token. It is shown only this once; save it now:\n"
      "\n"
      "    %s\n"
      "\n"
      "Send it as 'Authorization: Bearer <token>' (or Token/Basic, or p=<token> on /write\n"
      "and /query). Only its SHA-256 hash is stored, in\n"
      "    %s\n"
      "To get a new token, stop the server, delete that file and start it again.\n"
      "%s\n",
      rule.c_str(), token.c_str(), hash_path.c_str(), rule.c_str());
  std::fflush(stdout);
}

// Decides how requests are authenticated: nullopt means no authentication.
Result<std::optional<http::TokenDigest>> SetUpAuthentication(const ServeOptions& options) {
  if (options.without_auth) {
    LOG_WARN("auth", "authentication is disabled (--without-auth): every request is accepted");
    return std::optional<http::TokenDigest>();
  }
  if (!options.admin_token.empty()) {
    LOG_INFO("auth", "using the admin token given by --admin-token / QUIVER_ADMIN_TOKEN");
    return std::optional<http::TokenDigest>(http::HashToken(options.admin_token));
  }
  ASSIGN_OR_RETURN(AdminTokenBootstrap bootstrap,
                   LoadOrCreateAdminToken(options.data_dir, options.node_id));
  if (bootstrap.generated_token) {
    LOG_INFO("auth", "generated an admin token; its hash is stored in {}", bootstrap.path);
    PrintGeneratedToken(*bootstrap.generated_token, bootstrap.path);
  } else {
    LOG_INFO("auth", "using the admin token whose hash is stored in {}", bootstrap.path);
  }
  return std::optional<http::TokenDigest>(bootstrap.digest);
}

// Parses sizes like "4GiB", "512MB", "1000000" (bytes) and "50%" (of physical memory).
Result<int64_t> ParseMemorySize(const std::string& text) {
  if (text.empty()) return Status::InvalidArgument("empty size");
  int64_t physical = static_cast<int64_t>(sysconf(_SC_PHYS_PAGES)) * sysconf(_SC_PAGE_SIZE);
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0) return Status::InvalidArgument("invalid size '{}'", text);
  int64_t value = std::stoll(text.substr(0, digits));
  std::string unit = text.substr(digits);
  if (unit == "%") return physical / 100 * value;
  static const std::pair<const char*, int64_t> kUnits[] = {
      {"", 1}, {"B", 1}, {"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000},
      {"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", int64_t{1} << 30}, {"TiB", int64_t{1} << 40}};
  for (const auto& [name, multiplier] : kUnits) {
    if (unit == name) return value * multiplier;
  }
  return Status::InvalidArgument("invalid size unit in '{}' (use B, KB, MB, GB, KiB, MiB, GiB or %)", text);
}

Result<DbOptions> MakeDbOptions(const ServeOptions& options) {
  DbOptions db;
  db.data_dir = options.data_dir;
  db.node_id = options.node_id;
  db.object_store = options.object_store;
  ASSIGN_OR_RETURN(db.wal.flush_interval_nanos, ParseDuration(options.wal_flush_interval));
  db.wal.segment_size = options.wal_segment_size;
  db.wal.max_buffer_bytes = options.wal_max_buffer_size;
  ASSIGN_OR_RETURN(db.wal.recovery, ParseWalRecoveryMode(options.wal_recovery));
  ASSIGN_OR_RETURN(db.buffer.gen1_duration_nanos, ParseDuration(options.gen1_duration));
  if (db.buffer.gen1_duration_nanos <= 0) return Status::InvalidArgument("--gen1-duration must be positive");
  ASSIGN_OR_RETURN(db.buffer.memory_limit_bytes,
                   ParseMemorySize(options.buffer_mem_limit.empty() ? "50%" : options.buffer_mem_limit));
  db.limits.max_databases = options.max_databases;
  db.limits.max_tables_per_database = options.max_tables_per_database;
  db.limits.max_columns_per_table = options.max_columns_per_table;
  return db;
}

}  // namespace

int DefaultWorkerThreads() {
  int cores = static_cast<int>(std::thread::hardware_concurrency());
  return std::max(4, 2 * cores);
}

int RunServe(const ServeOptions& options) {
  if (Status status = SetLogFilter(options.log_filter); !status.ok()) {
    std::fprintf(stderr, "quiver serve: invalid --log-filter: %s\n", status.message().c_str());
    return 2;
  }
  if (Status status = ValidateNodeId(options.node_id); !status.ok()) {
    std::fprintf(stderr, "quiver serve: %s\n", status.message().c_str());
    return 2;
  }

  // Block the shutdown signals before any thread starts, so every thread inherits the
  // mask and only the sigwait below sees them.
  sigset_t shutdown_signals;
  sigemptyset(&shutdown_signals);
  sigaddset(&shutdown_signals, SIGINT);
  sigaddset(&shutdown_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &shutdown_signals, nullptr);

  LOG_INFO("serve", "{} starting: node id {}, data dir {}, object store {}", VersionString(),
           options.node_id, options.data_dir, options.object_store);

  Result<std::optional<http::TokenDigest>> auth = SetUpAuthentication(options);
  if (!auth.ok()) {
    std::fprintf(stderr, "quiver serve: cannot set up authentication: %s\n",
                 auth.status().ToString().c_str());
    return 1;
  }

  Result<DbOptions> db_options = MakeDbOptions(options);
  if (!db_options.ok()) {
    std::fprintf(stderr, "quiver serve: %s\n", db_options.status().message().c_str());
    return 2;
  }
  Result<std::unique_ptr<QuiverDb>> db = QuiverDb::Open(std::move(*db_options));
  if (!db.ok()) {
    std::fprintf(stderr, "quiver serve: cannot open the database: %s\n", db.status().ToString().c_str());
    return 1;
  }

  http::Router router;
  Status routes =
      http::AddSystemRoutes(router, http::BuildInfo{"Quiver", QuiverVersion(), QuiverRevision()});
  if (routes.ok()) routes = http::AddWriteRoutes(router, db->get());
  if (routes.ok()) routes = http::AddConfigureRoutes(router, db->get());
  if (routes.ok()) routes = http::AddQueryRoutes(router, db->get());
  if (!routes.ok()) {
    std::fprintf(stderr, "quiver serve: %s\n", routes.ToString().c_str());
    return 1;
  }

  http::HttpServerOptions server_options;
  server_options.bind_address = options.http_bind;
  server_options.io_threads = options.http_threads;
  server_options.worker_threads = options.worker_threads;
  server_options.max_request_size = options.max_http_request_size;
  server_options.admin_token_digest = *auth;
  Result<std::unique_ptr<http::HttpServer>> server =
      http::HttpServer::Start(std::move(server_options), std::move(router));
  if (!server.ok()) {
    std::fprintf(stderr, "quiver serve: cannot start the HTTP server: %s\n",
                 server.status().ToString().c_str());
    return 1;
  }
  std::printf("Quiver %s listening on http://%s\n", QuiverVersion(),
              (*server)->local_address().c_str());
  std::fflush(stdout);

  int signal_number = 0;
  while (sigwait(&shutdown_signals, &signal_number) != 0) {
  }
  const char* signal_name = sigabbrev_np(signal_number);
  LOG_INFO("serve", "received SIG{}, shutting down (send it again to exit at once)",
           signal_name ? signal_name : "?");
  // A second signal during shutdown exits immediately.
  std::thread([shutdown_signals] {
    int again = 0;
    while (sigwait(&shutdown_signals, &again) != 0) {
    }
    _exit(128 + again);
  }).detach();

  (*server)->Stop();
  if (Status closed = (*db)->Close(); !closed.ok()) {
    LOG_ERROR("serve", "closing the database: {}", closed.ToString());
    return 1;
  }
  LOG_INFO("serve", "shutdown complete");
  return 0;
}

}  // namespace quiver::cli
