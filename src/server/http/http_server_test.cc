#include "server/http/http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <latch>
#include <map>
#include <thread>

#include "server/http/gzip.h"
#include "server/http/protocol_sniffer.h"
#include "testing/status_matchers.h"

namespace quiver::http {
namespace {

using namespace std::chrono_literals;

// ---- A tiny blocking HTTP/1.1 client over a raw socket (no Beast on the client side,
// so the server is tested against an independent implementation). ----

struct ClientResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  bool chunked = false;
  bool complete = true;  // false if the connection ended inside the body

  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
  bool HasHeader(const std::string& lower_name) const { return headers.count(lower_name) > 0; }
};

class TestClient {
 public:
  explicit TestClient(uint16_t port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  }
  ~TestClient() { Close(); }
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;

  bool connected() const { return connected_; }

  void Close() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

  // Closes with RST (SO_LINGER 0), as a crashed client would.
  void Reset() {
    linger option{1, 0};
    setsockopt(fd_, SOL_SOCKET, SO_LINGER, &option, sizeof(option));
    Close();
  }

  bool Send(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // Reads one response. For HEAD responses pass `head` (no body despite Content-Length).
  std::optional<ClientResponse> Read(bool head = false, std::chrono::milliseconds timeout = 10s) {
    timeout_ = timeout;
    std::string header_block;
    if (!ReadUntil("\r\n\r\n", &header_block)) return std::nullopt;
    ClientResponse response;
    size_t line_end = header_block.find("\r\n");
    std::string status_line = header_block.substr(0, line_end);
    if (status_line.size() < 12) return std::nullopt;
    response.status = std::stoi(status_line.substr(9, 3));
    size_t position = line_end + 2;
    while (position < header_block.size()) {
      size_t end = header_block.find("\r\n", position);
      std::string line = header_block.substr(position, end - position);
      position = end + 2;
      if (line.empty()) break;
      size_t colon = line.find(':');
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(tolower(c));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      response.headers[name] = value;
    }
    if (response.status == 100) return response;
    bool no_body = head || response.status == 204 || response.status == 304;
    if (no_body) return response;
    if (response.Header("transfer-encoding") == "chunked") {
      response.chunked = true;
      while (true) {
        std::string size_line;
        if (!ReadUntil("\r\n", &size_line)) {
          response.complete = false;
          return response;
        }
        size_t size = std::stoul(size_line, nullptr, 16);
        std::string chunk;
        if (!ReadExactly(size + 2, &chunk)) {
          response.complete = false;
          return response;
        }
        if (size == 0) break;
        response.body += chunk.substr(0, size);
      }
    } else if (response.HasHeader("content-length")) {
      if (!ReadExactly(std::stoul(response.Header("content-length")), &response.body)) {
        response.complete = false;
      }
    } else {
      // Body delimited by the connection close.
      while (Fill()) {
      }
      response.body = std::move(buffer_);
      buffer_.clear();
    }
    return response;
  }

  // True if the server closed the connection (EOF or reset) within `timeout`.
  bool WaitClosed(std::chrono::milliseconds timeout = 5s) {
    timeout_ = timeout;
    buffer_.clear();
    while (Fill()) buffer_.clear();
    return eof_;
  }

 private:
  // Reads more bytes into buffer_; false on EOF, error or timeout.
  bool Fill() {
    pollfd poll_fd{fd_, POLLIN, 0};
    if (poll(&poll_fd, 1, static_cast<int>(timeout_.count())) <= 0) return false;
    char chunk[65536];
    ssize_t n = recv(fd_, chunk, sizeof(chunk), 0);
    if (n <= 0) {
      eof_ = true;
      return false;
    }
    buffer_.append(chunk, static_cast<size_t>(n));
    return true;
  }

  bool ReadUntil(std::string_view delimiter, std::string* out) {
    while (true) {
      size_t found = buffer_.find(delimiter);
      if (found != std::string::npos) {
        *out = buffer_.substr(0, found + delimiter.size());
        if (delimiter == "\r\n") out->resize(found);
        buffer_.erase(0, found + delimiter.size());
        return true;
      }
      if (!Fill()) return false;
    }
  }

  bool ReadExactly(size_t count, std::string* out) {
    while (buffer_.size() < count) {
      if (!Fill()) return false;
    }
    *out = buffer_.substr(0, count);
    buffer_.erase(0, count);
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  bool eof_ = false;
  std::string buffer_;
  std::chrono::milliseconds timeout_{10s};
};

std::string Get(std::string_view path, std::string_view extra_headers = "") {
  return fmt::format("GET {} HTTP/1.1\r\nHost: test\r\n{}\r\n", path, extra_headers);
}

std::string Post(std::string_view path, std::string_view body,
                 std::string_view extra_headers = "") {
  return fmt::format("POST {} HTTP/1.1\r\nHost: test\r\nContent-Length: {}\r\n{}\r\n{}", path,
                     body.size(), extra_headers, body);
}

constexpr uint64_t kLimit = 64 * 1024;
constexpr std::string_view kToken = "apiv3_unit-test-token";

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto echo = [](const HttpRequest& request, ResponseWriter& writer) {
      HttpResponse response = HttpResponse::Text(200, request.body);
      response.headers.Set("X-Method", request.method_name);
      response.headers.Set("X-Path", request.path);
      auto q = request.QueryParam("q");
      response.headers.Set("X-Q", q ? std::string(*q) : "-");
      response.headers.Set("X-Remote", request.remote_address);
      auto encoding = request.Header("content-encoding");
      response.headers.Set("X-Content-Encoding", encoding ? std::string(*encoding) : "-");
      (void)writer.Send(std::move(response));
    };
    ASSERT_OK(router_.Add(HttpMethod::kPost, "/echo", echo));
    ASSERT_OK(router_.Add(HttpMethod::kGet, "/echo", echo));
    ASSERT_OK(
        router_.Add(HttpMethod::kGet, "/stream", [](const HttpRequest&, ResponseWriter& writer) {
          HttpHeaders headers;
          headers.Set("Content-Type", "application/jsonl");
          if (!writer.StartStream(200, std::move(headers)).ok()) return;
          for (int index = 0; index < 3; ++index) {
            if (!writer.WriteChunk(fmt::format("line {}\n", index)).ok()) return;
          }
          (void)writer.FinishStream();
        }));
    ASSERT_OK(
        router_.Add(HttpMethod::kGet, "/truncated", [](const HttpRequest&, ResponseWriter& writer) {
          (void)writer.StartStream(200, {});
          (void)writer.WriteChunk("partial");
          // Returns without FinishStream, as a handler hitting an error
          // mid-stream does.
        }));
    ASSERT_OK(router_.Add(HttpMethod::kGet, "/silent", [](const HttpRequest&, ResponseWriter&) {}));
    ASSERT_OK(router_.Add(HttpMethod::kGet, "/throws", [](const HttpRequest&, ResponseWriter&) {
      throw std::runtime_error("boom");
    }));
    ASSERT_OK(
        router_.Add(HttpMethod::kGet, "/slow", [](const HttpRequest&, ResponseWriter& writer) {
          std::this_thread::sleep_for(300ms);
          (void)writer.Send(HttpResponse::Text(200, "slow done"));
        }));
    ASSERT_OK(router_.Add(HttpMethod::kGet, "/endless",
                          [this](const HttpRequest&, ResponseWriter& writer) {
                            // Streams until the client is gone; reports how it ended.
                            Status status = writer.StartStream(200, {});
                            std::string chunk(256 * 1024, 'z');
                            while (status.ok()) status = writer.WriteChunk(chunk);
                            endless_result_.set_value(status);
                          }));
    ASSERT_OK(
        router_.Add(HttpMethod::kGet, "/block", [this](const HttpRequest&, ResponseWriter& writer) {
          block_started_.count_down();
          release_block_.wait();
          (void)writer.Send(HttpResponse::Text(200, "unblocked"));
        }));
    ASSERT_OK(router_.Add(
        HttpMethod::kGet, "/health",
        [](const HttpRequest&, ResponseWriter& writer) {
          (void)writer.Send(HttpResponse::Text(200, "OK"));
        },
        RouteAccess::kPublic));
  }

