#include "server/http/http_server.h"

#include <pthread.h>

#include <mutex>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "base/logging.h"
#include "server/http/bind_address.h"
#include "server/http/listener_internal.h"
#include "server/http/server_state_internal.h"

namespace quiver::http {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

Result<tcp::endpoint> ResolveBindAddress(const std::string& text) {
  ASSIGN_OR_RETURN(BindAddress bind, ParseBindAddress(text));
  boost::system::error_code ec;
  net::ip::address address = net::ip::make_address(bind.host, ec);
  if (!ec) return tcp::endpoint(address, bind.port);
  // A host name ("localhost"): take its first address.
  net::io_context resolver_context;
  tcp::resolver resolver(resolver_context);
  auto results = resolver.resolve(bind.host, std::to_string(bind.port),
                                  tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    return Status::InvalidArgument("cannot resolve bind host '{}': {}", bind.host,
                                   ec ? ec.message() : std::string("no addresses"));
  }
  return results.begin()->endpoint();
}

Status ValidateOptions(const HttpServerOptions& options) {
  if (options.io_threads < 1) {
    return Status::InvalidArgument("io_threads must be at least 1, got {}", options.io_threads);
  }
  if (options.worker_threads < 1) {
    return Status::InvalidArgument("worker_threads must be at least 1, got {}",
                                   options.worker_threads);
  }
  if (options.max_request_size < 1) {
    return Status::InvalidArgument("max_request_size must be at least 1 byte");
  }
  return Status::OK();
}

}  // namespace

// Member order matters for destruction: the io_context (whose pending handlers own
// connections) goes before `state` (which connections point to), and `router` last.
struct HttpServer::Impl {
  Impl(HttpServerOptions options, Router router_in)
      : router(std::move(router_in)), state(options, &router) {}

  Router router;
  ServerState state;
  net::io_context io_context;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work_guard;
  std::shared_ptr<Listener> listener;
  std::vector<std::thread> io_threads;
  std::string local_address;
  uint16_t port = 0;

  std::mutex stop_mutex;
  bool stopped = false;  // guarded by stop_mutex

  void Stop();
};

void HttpServer::Impl::Stop() {
  std::lock_guard lock(stop_mutex);
  if (stopped) return;
  stopped = true;
  LOG_INFO("http", "stopping HTTP server on {}", local_address);

  // 1. Stop accepting; close connections that are between requests.
  state.SetStopping();
  listener->Stop();
  for (const auto& connection : state.LiveConnections()) connection->CloseIfIdle();

  // 2. Let in-flight requests finish, for a bounded time.
  auto deadline = std::chrono::steady_clock::now() + state.options().shutdown_timeout;
  if (!state.WaitForNoRequests(deadline)) {
    LOG_WARN("http", "{} request(s) still running after {}ms; closing their connections",
             state.active_requests(), state.options().shutdown_timeout.count());
  }

  // 3. Close whatever is left: blocked stream writes return Cancelled, so handlers can
  //    return; the I/O threads keep running until every handler has.
  for (const auto& connection : state.LiveConnections()) connection->Close();
  state.workers().Shutdown();

  // 4. Stop the I/O threads. Handlers still queued in the io_context are destroyed with
  //    it, which releases their connections.
  work_guard.reset();
  io_context.stop();
  for (std::thread& thread : io_threads) {
    if (thread.joinable()) thread.join();
  }
  LOG_INFO("http", "HTTP server stopped");
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() { Stop(); }

Result<std::unique_ptr<HttpServer>> HttpServer::Start(HttpServerOptions options, Router router) {
  RETURN_NOT_OK(ValidateOptions(options));
  ASSIGN_OR_RETURN(tcp::endpoint endpoint, ResolveBindAddress(options.bind_address));
  auto impl = std::make_unique<Impl>(std::move(options), std::move(router));
  ASSIGN_OR_RETURN(impl->listener, Listener::Make(impl->io_context, endpoint, &impl->state));
  tcp::endpoint bound = impl->listener->local_endpoint();
  impl->port = bound.port();
  impl->local_address = FormatHostPort(bound.address().to_string(), bound.port());

  impl->work_guard.emplace(net::make_work_guard(impl->io_context));
  impl->listener->Start();
  int io_threads = impl->state.options().io_threads;
  for (int index = 0; index < io_threads; ++index) {
    impl->io_threads.emplace_back([context = &impl->io_context] { context->run(); });
    pthread_setname_np(impl->io_threads.back().native_handle(), "quiver-http-io");
  }
  LOG_INFO("http", "HTTP server listening on {} ({} I/O threads, {} workers, auth {})",
           impl->local_address, io_threads, impl->state.options().worker_threads,
           impl->state.options().admin_token_digest ? "on" : "off");
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

std::string HttpServer::local_address() const { return impl_->local_address; }

uint16_t HttpServer::port() const { return impl_->port; }

void HttpServer::Stop() {
  if (impl_) impl_->Stop();
}

}  // namespace quiver::http
