#include "server/http/query_routes.h"

#include <simdjson.h>

#include "base/json_writer.h"
#include "server/http/result_format.h"
#include "server/http/status_to_http.h"

namespace quiver::http {

namespace {

struct QueryParams {
  std::string db;
  std::string q;
  std::optional<std::string> format;
  std::map<std::string, Scalar> params;
};

// A JSON scalar as a bound parameter value.
Result<Scalar> ParamValue(simdjson::dom::element value) {
  switch (value.type()) {
    case simdjson::dom::element_type::NULL_VALUE: return Scalar::Null();
    case simdjson::dom::element_type::BOOL: return Scalar::Boolean(bool(value));
    case simdjson::dom::element_type::INT64: return Scalar::Int64(int64_t(value));
    case simdjson::dom::element_type::UINT64: return Scalar::UInt64(uint64_t(value));
    case simdjson::dom::element_type::DOUBLE: return Scalar::Float64(double(value));
    case simdjson::dom::element_type::STRING: return Scalar::Utf8(std::string(std::string_view(value)));
    default: return Status::InvalidArgument("query parameters must be null, booleans, numbers or strings");
  }
}

Status ReadParams(simdjson::dom::object object, std::map<std::string, Scalar>* out) {
  for (auto [key, value] : object) {
    ASSIGN_OR_RETURN(Scalar scalar, ParamValue(value));
    (*out)[std::string(key)] = std::move(scalar);
  }
  return Status::OK();
}

// Parses the request; on failure returns the 400 response to send.
Result<QueryParams> ParseRequest(const HttpRequest& request, std::string* error) {
  QueryParams out;
  simdjson::dom::parser parser;
  if (request.method == HttpMethod::kPost) {
    simdjson::dom::object body;
    auto ec = parser.parse(request.body).get_object().get(body);
    if (ec != simdjson::SUCCESS) {
      *error = std::string("serde json error: ") + simdjson::error_message(ec);
      return Status::InvalidArgument("bad request");
    }
    std::string_view text;
    if (body["db"].get_string().get(text) == simdjson::SUCCESS) out.db = std::string(text);
    if (body["q"].get_string().get(text) != simdjson::SUCCESS) {
      *error = "serde json error: missing field `q`";
      return Status::InvalidArgument("bad request");
    }
    out.q = std::string(text);
    if (body["format"].get_string().get(text) == simdjson::SUCCESS) out.format = std::string(text);
    simdjson::dom::object params;
    if (body["params"].get_object().get(params) == simdjson::SUCCESS) {
      Status status = ReadParams(params, &out.params);
      if (!status.ok()) {
        *error = "serde json error: " + status.message();
        return status;
      }
    }
    return out;
  }
  if (request.target.find('?') == std::string::npos) {
    *error = "missing query parameters 'db' and 'q'";
    return Status::InvalidArgument("bad request");
  }
  if (auto db = request.QueryParam("db")) out.db = std::string(*db);
  auto q = request.QueryParam("q");
  if (!q) {
    *error = "serde error: missing field `q`";
    return Status::InvalidArgument("bad request");
  }
  out.q = std::string(*q);
  if (auto format = request.QueryParam("format")) out.format = std::string(*format);
  if (auto params = request.QueryParam("params")) {
    simdjson::dom::object object;
    auto ec = parser.parse(params->data(), params->size()).get_object().get(object);
    if (ec != simdjson::SUCCESS) {
      *error = std::string("serde error: params must be a JSON object: ") + simdjson::error_message(ec);
      return Status::InvalidArgument("bad request");
    }
    Status status = ReadParams(object, &out.params);
    if (!status.ok()) {
      *error = "serde error: " + status.message();
      return status;
    }
  }
  return out;
}

// Errors before any byte of the result was sent.
HttpResponse QueryErrorResponse(const Status& status) {
  if (status.IsNotFound()) {
    std::string body;
    JsonWriter w(&body);
    w.BeginObject();
    w.Field("error", "query error: " + status.message());
    w.EndObject();
    HttpResponse response = HttpResponse::Error(404, std::move(body));
    response.headers.Set("Content-Type", "application/json");
    return response;
  }
  int code = status.IsInvalidArgument() ? 400 : status.IsNotImplemented() ? 405 : HttpStatusFor(status, ExhaustedAs::kServiceUnavailable);
  if (status.IsResourceExhausted()) code = 500;  // a query memory limit: the query failed
  return HttpResponse::Error(code, status.message());
}

void HandleQuerySql(DatabaseService* service, const HttpRequest& request, ResponseWriter& writer) {
  std::string error;
  Result<QueryParams> params = ParseRequest(request, &error);
  if (!params.ok()) return (void)writer.Send(HttpResponse::Error(400, error));
  if (params->db.empty()) return (void)writer.Send(HttpResponse::Error(400, "serde error: missing field `db`"));
  Result<ResultFormat> format =
      params->format ? ParseResultFormat(*params->format) : ResultFormatFromAccept(request.Header("Accept"));
  if (!format.ok()) return (void)writer.Send(HttpResponse::Error(400, format.status().message()));
  auto encoder = ResultEncoder::Make(*format);
  if (!encoder.ok()) return (void)writer.Send(QueryErrorResponse(encoder.status()));

  auto result = service->QuerySql(params->db, params->q, params->params);
  if (!result.ok()) return (void)writer.Send(QueryErrorResponse(result.status()));
  QueryResult& query = **result;

  // Pull until the first batch (or the end) before answering, so that early errors get a
  // proper status; a result that fits in one batch goes out with a Content-Length.
  auto first = query.Next();
  if (!first.ok()) return (void)writer.Send(QueryErrorResponse(first.status()));
  std::string head = (*encoder)->Begin(*query.schema());
  if (*first) {
    auto text = (*encoder)->Append(**first);
    if (!text.ok()) return (void)writer.Send(QueryErrorResponse(text.status()));
    head += *text;
  }
  auto second = *first ? query.Next() : Result<RecordBatchPtr>(RecordBatchPtr());
  if (!second.ok()) return (void)writer.Send(QueryErrorResponse(second.status()));
  HttpHeaders headers;
  headers.Set("Content-Type", std::string(ContentTypeOf(*format)));
  if (!*second) {
    auto tail = (*encoder)->End();
    if (!tail.ok()) return (void)writer.Send(QueryErrorResponse(tail.status()));
    HttpResponse response;
    response.status = 200;
    response.headers = std::move(headers);
    response.body = head + *tail;
    return (void)writer.Send(std::move(response));
  }
  if (!writer.StartStream(200, std::move(headers)).ok()) return query.Cancel(Status::Cancelled("client gone"));
  RecordBatchPtr batch = std::move(*second);
  if (!writer.WriteChunk(head).ok()) return query.Cancel(Status::Cancelled("client gone"));
  while (batch) {
    auto text = (*encoder)->Append(*batch);
    if (!text.ok()) return;  // ends the stream early; the client sees a truncated body
    if (!writer.WriteChunk(*text).ok()) return query.Cancel(Status::Cancelled("client gone"));
    auto next = query.Next();
    if (!next.ok()) return;
    batch = std::move(*next);
  }
  auto tail = (*encoder)->End();
  if (!tail.ok()) return;
  if (!writer.WriteChunk(*tail).ok()) return query.Cancel(Status::Cancelled("client gone"));
  (void)writer.FinishStream();
}

}  // namespace

Status AddQueryRoutes(Router& router, DatabaseService* service) {
  auto handler = [service](const HttpRequest& r, ResponseWriter& w) { HandleQuerySql(service, r, w); };
  RETURN_NOT_OK(router.Add(HttpMethod::kGet, "/api/v3/query_sql", handler));
  RETURN_NOT_OK(router.Add(HttpMethod::kPost, "/api/v3/query_sql", handler));
  return Status::OK();
}

}  // namespace quiver::http
