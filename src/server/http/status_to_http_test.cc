#include "server/http/status_to_http.h"

#include <gtest/gtest.h>

namespace quiver::http {
namespace {

TEST(StatusToHttpTest, Codes) {
  EXPECT_EQ(HttpStatusFor(Status::InvalidArgument("x")), 400);
  EXPECT_EQ(HttpStatusFor(Status::OutOfRange("x")), 400);
  EXPECT_EQ(HttpStatusFor(Status::Unauthenticated("x")), 401);
  EXPECT_EQ(HttpStatusFor(Status::PermissionDenied("x")), 403);
  EXPECT_EQ(HttpStatusFor(Status::NotFound("x")), 404);
  EXPECT_EQ(HttpStatusFor(Status::NotImplemented("x")), 405);
  EXPECT_EQ(HttpStatusFor(Status::AlreadyExists("x")), 409);
  EXPECT_EQ(HttpStatusFor(Status::ResourceExhausted("x")), 413);
  EXPECT_EQ(HttpStatusFor(Status::ResourceExhausted("x"), ExhaustedAs::kServiceUnavailable), 503);
  EXPECT_EQ(HttpStatusFor(Status::Unavailable("x")), 503);
  EXPECT_EQ(HttpStatusFor(Status::IOError("x")), 500);
  EXPECT_EQ(HttpStatusFor(Status::Corruption("x")), 500);
  EXPECT_EQ(HttpStatusFor(Status::Cancelled("x")), 500);
  EXPECT_EQ(HttpStatusFor(Status::Internal("x")), 500);
}

TEST(StatusToHttpTest, ErrorResponseCarriesTheMessage) {
  HttpResponse response = ErrorResponseFor(Status::NotFound("database not found: {}", "foo"));
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.body, "database not found: foo");
  EXPECT_FALSE(response.headers.Has("Content-Type"));
}

}  // namespace
}  // namespace quiver::http
