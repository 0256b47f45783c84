#pragma once

#include <string>
#include <vector>

#include "server/http/response_writer.h"

namespace quiver::http {

// A ResponseWriter that records what a handler sent, for unit tests of handlers and the
// dispatcher without sockets. Not thread-safe.
class RecordingWriter final : public ResponseWriter {
 public:
  Status Send(HttpResponse response) override {
    if (responded_) return Status::Internal("a response was already started");
    responded_ = true;
    response_ = std::move(response);
    return Status::OK();
  }
  Status StartStream(int status, HttpHeaders headers) override {
    if (responded_) return Status::Internal("a response was already started");
    responded_ = true;
    streaming_ = true;
    response_.status = status;
    response_.headers = std::move(headers);
    return Status::OK();
  }
  Status WriteChunk(std::string_view data) override {
    if (!streaming_) return Status::Internal("WriteChunk outside a stream");
    chunks_.emplace_back(data);
    response_.body.append(data);
    return Status::OK();
  }
  Status FinishStream() override {
    if (!streaming_) return Status::Internal("FinishStream outside a stream");
    finished_ = true;
    return Status::OK();
  }
  bool responded() const override { return responded_; }

  const HttpResponse& response() const { return response_; }
  int status() const { return response_.status; }
  const std::string& body() const { return response_.body; }
  const std::vector<std::string>& chunks() const { return chunks_; }
  bool finished() const { return finished_; }

 private:
  bool responded_ = false;
  bool streaming_ = false;
  bool finished_ = false;
  HttpResponse response_;
  std::vector<std::string> chunks_;
};

}  // namespace quiver::http
