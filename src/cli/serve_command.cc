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
                   "Where the catalog and persisted files go: 'file' (under --data-dir) or "
                   "'memory' (everything, WAL included, is lost on exit; for tests).")
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
  serve
      ->add_option("--wal-flush-interval", options->wal_flush_interval,
                   "Longest time a write waits for others to share its WAL flush (group commit). "
                   "A flush starts as soon as the previous one ends when a durable write is "
                   "waiting, so a lone write costs about one fsync; this bounds the batching "
                   "delay (and the data a crash can lose for no_sync writes).")
      ->envname("QUIVER_WAL_FLUSH_INTERVAL")
      ->capture_default_str();
  serve
      ->add_option("--wal-segment-size", options->wal_segment_size,
                   "Size in bytes after which the WAL starts a new segment file.")
      ->envname("QUIVER_WAL_SEGMENT_SIZE")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  serve
      ->add_option("--wal-max-buffer-size", options->wal_max_buffer_size,
                   "Bytes of writes that may wait for the WAL at once; beyond it writes get 503.")
      ->envname("QUIVER_WAL_MAX_BUFFER_SIZE")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  serve
      ->add_option("--wal-recovery", options->wal_recovery,
                   "What to do at startup about a corrupt WAL record that is not a torn tail: "
                   "'strict' refuses to start and names the file and offset; 'truncate' drops "
                   "everything from the corrupt record on (with an error in the log).")
      ->envname("QUIVER_WAL_RECOVERY")
      ->check(CLI::IsMember({"strict", "truncate"}))
      ->capture_default_str();
  serve
      ->add_option("--gen1-duration", options->gen1_duration,
                   "Width of the time blocks the write buffer groups rows in (and the unit of "
                   "persistence), e.g. 1m, 5m, 10m.")
      ->envname("QUIVER_GEN1_DURATION")
      ->capture_default_str();
  serve
      ->add_option("--buffer-mem-limit", options->buffer_mem_limit,
                   "Memory the write buffer may hold (e.g. 4GiB, 512MB, 50%). Past it, writes "
                   "get 503 until data is persisted. Default: 50% of physical memory.")
      ->envname("QUIVER_BUFFER_MEM_LIMIT");
  serve
      ->add_option("--max-databases", options->max_databases,
                   "Most databases that may exist (deleted ones do not count).")
      ->envname("QUIVER_MAX_DATABASES")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  serve
      ->add_option("--max-tables-per-database", options->max_tables_per_database,
                   "Most tables one database may hold.")
      ->envname("QUIVER_MAX_TABLES_PER_DATABASE")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  serve
      ->add_option("--max-columns-per-table", options->max_columns_per_table,
                   "Most tag and field columns one table may have (time not counted).")
      ->envname("QUIVER_MAX_COLUMNS_PER_TABLE")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  return serve;
}

}  // namespace quiver::cli
