#pragma once

#include <string_view>

#include "base/status.h"
#include "server/http/http_headers.h"
#include "server/http/http_response.h"

namespace quiver::http {

// How a handler answers one request: either one complete response (Send), or a streamed
// response (StartStream, any number of WriteChunk, FinishStream) sent with chunked
// transfer-encoding.
//
// Contract:
//  1. Exactly one of Send / StartStream per request; a second call returns Internal.
//  2. Send does not block: the response is queued for the connection and written after
//     (or while) the handler returns.
//  3. StartStream, WriteChunk and FinishStream block until their bytes are handed to the
//     socket (backpressure). They return Cancelled once the client is gone or the server
//     is force-closing; the producer should then stop and return.
//  4. A streamed response is complete only after FinishStream. If the handler returns
//     without it (e.g. an error mid-stream), the connection is closed without the final
//     chunk so the client sees a truncated body rather than a silently short one.
//  5. If the handler returns without responding, the server sends 500.
//  6. For HEAD requests the body is not sent (Content-Length still describes it).
//
// Thread-safety: one handler thread uses a writer at a time; not for concurrent use.
class ResponseWriter {
 public:
  virtual ~ResponseWriter() = default;

  virtual Status Send(HttpResponse response) = 0;

  virtual Status StartStream(int status, HttpHeaders headers) = 0;
  // An empty chunk is ignored (it would end the stream).
  virtual Status WriteChunk(std::string_view data) = 0;
  virtual Status FinishStream() = 0;

  // True once Send or StartStream has been called.
  virtual bool responded() const = 0;
};

}  // namespace quiver::http
