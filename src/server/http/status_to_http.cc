#include "server/http/status_to_http.h"

#include "base/check.h"

namespace quiver::http {

int HttpStatusFor(const Status& status, ExhaustedAs exhausted_as) {
  DCHECK(!status.ok()) << "HttpStatusFor(OK)";
  switch (status.code()) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kOutOfRange:
      return 400;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kNotImplemented:
      return 405;
    case StatusCode::kAlreadyExists:
      return 409;
    case StatusCode::kResourceExhausted:
      return exhausted_as == ExhaustedAs::kPayloadTooLarge ? 413 : 503;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kIOError:
    case StatusCode::kCorruption:
    case StatusCode::kCancelled:
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

HttpResponse ErrorResponseFor(const Status& status, ExhaustedAs exhausted_as) {
  return HttpResponse::Error(HttpStatusFor(status, exhausted_as), status.message());
}

}  // namespace quiver::http
