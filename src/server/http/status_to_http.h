#pragma once

#include "base/status.h"
#include "server/http/http_response.h"

namespace quiver::http {

// What a ResourceExhausted status means to the caller: a request that is too large, or
// a server that is out of capacity right now.
enum class ExhaustedAs { kPayloadTooLarge, kServiceUnavailable };

// The one place where Status codes become HTTP status codes (DESIGN.md: map errors to
// HTTP only in server/). Following InfluxDB 3:
//   InvalidArgument, OutOfRange → 400    Unauthenticated → 401    PermissionDenied → 403
//   NotFound → 404                       NotImplemented → 405     AlreadyExists → 409
//   ResourceExhausted → 413 or 503 (per `exhausted_as`)           Unavailable → 503
//   everything else (IOError, Corruption, Cancelled, Internal) → 500
// REQUIRES: !status.ok().
int HttpStatusFor(const Status& status, ExhaustedAs exhausted_as = ExhaustedAs::kPayloadTooLarge);

// An error response whose text body is the status message (InfluxDB 3's plain-text error
// family: no Content-Type).
HttpResponse ErrorResponseFor(const Status& status,
                              ExhaustedAs exhausted_as = ExhaustedAs::kPayloadTooLarge);

}  // namespace quiver::http