  void TearDown() override {
    release_block_.count_down();
    if (server_) server_->Stop();
  }

  void StartServer(HttpServerOptions options = {}) {
    options.bind_address = "127.0.0.1:0";
    if (options.max_request_size == HttpServerOptions().max_request_size) {
      options.max_request_size = kLimit;
    }
    ASSERT_OK_AND_ASSIGN(server_, HttpServer::Start(std::move(options), std::move(router_)));
    ASSERT_NE(server_->port(), 0);
  }

  std::optional<ClientResponse> RoundTrip(const std::string& request, bool head = false) {
    TestClient client(server_->port());
    EXPECT_TRUE(client.connected());
    EXPECT_TRUE(client.Send(request));
    return client.Read(head);
  }

  Router router_;
  std::unique_ptr<HttpServer> server_;
  std::promise<Status> endless_result_;
  std::latch block_started_{1};
  std::latch release_block_{1};
};

TEST_F(HttpServerTest, EchoesRequest) {
  StartServer();
  EXPECT_EQ(server_->local_address(), "127.0.0.1:" + std::to_string(server_->port()));
  auto response = RoundTrip(Post("/echo?q=SELECT+1%3B", "hello body"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "hello body");
  EXPECT_EQ(response->Header("x-method"), "POST");
  EXPECT_EQ(response->Header("x-path"), "/echo");
  EXPECT_EQ(response->Header("x-q"), "SELECT 1;");
  EXPECT_TRUE(response->Header("x-remote").starts_with("127.0.0.1:"));
  EXPECT_EQ(response->Header("access-control-allow-origin"), "*");
  EXPECT_EQ(response->Header("content-type"), "text/plain; charset=utf-8");
}

TEST_F(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  StartServer();
  TestClient client(server_->port());
  for (int index = 0; index < 5; ++index) {
    ASSERT_TRUE(client.Send(Post("/echo", "n" + std::to_string(index))));
    auto response = client.Read();
    ASSERT_TRUE(response) << index;
    EXPECT_EQ(response->body, "n" + std::to_string(index));
    EXPECT_NE(response->Header("connection"), "close");
  }
  // Pipelined: both requests sent before reading.
  ASSERT_TRUE(client.Send(Post("/echo", "first") + Post("/echo", "second")));
  EXPECT_EQ(client.Read()->body, "first");
  EXPECT_EQ(client.Read()->body, "second");
  // Connection: close is honoured.
  ASSERT_TRUE(client.Send(Post("/echo", "last", "Connection: close\r\n")));
  auto last = client.Read();
  ASSERT_TRUE(last);
  EXPECT_EQ(last->Header("connection"), "close");
  EXPECT_TRUE(client.WaitClosed());
}

TEST_F(HttpServerTest, UnknownPathIs404) {
  StartServer();
  auto response = RoundTrip(Get("/nope"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 404);
  EXPECT_EQ(response->body, "Not found");
  EXPECT_FALSE(response->HasHeader("access-control-allow-origin"));
  EXPECT_FALSE(response->HasHeader("content-type"));
}

TEST_F(HttpServerTest, OversizeBodyByContentLengthIs413) {
  StartServer();
  TestClient client(server_->port());
  std::string body(kLimit + 1, 'x');
  ASSERT_TRUE(client.Send(Post("/echo", body)));
  auto response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(response->body, "max request size (65536 bytes) exceeded");
  EXPECT_TRUE(client.WaitClosed());
}

TEST_F(HttpServerTest, BodyAtTheLimitIsAccepted) {
  StartServer();
  std::string body(kLimit, 'x');
  auto response = RoundTrip(Post("/echo", body));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body.size(), kLimit);
}

TEST_F(HttpServerTest, OversizeChunkedBodyIs413) {
  StartServer();
  TestClient client(server_->port());
  ASSERT_TRUE(client.Send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"));
  std::string chunk(16 * 1024, 'c');
  std::string framed = fmt::format("{:x}\r\n{}\r\n", chunk.size(), chunk);
  for (int index = 0; index < 5; ++index) client.Send(framed);
  auto response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(response->body, "max request size (65536 bytes) exceeded");
}

TEST_F(HttpServerTest, LargeOversizeUploadStillSees413) {
  // The client keeps sending after the server decided; the lingering close lets it read
  // the response instead of getting a reset.
  StartServer();
  TestClient client(server_->port());
  std::string body(4 * 1024 * 1024, 'x');
  ASSERT_TRUE(client.Send(
      fmt::format("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: {}\r\n\r\n", body.size())));
  client.Send(body);  // may fail part-way; that is fine
  auto response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
}

TEST_F(HttpServerTest, ChunkedRequestBodyIsAssembled) {
  StartServer();
  auto response = RoundTrip(
      "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "hello world");
}

TEST_F(HttpServerTest, GzipBodies) {
  StartServer();
  ASSERT_OK_AND_ASSIGN(std::string first, Gzip("cpu value=1\n"));
  ASSERT_OK_AND_ASSIGN(std::string second, Gzip("cpu value=2\n"));
  auto response = RoundTrip(Post("/echo", first + second, "Content-Encoding: gzip\r\n"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "cpu value=1\ncpu value=2\n");
  EXPECT_EQ(response->Header("x-content-encoding"), "-");

  // Small on the wire, too large once inflated.
  ASSERT_OK_AND_ASSIGN(std::string bomb, Gzip(std::string(kLimit * 16, 'a')));
  ASSERT_LT(bomb.size(), kLimit);
  response = RoundTrip(Post("/echo", bomb, "Content-Encoding: gzip\r\n"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(response->body, "max request size (65536 bytes) exceeded");

  response = RoundTrip(Post("/echo", "definitely not gzip", "Content-Encoding: gzip\r\n"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_NE(response->body.find("invalid gzip body"), std::string::npos) << response->body;

  response = RoundTrip(Post("/echo", "x", "Content-Encoding: deflate\r\n"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(response->body, "unacceptable content-encoding: deflate");
}

TEST_F(HttpServerTest, OptionsPreflight) {
  StartServer();
  auto response = RoundTrip("OPTIONS /api/v3/write_lp HTTP/1.1\r\nHost: t\r\n\r\n");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 204);
  EXPECT_EQ(response->Header("access-control-allow-origin"), "*");
  EXPECT_EQ(response->Header("access-control-allow-methods"), "*");
  EXPECT_EQ(response->Header("access-control-allow-headers"), "*");
  EXPECT_EQ(response->Header("access-control-max-age"), "86400");
  EXPECT_FALSE(response->HasHeader("content-length"));
}

TEST_F(HttpServerTest, StreamedResponseIsChunked) {
  StartServer();
  TestClient client(server_->port());
  ASSERT_TRUE(client.Send(Get("/stream")));
  auto response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_TRUE(response->chunked);
  EXPECT_TRUE(response->complete);
  EXPECT_EQ(response->body, "line 0\nline 1\nline 2\n");
  EXPECT_EQ(response->Header("content-type"), "application/jsonl");
  EXPECT_EQ(response->Header("access-control-allow-origin"), "*");
  // The connection is reusable after a stream.
  ASSERT_TRUE(client.Send(Get("/echo?q=again")));
  EXPECT_EQ(client.Read()->Header("x-q"), "again");
}

TEST_F(HttpServerTest, StreamToHttp10ClientIsCloseDelimited) {
  StartServer();
  TestClient client(server_->port());
  ASSERT_TRUE(client.Send("GET /stream HTTP/1.0\r\n\r\n"));
  auto response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_FALSE(response->chunked);
  EXPECT_EQ(response->body, "line 0\nline 1\nline 2\n");
}

TEST_F(HttpServerTest, UnfinishedStreamClosesTheConnection) {
  StartServer();
  TestClient client(server_->port());
  ASSERT_TRUE(client.Send(Get("/truncated")));
  auto response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_FALSE(response->complete);
  EXPECT_EQ(response->body, "partial");
}

TEST_F(HttpServerTest, ClientDisconnectCancelsTheProducer) {
  StartServer();
  std::future<Status> result = endless_result_.get_future();
  {
    TestClient client(server_->port());
    ASSERT_TRUE(client.Send(Get("/endless")));
    std::this_thread::sleep_for(100ms);  // let the socket buffers fill: backpressure
    client.Reset();
  }
  ASSERT_EQ(result.wait_for(10s), std::future_status::ready);
  ASSERT_RAISES(kCancelled, result.get());
}

TEST_F(HttpServerTest, HandlerWithoutResponseGets500) {
  StartServer();
  auto response = RoundTrip(Get("/silent"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 500);
  response = RoundTrip(Get("/throws"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 500);
}

TEST_F(HttpServerTest, BlockingHandlerDoesNotStallOthers) {
  HttpServerOptions options;
  options.io_threads = 1;
  options.worker_threads = 2;
  StartServer(options);
  TestClient blocked(server_->port());
  ASSERT_TRUE(blocked.Send(Get("/block")));
  block_started_.wait();
  auto response = RoundTrip(Get("/echo?q=meanwhile"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->Header("x-q"), "meanwhile");
  release_block_.count_down();
  EXPECT_EQ(blocked.Read()->body, "unblocked");
}

TEST_F(HttpServerTest, HeadResponseHasNoBody) {
  ASSERT_OK(router_.Add(HttpMethod::kHead, "/echo", [](const HttpRequest&, ResponseWriter& writer) {
    (void)writer.Send(HttpResponse::Text(200, "twelve bytes"));
  }));
  StartServer();
  TestClient client(server_->port());
  ASSERT_TRUE(client.Send("HEAD /echo HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto response = client.Read(/*head=*/true);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->Header("content-length"), "12");
  // Nothing but the next response follows on the connection.
  ASSERT_TRUE(client.Send(Get("/echo?q=next")));
  EXPECT_EQ(client.Read()->Header("x-q"), "next");
}

TEST_F(HttpServerTest, ExpectContinue) {
  StartServer();
  TestClient client(server_->port());
  ASSERT_TRUE(client.Send(
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"));
  auto interim = client.Read();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(client.Send("data"));
  auto response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "data");
}

TEST_F(HttpServerTest, MalformedRequestIs400) {
  StartServer();
  TestClient client(server_->port());
  ASSERT_TRUE(client.Send("GET /echo HTTP/1.1\r\nBad Header Line\r\n\r\n"));
  auto response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_TRUE(client.WaitClosed());
}

TEST_F(HttpServerTest, AuthenticationOnTheWire) {
  HttpServerOptions options;
  options.admin_token_digest = HashToken(kToken);
  StartServer(options);
  auto response = RoundTrip(Get("/echo"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 401);
  EXPECT_EQ(response->body, R"({"error": "the request was not authenticated"})");
  response = RoundTrip(Get("/echo", "Authorization: Bearer " + std::string(kToken) + "\r\n"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  response = RoundTrip(Get("/health"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
}

TEST_F(HttpServerTest, Http2ConnectionsAreHandedOff) {
  std::promise<std::string> received;
  HttpServerOptions options;
  options.http2_handoff = [&received](int fd) {
    // The fd is blocking and nothing was consumed: the preface is still there.
    std::string data(kHttp2Preface.size() + 4, '\0');
    size_t got = 0;
    while (got < data.size()) {
      ssize_t n = read(fd, data.data() + got, data.size() - got);
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    data.resize(got);
    close(fd);
    received.set_value(data);
  };
  StartServer(options);
  TestClient client(server_->port());
  // Send the preface in two pieces to exercise the partial-prefix path.
  ASSERT_TRUE(client.Send(kHttp2Preface.substr(0, 5)));
  std::this_thread::sleep_for(20ms);
  ASSERT_TRUE(client.Send(std::string(kHttp2Preface.substr(5)) + "more"));
  std::future<std::string> future = received.get_future();
  ASSERT_EQ(future.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(future.get(), std::string(kHttp2Preface) + "more");
}

TEST_F(HttpServerTest, Http2WithoutHandoffIsClosed) {
  StartServer();
  TestClient client(server_->port());
  ASSERT_TRUE(client.Send(kHttp2Preface));
  EXPECT_TRUE(client.WaitClosed());
  // HTTP/1 still works.
  EXPECT_EQ(RoundTrip(Get("/echo?q=1"))->status, 200);
}

TEST_F(HttpServerTest, GracefulStopFinishesInFlightRequests) {
  StartServer();
  TestClient idle(server_->port());
  ASSERT_TRUE(idle.Send(Get("/echo")));
  ASSERT_TRUE(idle.Read());
  TestClient busy(server_->port());
  ASSERT_TRUE(busy.Send(Get("/slow")));
  std::this_thread::sleep_for(50ms);  // the request reaches its handler
  auto start = std::chrono::steady_clock::now();
  std::thread stopper([this] { server_->Stop(); });
  auto response = busy.Read();
  stopper.join();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "slow done");
  EXPECT_EQ(response->Header("connection"), "close");
  EXPECT_TRUE(idle.WaitClosed(1s));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  // No longer accepting.
  TestClient late(server_->port());
  EXPECT_FALSE(late.connected());
}

TEST_F(HttpServerTest, StopIsBoundedForEndlessHandlers) {
  HttpServerOptions options;
  options.shutdown_timeout = 200ms;
  StartServer(options);
  std::future<Status> result = endless_result_.get_future();
  TestClient client(server_->port());
  ASSERT_TRUE(client.Send(Get("/endless")));
  std::this_thread::sleep_for(100ms);  // the client never reads: the handler blocks
  auto start = std::chrono::steady_clock::now();
  server_->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  ASSERT_EQ(result.wait_for(1s), std::future_status::ready);
  ASSERT_RAISES(kCancelled, result.get());
}

TEST(HttpServerStartTest, ReportsBindErrors) {
  HttpServerOptions options;
  options.bind_address = "127.0.0.1:0";
  ASSERT_OK_AND_ASSIGN(auto first, HttpServer::Start(options, Router()));
  options.bind_address = first->local_address();
  Result<std::unique_ptr<HttpServer>> second = HttpServer::Start(options, Router());
  ASSERT_RAISES(kIOError, second);
  EXPECT_NE(second.status().message().find(first->local_address()), std::string::npos)
      << second.status().ToString();

  options.bind_address = "nonsense";
  ASSERT_RAISES(kInvalidArgument, HttpServer::Start(options, Router()));
  options.bind_address = "127.0.0.1:0";
  options.worker_threads = 0;
  ASSERT_RAISES(kInvalidArgument, HttpServer::Start(options, Router()));
}

}  // namespace
}  // namespace quiver::http
