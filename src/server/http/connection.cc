#include "server/http/connection_internal.h"

#include <array>
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <utility>

#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "base/clock.h"
#include "base/logging.h"
#include "server/http/query_string.h"

namespace quiver::http {

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// Request line + headers; Beast's default (8 KiB) is too tight for long query strings.
constexpr uint32_t kHeaderLimit = 64 * 1024;
// Spare buffer capacity kept for socket reads (Beast reads at most 64 KiB at a time).
constexpr size_t kReadBufferBytes = 128 * 1024;
// After an error response that ends the connection early, keep reading (and discarding)
// what the client is still sending for at most this long, so it sees our response
// rather than a reset (RFC 9112 §9.6 "lingering close").
constexpr std::chrono::seconds kLingerTimeout{2};
constexpr size_t kLingerMaxBytes = 64 * 1024 * 1024;

bool HasNoBody(int status) {
  return (status >= 100 && status < 200) || status == 204 || status == 304;
}

class Connection;

// The ResponseWriter of one request. Its methods run on the worker thread that runs the
// handler; they reach the socket by posting to the connection's strand.
class Exchange final : public ResponseWriter {
 public:
  Exchange(std::shared_ptr<Connection> connection, bool is_head)
      : connection_(std::move(connection)), is_head_(is_head) {}

  // Runs the dispatcher for `request` and then completes the exchange (500 if nothing
  // was sent, stream abort if a stream was left open). Worker thread.
  void Run(HttpRequest& request, const RequestDispatcher& dispatcher);

  Status Send(HttpResponse response) override;
  Status StartStream(int status, HttpHeaders headers) override;
  Status WriteChunk(std::string_view data) override;
  Status FinishStream() override;
  bool responded() const override { return state_ != State::kNone; }

 private:
  enum class State { kNone, kSent, kStreaming, kStreamFinished, kStreamFailed };

