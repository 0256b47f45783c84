#pragma once

#include <cstdint>
#include <string>

namespace quiver::cli {

// Settings of `quiver serve`. serve_command.cc maps flags and QUIVER_* environment
// variables onto this; RunServe does not know about CLI11.
struct ServeOptions {
  std::string http_bind = "127.0.0.1:8181";
  std::string data_dir = "./quiver-data";
  std::string node_id = "quiver";
  std::string object_store = "file";  // "file" | "memory"
  std::string log_filter = "info";
  uint64_t max_http_request_size = 10 * 1024 * 1024;
  int http_threads = 2;
  int worker_threads = 4;   // see DefaultWorkerThreads()
  std::string admin_token;  // empty: load or generate one (unless without_auth)
  bool without_auth = false;

  // Write path.
  std::string wal_flush_interval = "10ms";
  uint64_t wal_segment_size = 64ull << 20;
  uint64_t wal_max_buffer_size = 256ull << 20;
  std::string wal_recovery = "strict";
  std::string gen1_duration = "10m";
  std::string buffer_mem_limit = "";  // empty: half the machine's memory
  int max_databases = 100;
  int max_tables_per_database = 2000;
  int max_columns_per_table = 500;
};

// max(4, 2 × hardware threads).
int DefaultWorkerThreads();

// Runs the server until SIGINT or SIGTERM, then shuts down gracefully. Prints the bound
// address (and a newly generated admin token, on first start) to stdout; logs go to
// stderr. Returns the process exit code: 0 after a clean shutdown, 1 if startup failed,
// 2 for invalid options.
//
// REQUIRES: called from the main thread before any other thread is started (it blocks
// SIGINT/SIGTERM in every thread and waits for them with sigwait).
int RunServe(const ServeOptions& options);

}  // namespace quiver::cli
