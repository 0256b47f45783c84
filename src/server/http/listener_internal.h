#pragma once

#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "base/result.h"
#include "server/http/server_state_internal.h"

namespace quiver::http {

// Accepts TCP connections and decides, from the first bytes each client sends (peeked,
// not consumed), where it goes: the HTTP/2 preface → Http2Handoff (gRPC), anything else
// → an HTTP/1.1 connection. See protocol_sniffer.h.
//
// Thread-safety: Start and Stop may be called from any thread; the accept loop runs on
// the listener's strand.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Opens, binds (SO_REUSEADDR) and listens. IOError naming the endpoint on failure.
  static Result<std::shared_ptr<Listener>> Make(boost::asio::io_context& io_context,
                                                const boost::asio::ip::tcp::endpoint& endpoint,
                                                ServerState* state);

  Listener(boost::asio::io_context& io_context, ServerState* state);

  void Start();
  // Closes the acceptor; connections already accepted are not touched.
  void Stop();

  boost::asio::ip::tcp::endpoint local_endpoint() const { return local_endpoint_; }

 private:
  void Accept();
  void OnAccept(const boost::system::error_code& ec, boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& io_context_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_timer_;
  boost::asio::ip::tcp::endpoint local_endpoint_;
  ServerState* const state_;
};

}  // namespace quiver::http
