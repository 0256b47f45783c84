#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "base/thread_annotations.h"
#include "server/http/http_server.h"
#include "server/http/request_dispatcher.h"
#include "server/http/worker_pool.h"

namespace quiver::http {

// A live connection (being sniffed, or an HTTP/1.1 session) as the server sees it for
// shutdown. Both methods are thread-safe: they post to the connection's strand.
class ConnectionHandle {
 public:
  virtual ~ConnectionHandle() = default;
  // Closes the connection if no request of it is being handled.
  virtual void CloseIfIdle() = 0;
  // Closes the connection now; pending writes complete with an error.
  virtual void Close() = 0;
};

// What the listener, the connections and HttpServer share. Created before the I/O
// threads start and destroyed after they stop (connections hold a raw pointer).
//
// Thread-safety: everything is safe to call from any thread.
class ServerState {
 public:
  ServerState(const HttpServerOptions& options, const Router* router);

  const HttpServerOptions& options() const { return options_; }
  const RequestDispatcher& dispatcher() const { return dispatcher_; }
  WorkerPool& workers() { return workers_; }

  bool stopping() const { return stopping_.load(std::memory_order_acquire); }
  void SetStopping() { stopping_.store(true, std::memory_order_release); }

  // In-flight requests: from dispatch to a worker until the response is written (or the
  // connection is gone) and the handler has returned.
  void BeginRequest() EXCLUDES(mutex_);
  void EndRequest() EXCLUDES(mutex_);
  // True if no request is in flight by `deadline`.
  bool WaitForNoRequests(std::chrono::steady_clock::time_point deadline) EXCLUDES(mutex_);
  size_t active_requests() EXCLUDES(mutex_);

  // The connection registry, for shutdown. A handle registers itself once owned by a
  // shared_ptr and unregisters in its destructor.
  void Register(ConnectionHandle* handle, std::weak_ptr<ConnectionHandle> weak) EXCLUDES(mutex_);
  void Unregister(ConnectionHandle* handle) EXCLUDES(mutex_);
  std::vector<std::shared_ptr<ConnectionHandle>> LiveConnections() EXCLUDES(mutex_);

 private:
  const HttpServerOptions options_;
  const RequestDispatcher dispatcher_;
  WorkerPool workers_;
  std::atomic<bool> stopping_{false};

  std::mutex mutex_;
  std::condition_variable requests_done_;
  size_t active_requests_ GUARDED_BY(mutex_) = 0;
  std::unordered_map<ConnectionHandle*, std::weak_ptr<ConnectionHandle>> connections_
      GUARDED_BY(mutex_);
};

}  // namespace quiver::http
