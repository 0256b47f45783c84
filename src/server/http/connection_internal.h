#pragma once

#include <string>

#include <boost/asio/ip/tcp.hpp>

#include "server/http/server_state_internal.h"

namespace quiver::http {

// Serves HTTP/1.1 on `socket` until the client leaves, the connection idles out or the
// server stops. `socket` must use a strand executor (every completion handler of the
// connection then runs serialized). `state` must outlive the connection.
//
// Per request: read (size limits, `Expect: 100-continue`) → hand the request to a worker
// (RequestDispatcher runs there) → write the response (complete or chunked) → keep-alive
// read of the next request. One request at a time per connection (no pipelining in
// parallel); pipelined bytes wait in the read buffer.
//
// TLS later: the connection would be templated on its stream type (beast::tcp_stream or
// beast::ssl_stream<beast::tcp_stream>); nothing else here depends on it.
void StartHttp1Connection(boost::asio::ip::tcp::socket socket, std::string remote_address,
                          ServerState* state);

}  // namespace quiver::http
