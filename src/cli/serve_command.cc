#include "cli/serve_command.h"

#include <CLI/CLI.hpp>

namespace quiver::cli {

CLI::App* AddServeCommand(CLI::App& app, ServeOptions* options) {
  options->worker_threads = DefaultWorkerThreads();
  CLI::App* serve = app.add_subcommand(
      "serve",
      "Run the Quiver server: HTTP/1.1 APIs (InfluxDB 3 Core compatible) on one port.\n"
      "Every flag can also be set with the environment variable shown next to it.");

  serve
      ->add_option("--http-bind", options->http_bind,
                   "Address (host:port) the HTTP listener binds. Use 0.0.0.0:<port> to accept "
                   "connections from other machines; port 0 picks a free port. gRPC (Flight) "
                   "will share this port.")
      ->envname("QUIVER_HTTP_BIND")
      ->capture_default_str();
  serve
      ->add_option("--data-dir", options->data_dir,
                   "Directory holding everything the server stores (per node: "
                   "<data-dir>/<node-id>/...). Created if missing.")
      ->envname("QUIVER_DATA_DIR")
      ->capture_default_str();
  serve
      ->add_option("--node-id", options->node_id,
                   "Name of this node; its files live under <data-dir>/<node-id>/. "
                   "Must not contain '/'.")
      ->envname("QUIVER_NODE_ID")
      ->capture_default_str();
  serve
      ->add_option("--object-store", options->object_store,
                   "Where persisted Parquet files go: 'file' (under --data-dir) or 'memory' "
                   "(lost on exit; for tests). Recorded only in this version.")
      ->envname("QUIVER_OBJECT_STORE")
      ->check(CLI::IsMember({"file", "memory"}))
      ->capture_default_str();
  serve
      ->add_option("--log-filter", options->log_filter,
                   "Log levels: a default level and target=level overrides, comma-separated, "
                   "e.g. 'info' or 'warn,http=debug'. Levels: trace, debug, info, warn, error, "
                   "off. 'http=debug' logs every request (method, path, status, bytes, "
                   "duration).")
      ->envname("QUIVER_LOG_FILTER")
      ->capture_default_str();
  serve
      ->add_option("--max-http-request-size", options->max_http_request_size,
                   "Largest accepted HTTP request body in bytes, before and after gzip "
                   "decompression; larger requests get 413.")
      ->envname("QUIVER_MAX_HTTP_REQUEST_SIZE")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  serve
      ->add_option("--http-threads", options->http_threads,
                   "Threads doing network I/O (accepting, reading, writing). Handlers never "
                   "run on them.")
      ->envname("QUIVER_HTTP_THREADS")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  serve
      ->add_option("--worker-threads", options->worker_threads,
                   "Threads running request handlers (writes waiting for the WAL, queries). "
                   "Default: max(4, 2 x CPU cores).")
      ->envname("QUIVER_WORKER_THREADS")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  CLI::Option* admin_token = serve->add_option(
      "--admin-token", options->admin_token,
      "Admin token that every request (except /health, /ping and OPTIONS) must present. "
      "Without it, a token is generated on first start, printed once, and only its SHA-256 "
      "hash is kept in <data-dir>/<node-id>/auth/admin-token.sha256.");
  admin_token->envname("QUIVER_ADMIN_TOKEN");
  serve
      ->add_flag("--without-auth", options->without_auth,
                 "Accept every request without a token. Only for trusted networks and tests.")
      ->envname("QUIVER_WITHOUT_AUTH")
      ->excludes(admin_token);
  return serve;
}

}  // namespace quiver::cli