  std::shared_ptr<Connection> connection_;
  const bool is_head_;
  State state_ = State::kNone;
};

// One HTTP/1.1 connection. Every member below is touched only on the strand, except
// `stream_`'s executor (immutable) and `state_` (thread-safe). See connection_internal.h.
class Connection final : public ConnectionHandle, public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, std::string remote_address, ServerState* state)
      : stream_(std::move(socket)), remote_address_(std::move(remote_address)), state_(state) {}

  ~Connection() override { state_->Unregister(this); }

  // Strand (the sniffer calls it from its completion handler on the same strand).
  void Start() {
    state_->Register(this, weak_from_this());
    ReadRequest();
  }

  void CloseIfIdle() override {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->phase_ == Phase::kReading || self->phase_ == Phase::kLingering) self->CloseNow();
    });
  }

  void Close() override {
    net::post(stream_.get_executor(), [self = shared_from_this()] { self->CloseNow(); });
  }

  // ---- Called by Exchange on a worker thread. ----

  void PostResponse(HttpResponse response, bool is_head) {
    net::post(stream_.get_executor(),
              [self = shared_from_this(), response = std::move(response), is_head]() mutable {
                self->WriteCompleteResponse(std::move(response), is_head);
              });
  }

  Status WriteStreamHeader(int status, HttpHeaders headers, bool is_head) {
    return RunBlocking([this, status, headers = std::move(headers), is_head](auto done) mutable {
      StartStreamOnStrand(status, std::move(headers), is_head, std::move(done));
    });
  }

  Status WriteStreamChunk(std::string_view data) {
    return RunBlocking([this, data](auto done) {
      stream_.expires_after(state_->options().idle_timeout);
      auto on_written = [self = shared_from_this(), done = std::move(done), size = data.size()](
                            beast::error_code ec, size_t) {
        if (!ec) self->log_bytes_ += size;
        done(ec);
      };
      if (stream_mode_ == StreamMode::kNoBody) {
        on_written(beast::error_code(), 0);
      } else if (stream_mode_ == StreamMode::kRaw) {
        net::async_write(stream_, net::buffer(data.data(), data.size()), std::move(on_written));
      } else {
        net::async_write(stream_, bhttp::make_chunk(net::buffer(data.data(), data.size())),
                         std::move(on_written));
      }
    });
  }

  Status WriteStreamEnd() {
    return RunBlocking([this](auto done) {
      auto on_end = [self = shared_from_this(), done = std::move(done)](beast::error_code ec,
                                                                        size_t) {
        self->response_done_ = true;
        if (ec) self->CloseNow();
        done(ec);
      };
      if (stream_mode_ != StreamMode::kChunked) {
        // Nothing to send: a HEAD (or 204) response has no body; a raw (HTTP/1.0) stream
        // ends when the connection closes.
        if (stream_mode_ == StreamMode::kRaw) close_after_response_ = true;
        on_end(beast::error_code(), 0);
        return;
      }
      stream_.expires_after(state_->options().idle_timeout);
      net::async_write(stream_, bhttp::make_chunk_last(), std::move(on_end));
    });
  }

  // The handler has returned; `abort` closes the connection (a stream left unfinished).
  void PostHandlerDone(bool abort) {
    net::post(stream_.get_executor(), [self = shared_from_this(), abort] {
      self->handler_done_ = true;
      if (abort) self->CloseNow();
      self->MaybeFinishRequest();
    });
  }

 private:
  enum class StreamMode {
    kChunked,  // HTTP/1.1: chunked transfer-encoding
    kRaw,      // HTTP/1.0: plain bytes, the end is the connection close
    kNoBody,   // HEAD, 1xx/204/304: chunks are dropped
  };

  enum class Phase {
    kReading,    // waiting for / reading a request
    kHandling,   // a worker owns the request; the response may be on its way
    kLingering,  // error response sent, draining input before closing
    kClosed,
  };

  // Posts `initiate(done)` to the strand and blocks the calling (worker) thread until
  // `done(ec)` is called. Cancelled if the connection is or becomes closed.
  template <typename Initiate>
  Status RunBlocking(Initiate initiate) {
    auto result = std::make_shared<std::promise<beast::error_code>>();
    std::future<beast::error_code> future = result->get_future();
    net::post(stream_.get_executor(),
              [self = shared_from_this(), result, initiate = std::move(initiate)]() mutable {
                if (self->phase_ == Phase::kClosed) {
                  result->set_value(net::error::operation_aborted);
                  return;
                }
                initiate([result](beast::error_code ec) { result->set_value(ec); });
              });
    beast::error_code ec = future.get();
    if (ec) return Status::Cancelled("client connection closed: {}", ec.message());
    return Status::OK();
  }

  void ReadRequest() {
    phase_ = Phase::kReading;
    // Beast sizes each socket read by the buffer's spare capacity (capped at 64 KiB): with
    // a small buffer, a multi-megabyte write body takes thousands of reads, each re-arming
    // the stream's timer and hopping through the strand. Keep room for full-size reads.
    if (buffer_.capacity() < kReadBufferBytes) buffer_.reserve(kReadBufferBytes);
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(state_->options().max_request_size);
    stream_.expires_after(state_->options().idle_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Connection::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, size_t) {
    if (phase_ != Phase::kReading) return;
    if (ec) return OnReadError(ec);
    if (beast::iequals(parser_->get()[bhttp::field::expect], "100-continue") &&
        !parser_->is_done()) {
      auto interim =
          std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, 11);
      bhttp::async_write(stream_, *interim,
                         [self = shared_from_this(), interim](beast::error_code ec, size_t) {
                           if (self->phase_ != Phase::kReading) return;
                           if (ec) return self->CloseNow();
                           self->ReadBody();
                         });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Connection::OnBody, shared_from_this()));
  }

  void OnBody(beast::error_code ec, size_t) {
    if (phase_ != Phase::kReading) return;
    if (ec) return OnReadError(ec);
    DispatchRequest();
  }

  void OnReadError(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) {
      return RespondEarlyAndClose(413, RequestTooLargeMessage(state_->options().max_request_size));
    }
    if (ec == bhttp::error::header_limit) {
      return RespondEarlyAndClose(431, "request header fields too large");
    }
    if (ec == beast::error::timeout) {
      LOG_DEBUG("http", "{}: closing idle connection", remote_address_);
      return CloseNow();
    }
    const boost::system::error_category& http_category =
        bhttp::make_error_code(bhttp::error::end_of_stream).category();
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
        ec.category() != http_category) {
      // The client left (between requests or mid-request), the socket failed, or we
      // closed it: nobody to answer.
      return CloseNow();
    }
    RespondEarlyAndClose(400, "malformed HTTP request: " + ec.message());
  }

  void DispatchRequest() {
    stream_.expires_never();
    bhttp::request<bhttp::string_body> beast_request = parser_->release();
    parser_.reset();

    HttpRequest request;
    request.method_name = std::string(beast_request.method_string());
    request.method = ParseHttpMethod(request.method_name);
    request.target = std::string(beast_request.target());
    std::string_view path, query;
    SplitTarget(request.target, &path, &query);
    request.path = std::string(path);
    request.query_params = ParseQueryString(query);
    for (const auto& field : beast_request) {
      request.headers.Add(std::string(field.name_string()), std::string(field.value()));
    }
    request.body = std::move(beast_request.body());
    request.remote_address = remote_address_;

    phase_ = Phase::kHandling;
    keep_alive_ = beast_request.keep_alive();
    request_version_ = beast_request.version() < 11 ? 10 : 11;
    handler_done_ = false;
    response_done_ = false;
    close_after_response_ = false;
    stream_mode_ = StreamMode::kChunked;
    request_active_ = true;
    log_method_ = request.method_name;
    log_path_ = request.path;
    log_status_ = 0;
    log_bytes_ = 0;
    start_nanos_ = SystemClock::Default()->MonotonicNanos();

    state_->BeginRequest();
    auto exchange =
        std::make_shared<Exchange>(shared_from_this(), request.method == HttpMethod::kHead);
    ServerState* state = state_;
    Status submitted =
        state_->workers().Submit([exchange, state, request = std::move(request)]() mutable {
          exchange->Run(request, state->dispatcher());
        });
    if (!submitted.ok()) {
      request_active_ = false;
      state_->EndRequest();
      RespondEarlyAndClose(503, submitted.message());
    }
  }

  template <typename Response>
  void ApplyCommonHeaders(Response& response, int status, const HttpHeaders& headers) {
    for (const auto& [name, value] : headers.entries()) response.insert(name, value);
    if (status < 400 &&
        response.find(bhttp::field::access_control_allow_origin) == response.end()) {
      response.set(bhttp::field::access_control_allow_origin, "*");
    }
    if (!keep_alive_ || state_->stopping()) close_after_response_ = true;
    response.keep_alive(!close_after_response_);
  }

  void WriteCompleteResponse(HttpResponse response, bool is_head) {
    if (phase_ == Phase::kClosed) {
      response_done_ = true;
      MaybeFinishRequest();
      return;
    }
    auto message = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(response.status), request_version_);
    ApplyCommonHeaders(*message, response.status, response.headers);
    size_t body_size = response.body.size();
    if (!HasNoBody(response.status)) message->content_length(body_size);
    if (!is_head && !HasNoBody(response.status)) message->body() = std::move(response.body);
    log_status_ = response.status;
    log_bytes_ = message->body().size();
    stream_.expires_after(state_->options().idle_timeout);
    bhttp::async_write(stream_, *message,
                       [self = shared_from_this(), message](beast::error_code ec, size_t) {
                         self->response_done_ = true;
                         if (ec) self->CloseNow();
                         self->MaybeFinishRequest();
                       });
  }

  template <typename Done>
  void StartStreamOnStrand(int status, HttpHeaders headers, bool is_head, Done done) {
    auto message = std::make_shared<bhttp::response<bhttp::empty_body>>(
        static_cast<bhttp::status>(status), request_version_);
    if (is_head || HasNoBody(status)) {
      stream_mode_ = StreamMode::kNoBody;
    } else if (request_version_ < 11) {
      // HTTP/1.0 has no chunked encoding: the body ends when the connection closes.
      stream_mode_ = StreamMode::kRaw;
      keep_alive_ = false;
    } else {
      stream_mode_ = StreamMode::kChunked;
    }
    ApplyCommonHeaders(*message, status, headers);
    if (stream_mode_ == StreamMode::kChunked) message->chunked(true);
    log_status_ = status;
    auto serializer = std::make_shared<bhttp::response_serializer<bhttp::empty_body>>(*message);
    stream_.expires_after(state_->options().idle_timeout);
    bhttp::async_write_header(stream_, *serializer,
                              [self = shared_from_this(), message, serializer,
                               done = std::move(done)](beast::error_code ec, size_t) {
                                if (ec) self->CloseNow();
                                done(ec);
                              });
  }

  // Ends the request once the handler has returned and the response is out (or the
  // connection is gone); then reads the next request or closes.
  void MaybeFinishRequest() {
    if (!request_active_ || !handler_done_) return;
    if (!response_done_ && phase_ != Phase::kClosed) return;
    request_active_ = false;
    double millis =
        static_cast<double>(SystemClock::Default()->MonotonicNanos() - start_nanos_) / 1e6;
    LOG_DEBUG("http", "{} {} {} {} {} bytes {:.3f}ms{}", remote_address_, log_method_, log_path_,
              log_status_, log_bytes_, millis,
              phase_ == Phase::kClosed ? " (connection closed)" : "");
    state_->EndRequest();
    if (phase_ == Phase::kClosed) return;
    if (close_after_response_ || state_->stopping()) return LingeringClose();
    ReadRequest();
  }

  // Answers a request that never reached a worker (too large, malformed, overloaded) and
  // ends the connection.
  void RespondEarlyAndClose(int status, std::string body) {
    LOG_DEBUG("http", "{} {} {} {} (not dispatched): {}", remote_address_,
              parser_ ? std::string(parser_->get().method_string()) : log_method_,
              parser_ ? std::string(parser_->get().target()) : log_path_, status, body);
    phase_ = Phase::kLingering;
    auto message = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(status), 11);
    message->keep_alive(false);
    message->body() = std::move(body);
    message->prepare_payload();
    stream_.expires_after(state_->options().idle_timeout);
    bhttp::async_write(stream_, *message,
                       [self = shared_from_this(), message](beast::error_code ec, size_t) {
                         if (self->phase_ == Phase::kClosed) return;
                         if (ec) return self->CloseNow();
                         self->LingeringClose();
                       });
  }

  // Half-closes (our FIN tells the client the response is complete), then discards input
  // until the client closes too, for at most kLingerTimeout / kLingerMaxBytes.
  void LingeringClose() {
    if (phase_ == Phase::kClosed) return;
    phase_ = Phase::kLingering;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLingerTimeout);
    lingered_bytes_ = 0;
    DrainInput();
  }

  void DrainInput() {
    stream_.async_read_some(net::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              if (self->phase_ != Phase::kLingering) return;
                              self->lingered_bytes_ += n;
                              if (ec || self->lingered_bytes_ > kLingerMaxBytes) {
                                return self->CloseNow();
                              }
                              self->DrainInput();
                            });
  }

  void CloseNow() {
    if (phase_ == Phase::kClosed) return;
    phase_ = Phase::kClosed;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
    MaybeFinishRequest();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  const std::string remote_address_;
  ServerState* const state_;

  Phase phase_ = Phase::kReading;
  bool keep_alive_ = false;
  unsigned request_version_ = 11;  // 10 or 11; responses use the same version
  StreamMode stream_mode_ = StreamMode::kChunked;
  bool close_after_response_ = false;
  bool request_active_ = false;  // BeginRequest called, EndRequest not yet
  bool handler_done_ = false;
  bool response_done_ = false;
  size_t lingered_bytes_ = 0;
  std::array<char, 16 * 1024> drain_buffer_;

  // Access log of the current request.
  std::string log_method_;
  std::string log_path_;
  int log_status_ = 0;
  uint64_t log_bytes_ = 0;
  int64_t start_nanos_ = 0;
};

