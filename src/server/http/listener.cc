#include "server/http/listener_internal.h"

#include <fcntl.h>

#include <array>
#include <chrono>

#include <boost/asio/post.hpp>

#include "base/logging.h"
#include "server/http/bind_address.h"
#include "server/http/connection_internal.h"
#include "server/http/protocol_sniffer.h"

namespace quiver::http {

namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

// A client that connects and sends nothing for this long is dropped before any protocol
// is chosen.
constexpr std::chrono::seconds kSniffTimeout{10};
// When only a prefix of the HTTP/2 preface has arrived, look again after this long (the
// peeked bytes stay readable, so waiting for readability would spin).
constexpr std::chrono::milliseconds kSniffRetry{5};

std::string FormatEndpoint(const tcp::endpoint& endpoint) {
  return FormatHostPort(endpoint.address().to_string(), endpoint.port());
}

// Peeks at a new connection's first bytes and passes it on. Runs on the socket's strand.
class SniffSession final : public ConnectionHandle,
                           public std::enable_shared_from_this<SniffSession> {
 public:
  SniffSession(tcp::socket socket, std::string remote_address, ServerState* state)
      : socket_(std::move(socket)),
        deadline_(socket_.get_executor()),
        retry_(socket_.get_executor()),
        remote_address_(std::move(remote_address)),
        state_(state) {}

  ~SniffSession() override { state_->Unregister(this); }

  // Any thread: the work itself runs on the socket's strand.
  void Start() {
    state_->Register(this, weak_from_this());
    net::post(socket_.get_executor(), [self = shared_from_this()] { self->StartOnStrand(); });
  }

  void CloseIfIdle() override { Close(); }
  void Close() override {
    net::post(socket_.get_executor(), [self = shared_from_this()] { self->Finish(); });
  }

 private:
  void StartOnStrand() {
    if (done_) return;
    deadline_.expires_after(kSniffTimeout);
    deadline_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
      if (ec || self->done_) return;
      LOG_DEBUG("http", "{}: no request within {}s, closing", self->remote_address_,
                kSniffTimeout.count());
      self->Finish();
    });
    WaitReadable();
  }

  void WaitReadable() {
    socket_.async_wait(
        tcp::socket::wait_read,
        [self = shared_from_this()](const boost::system::error_code& ec) { self->OnReadable(ec); });
  }

  void OnReadable(const boost::system::error_code& ec) {
    if (done_) return;
    if (ec) return Finish();
    std::array<char, kHttp2Preface.size()> peeked;
    boost::system::error_code peek_ec;
    size_t n = socket_.receive(net::buffer(peeked), tcp::socket::message_peek, peek_ec);
    if (peek_ec == net::error::would_block || peek_ec == net::error::try_again) {
      return WaitReadable();
    }
    if (peek_ec || n == 0) return Finish();  // error, or the client closed
    switch (SniffProtocol(std::string_view(peeked.data(), n))) {
      case SniffResult::kHttp1:
        done_ = true;
        deadline_.cancel();
        StartHttp1Connection(std::move(socket_), remote_address_, state_);
        return;
      case SniffResult::kHttp2:
        done_ = true;
        deadline_.cancel();
        HandOffHttp2();
        return;
      case SniffResult::kNeedMoreBytes:
        retry_.expires_after(kSniffRetry);
        retry_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
          if (ec || self->done_) return;
          self->WaitReadable();
        });
        return;
    }
  }

  void HandOffHttp2() {
    const Http2Handoff& handoff = state_->options().http2_handoff;
    if (!handoff || state_->stopping()) {
      LOG_DEBUG("http", "{}: HTTP/2 connection closed (no gRPC server)", remote_address_);
      boost::system::error_code ignored;
      socket_.close(ignored);
      return;
    }
    boost::system::error_code ec;
    int fd = socket_.release(ec);
    if (ec) {
      LOG_WARN("http", "{}: cannot hand the HTTP/2 connection over: {}", remote_address_,
               ec.message());
      socket_.close(ec);
      return;
    }
    int flags = fcntl(fd, F_GETFL, 0);
    if (flags >= 0) fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    LOG_DEBUG("http", "{}: HTTP/2 connection handed to the gRPC server", remote_address_);
    handoff(fd);
  }

  void Finish() {
    if (done_) return;
    done_ = true;
    deadline_.cancel();
    retry_.cancel();
    boost::system::error_code ignored;
    socket_.close(ignored);
  }

  tcp::socket socket_;
  net::steady_timer deadline_;
  net::steady_timer retry_;
  const std::string remote_address_;
  ServerState* const state_;
  bool done_ = false;
};

}  // namespace

Listener::Listener(net::io_context& io_context, ServerState* state)
    : io_context_(io_context),
      strand_(net::make_strand(io_context)),
      acceptor_(strand_),
      retry_timer_(strand_),
      state_(state) {}

Result<std::shared_ptr<Listener>> Listener::Make(net::io_context& io_context,
                                                 const tcp::endpoint& endpoint,
                                                 ServerState* state) {
  auto listener = std::make_shared<Listener>(io_context, state);
  tcp::acceptor& acceptor = listener->acceptor_;
  boost::system::error_code ec;
  std::string where = FormatEndpoint(endpoint);
  if (acceptor.open(endpoint.protocol(), ec)) {
    return Status::IOError("cannot open a socket for {}: {}", where, ec.message());
  }
  if (acceptor.set_option(net::socket_base::reuse_address(true), ec)) {
    return Status::IOError("cannot set SO_REUSEADDR on {}: {}", where, ec.message());
  }
  if (acceptor.bind(endpoint, ec)) {
    return Status::IOError("cannot bind {}: {}", where, ec.message());
  }
  if (acceptor.listen(net::socket_base::max_listen_connections, ec)) {
    return Status::IOError("cannot listen on {}: {}", where, ec.message());
  }
  listener->local_endpoint_ = acceptor.local_endpoint(ec);
  if (ec) return Status::IOError("cannot read the bound address of {}: {}", where, ec.message());
  return listener;
}

void Listener::Start() {
  net::post(strand_, [self = shared_from_this()] { self->Accept(); });
}

void Listener::Stop() {
  net::post(strand_, [self = shared_from_this()] {
    boost::system::error_code ignored;
    self->retry_timer_.cancel();
    self->acceptor_.close(ignored);
  });
}

void Listener::Accept() {
  if (!acceptor_.is_open()) return;
  // Each connection gets its own strand: its handlers never run concurrently.
  acceptor_.async_accept(
      net::make_strand(io_context_),
      [self = shared_from_this()](const boost::system::error_code& ec, tcp::socket socket) {
        self->OnAccept(ec, std::move(socket));
      });
}

void Listener::OnAccept(const boost::system::error_code& ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
  if (ec) {
    // Typically EMFILE/ENFILE: back off briefly instead of spinning.
    LOG_WARN("http", "accept failed: {}", ec.message());
    retry_timer_.expires_after(std::chrono::milliseconds(100));
    retry_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& wait_ec) {
      if (!wait_ec) self->Accept();
    });
    return;
  }
  if (state_->stopping()) {
    boost::system::error_code ignored;
    socket.close(ignored);
    return;
  }
  boost::system::error_code endpoint_ec;
  tcp::endpoint remote = socket.remote_endpoint(endpoint_ec);
  std::string remote_address = endpoint_ec ? std::string("?") : FormatEndpoint(remote);
  boost::system::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  std::make_shared<SniffSession>(std::move(socket), std::move(remote_address), state_)->Start();
  Accept();
}

}  // namespace quiver::http
