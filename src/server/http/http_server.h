#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "base/result.h"
#include "server/http/api_token.h"
#include "server/http/router.h"

namespace quiver::http {

// Receives an accepted TCP connection whose first bytes are the HTTP/2 preface (a gRPC
// client). Takes ownership of `fd`: a connected socket in blocking mode with nothing
// consumed, so the preface is still unread. Called on an I/O thread, so it must return
// quickly (gRPC's AddInsecureChannelFromFd does).
using Http2Handoff = std::function<void(int fd)>;

struct HttpServerOptions {
  // "host:port"; port 0 picks a free port (see HttpServer::port()).
  std::string bind_address = "127.0.0.1:8181";
  // Threads running the sockets (Asio). They never run handlers.
  int io_threads = 2;
  // Threads running route handlers, which may block.
  int worker_threads = 4;
  // Requests waiting for a worker beyond this get 503.
  size_t max_queued_requests = 4096;
  // Bound on a request body, before and after gzip inflation (→ 413).
  uint64_t max_request_size = 10 * 1024 * 1024;
  // SHA-256 of the admin token; nullopt runs without authentication.
  std::optional<TokenDigest> admin_token_digest;
  // Where HTTP/2 (gRPC) connections go; when empty they are closed.
  Http2Handoff http2_handoff;
  // How long Stop() lets in-flight requests finish before closing their connections.
  std::chrono::milliseconds shutdown_timeout{10'000};
  // A connection that sends nothing for this long (while a request is read, or idle
  // between keep-alive requests), or accepts no bytes while a response is written, is
  // closed.
  std::chrono::milliseconds idle_timeout{300'000};
};

// The HTTP/1.1 server: one listener shared with gRPC (HTTP/2 connections are handed off
// by peeking at the preface), Asio I/O threads, and a worker pool for handlers. Each
// request goes through RequestDispatcher (OPTIONS/CORS → auth → gzip → route). The
// Beast/Asio types stay in the .cc files; this header is safe to include anywhere.
//
// Thread-safety: all methods may be called from any thread except a handler's.
class HttpServer {
 public:
  // Binds, listens and starts the threads. The router is read-only from here on.
  // IOError if the address cannot be bound (in use, no permission), InvalidArgument if
  // the options are malformed.
  static Result<std::unique_ptr<HttpServer>> Start(HttpServerOptions options, Router router);

  // Stops the server (see Stop).
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // The bound address with the real port, e.g. "127.0.0.1:8181".
  std::string local_address() const;
  uint16_t port() const;

  // Graceful shutdown: stop accepting, close idle connections, let in-flight requests
  // finish (up to shutdown_timeout), then close what remains (a streaming handler's next
  // write returns Cancelled), wait for handlers to return and stop the threads.
  // Idempotent; blocks until done.
  void Stop();

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace quiver::http
