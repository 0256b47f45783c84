#include "server/http/server_state_internal.h"

namespace quiver::http {

namespace {
std::optional<TokenAuthenticator> MakeAuthenticator(const HttpServerOptions& options) {
  if (!options.admin_token_digest) return std::nullopt;
  return TokenAuthenticator(*options.admin_token_digest);
}
}  // namespace

ServerState::ServerState(const HttpServerOptions& options, const Router* router)
    : options_(options),
      dispatcher_(router, MakeAuthenticator(options), options.max_request_size),
      workers_(options.worker_threads, options.max_queued_requests, "quiver-http-wk") {}

void ServerState::BeginRequest() {
  std::lock_guard lock(mutex_);
  ++active_requests_;
}

void ServerState::EndRequest() {
  bool now_idle;
  {
    std::lock_guard lock(mutex_);
    --active_requests_;
    now_idle = active_requests_ == 0;
  }
  if (now_idle) requests_done_.notify_all();
}

bool ServerState::WaitForNoRequests(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  return requests_done_.wait_until(lock, deadline, [this] { return active_requests_ == 0; });
}

size_t ServerState::active_requests() {
  std::lock_guard lock(mutex_);
  return active_requests_;
}

void ServerState::Register(ConnectionHandle* handle, std::weak_ptr<ConnectionHandle> weak) {
  std::lock_guard lock(mutex_);
  connections_[handle] = std::move(weak);
}

void ServerState::Unregister(ConnectionHandle* handle) {
  std::lock_guard lock(mutex_);
  connections_.erase(handle);
}

std::vector<std::shared_ptr<ConnectionHandle>> ServerState::LiveConnections() {
  std::vector<std::shared_ptr<ConnectionHandle>> live;
  std::lock_guard lock(mutex_);
  live.reserve(connections_.size());
  for (auto& [handle, weak] : connections_) {
    if (std::shared_ptr<ConnectionHandle> strong = weak.lock()) live.push_back(std::move(strong));
  }
  return live;
}

}  // namespace quiver::http
