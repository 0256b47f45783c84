#include "server/http/write_routes.h"

#include <algorithm>
#include <cctype>

#include "base/json_writer.h"
#include "lineproto/precision.h"
#include "lineproto/utf8.h"
#include "server/http/status_to_http.h"

namespace quiver::http {

namespace {

enum class WriteApi { kV3, kV2, kV1 };

// InfluxDB 3 shows at most 20 bytes of the offending line, cut at a UTF-8 boundary.
std::string TruncateLine(std::string_view line) {
  if (line.size() <= 20) return std::string(line);
  size_t end = 20;
  while (end > 0 && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) --end;
  return std::string(line.substr(0, end));
}

void WriteLineError(JsonWriter& w, const LineError& error) {
  w.BeginObject();
  w.Field("error_message", error.message);
  w.Field("line_number", static_cast<uint64_t>(error.line_number));
  w.Field("original_line", TruncateLine(error.original_line));
  w.EndObject();
}

bool IsLimitError(std::string_view message) {
  return message.starts_with("Update to schema would exceed number of") ||
         message.starts_with("Adding a new database would exceed limit of");
}

HttpResponse JsonError(int status, std::string_view message) {
  std::string body;
  JsonWriter w(&body);
  w.BeginObject();
  w.Field("error", message);
  w.EndObject();
  HttpResponse response = HttpResponse::Error(status, std::move(body));
  response.headers.Set("Content-Type", "application/json");
  return response;
}

HttpResponse V2Error(int status, std::string_view code, std::string_view message) {
  std::string body;
  JsonWriter w(&body);
  w.BeginObject();
  w.Field("code", code);
  w.Field("message", message);
  w.EndObject();
  HttpResponse response = HttpResponse::Error(status, std::move(body));
  response.headers.Set("Content-Type", "application/json");
  return response;
}

Result<bool> ParseBool(std::string_view name, std::string_view value) {
  if (value == "true") return true;
  if (value == "false") return false;
  return Status::InvalidArgument("serde error: invalid value for {}: expected true or false, got '{}'", name,
                                 value);
}

// The response for a Status from the database (not line errors), per API.
HttpResponse FailureResponse(WriteApi api, const Status& status) {
  if (api == WriteApi::kV2) {
    int code = HttpStatusFor(status, ExhaustedAs::kServiceUnavailable);
    if (status.IsResourceExhausted() || IsLimitError(status.message())) code = 400;
    std::string_view kind = code == 400 ? "invalid" : code == 404 ? "not found" : code == 413 ? "request too large"
                                                    : code == 503 ? "unavailable" : "internal error";
    return V2Error(code, kind, status.message());
  }
  if (IsLimitError(status.message())) return JsonError(422, status.message());
  if (status.IsInvalidArgument()) return JsonError(400, status.message());
  return ErrorResponseFor(status, ExhaustedAs::kServiceUnavailable);
}

HttpResponse LineErrorResponse(WriteApi api, const WriteOutcome& outcome, bool accept_partial) {
  const bool limit = std::any_of(outcome.errors.begin(), outcome.errors.end(),
                                 [](const LineError& e) { return IsLimitError(e.message); });
  if (api == WriteApi::kV2) {
    const LineError& e = outcome.errors.front();
    return V2Error(400, "invalid",
                   fmt::format("write buffer error: line protocol parse failed: {} (line {}: {})", e.message,
                               e.line_number, TruncateLine(e.original_line)));
  }
  std::string body;
  JsonWriter w(&body);
  w.BeginObject();
  if (accept_partial) {
    w.Field("error", "partial write of line protocol occurred");
    w.Key("data");
    w.BeginArray();
    for (const LineError& e : outcome.errors) WriteLineError(w, e);
    w.EndArray();
  } else {
    w.Field("error", "line protocol parsing error");
    w.Key("data");
    WriteLineError(w, outcome.errors.front());
  }
  w.EndObject();
  HttpResponse response = HttpResponse::Error(limit ? 422 : 400, std::move(body));
  response.headers.Set("Content-Type", "application/json");
  return response;
}

void HandleWrite(WriteApi api, DatabaseService* service, const HttpRequest& request, ResponseWriter& writer) {
  auto fail = [&](HttpResponse response) { (void)writer.Send(std::move(response)); };
  const bool has_query = request.target.find('?') != std::string::npos;

  WriteRequest write;
  std::string database;
  switch (api) {
    case WriteApi::kV3: {
      if (!has_query) return fail(HttpResponse::Error(400, "missing query parameter 'db'"));
      auto db = request.QueryParam("db");
      if (!db) return fail(HttpResponse::Error(400, "serde error: missing field `db`"));
      database = std::string(*db);
      write.precision = lineproto::Precision::kAuto;
      if (auto p = request.QueryParam("precision")) {
        auto precision = lineproto::ParsePrecisionV3(*p);
        if (!precision.ok()) return fail(HttpResponse::Error(400, "serde error: " + precision.status().message()));
        write.precision = *precision;
      }
      if (auto v = request.QueryParam("accept_partial")) {
        auto b = ParseBool("accept_partial", *v);
        if (!b.ok()) return fail(HttpResponse::Error(400, b.status().message()));
        write.accept_partial = *b;
      }
      if (auto v = request.QueryParam("no_sync")) {
        auto b = ParseBool("no_sync", *v);
        if (!b.ok()) return fail(HttpResponse::Error(400, b.status().message()));
        write.no_sync = *b;
      }
      break;
    }
    case WriteApi::kV2: {
      if (!has_query) return fail(V2Error(400, "invalid", "no org/bucket destination provided"));
      auto bucket = request.QueryParam("bucket");
      if (!bucket || bucket->empty()) return fail(V2Error(400, "invalid", "missing bucket value"));
      database = std::string(*bucket);
      write.accept_partial = false;
      if (auto p = request.QueryParam("precision")) {
        auto precision = lineproto::ParsePrecisionV1V2(*p);
        if (!precision.ok()) return fail(V2Error(400, "invalid", precision.status().message()));
        write.precision = *precision;
      }
      break;
    }
    case WriteApi::kV1: {
      if (!has_query) return fail(JsonError(400, "no db destination provided"));
      auto db = request.QueryParam("db");
      if (!db || db->empty()) {
        return fail(JsonError(400, "failed to deserialize db/rp/precision in request: missing field `db`"));
      }
      database = std::string(*db);
      if (auto rp = request.QueryParam("rp")) {
        std::string policy(*rp);
        std::transform(policy.begin(), policy.end(), policy.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (!policy.empty() && policy != "''" && policy != "autogen" && policy != "default") {
          database += "/" + policy;
        }
      }
      write.accept_partial = false;
      if (auto p = request.QueryParam("precision")) {
        auto precision = lineproto::ParsePrecisionV1V2(*p);
        if (!precision.ok()) return fail(JsonError(400, precision.status().message()));
        write.precision = *precision;
      }
      break;
    }
  }

  if (Status utf8 = lineproto::ValidateUtf8(request.body); !utf8.ok()) {
    std::string message = "body content is not valid utf8: " + utf8.message();
    return fail(api == WriteApi::kV2 ? V2Error(400, "invalid", message) : HttpResponse::Error(400, message));
  }
  write.db = database;
  write.body = request.body;
  Result<WriteOutcome> outcome = service->Write(write);
  if (!outcome.ok()) return fail(FailureResponse(api, outcome.status()));
  if (outcome->accepted_lines == 0 && outcome->errors.empty()) {
    return fail(api == WriteApi::kV2 ? V2Error(400, "invalid", "incoming write was empty")
                                     : HttpResponse::Error(400, "incoming write was empty"));
  }
  if (!outcome->errors.empty()) return fail(LineErrorResponse(api, *outcome, write.accept_partial));
  (void)writer.Send(HttpResponse::Empty(204));
}

}  // namespace

Status AddWriteRoutes(Router& router, DatabaseService* service) {
  RETURN_NOT_OK(router.Add(HttpMethod::kPost, "/api/v3/write_lp",
                           [service](const HttpRequest& r, ResponseWriter& w) { HandleWrite(WriteApi::kV3, service, r, w); }));
  RETURN_NOT_OK(router.Add(HttpMethod::kPost, "/api/v2/write",
                           [service](const HttpRequest& r, ResponseWriter& w) { HandleWrite(WriteApi::kV2, service, r, w); }));
  RETURN_NOT_OK(router.Add(HttpMethod::kPost, "/write",
                           [service](const HttpRequest& r, ResponseWriter& w) { HandleWrite(WriteApi::kV1, service, r, w); }));
  return Status::OK();
}

}  // namespace quiver::http