void Exchange::Run(HttpRequest& request, const RequestDispatcher& dispatcher) {
  try {
    dispatcher.Dispatch(request, *this);
  } catch (const std::exception& e) {
    LOG_ERROR("http", "handler for {} {} threw: {}", request.method_name, request.path, e.what());
  } catch (...) {
    LOG_ERROR("http", "handler for {} {} threw a non-standard exception", request.method_name,
              request.path);
  }
  if (state_ == State::kNone) {
    LOG_ERROR("http", "handler for {} {} returned without a response", request.method_name,
              request.path);
    (void)Send(HttpResponse::Error(500, "internal error: the request handler sent no response"));
  }
  bool abort = state_ == State::kStreaming || state_ == State::kStreamFailed;
  connection_->PostHandlerDone(abort);
}

Status Exchange::Send(HttpResponse response) {
  if (state_ != State::kNone) return Status::Internal("a response was already started");
  state_ = State::kSent;
  connection_->PostResponse(std::move(response), is_head_);
  return Status::OK();
}

Status Exchange::StartStream(int status, HttpHeaders headers) {
  if (state_ != State::kNone) return Status::Internal("a response was already started");
  state_ = State::kStreaming;
  Status written = connection_->WriteStreamHeader(status, std::move(headers), is_head_);
  if (!written.ok()) state_ = State::kStreamFailed;
  return written;
}

Status Exchange::WriteChunk(std::string_view data) {
  if (state_ == State::kStreamFailed) return Status::Cancelled("client connection closed");
  if (state_ != State::kStreaming) return Status::Internal("WriteChunk outside a stream");
  if (data.empty()) return Status::OK();
  Status written = connection_->WriteStreamChunk(data);
  if (!written.ok()) state_ = State::kStreamFailed;
  return written;
}

Status Exchange::FinishStream() {
  if (state_ == State::kStreamFailed) return Status::Cancelled("client connection closed");
  if (state_ != State::kStreaming) return Status::Internal("FinishStream outside a stream");
  Status written = connection_->WriteStreamEnd();
  state_ = written.ok() ? State::kStreamFinished : State::kStreamFailed;
  return written;
}

}  // namespace

void StartHttp1Connection(tcp::socket socket, std::string remote_address, ServerState* state) {
  auto connection =
      std::make_shared<Connection>(std::move(socket), std::move(remote_address), state);
  connection->Start();
}

}  // namespace quiver::http
