#include "server/http/system_routes.h"

#include <memory>

#include "base/clock.h"
#include "base/json_writer.h"
#include "base/uuid.h"

namespace quiver::http {

namespace {

void HealthHandler(const HttpRequest&, ResponseWriter& writer) {
  (void)writer.Send(HttpResponse::Text(200, "OK"));
}

struct PingInfo {
  std::string version;
  std::string build;
  std::string body;  // the JSON document, built once
};

void AddPingHeaders(const PingInfo& info, HttpResponse& response) {
  response.headers.Set("X-Influxdb-Version", info.version);
  response.headers.Set("X-Influxdb-Build", info.build);
  std::string request_id = NewUuidV7(SystemClock::Default()->NowNanos() / 1'000'000);
  response.headers.Set("Request-Id", request_id);
  response.headers.Set("X-Request-Id", std::move(request_id));
}

}  // namespace

Status AddSystemRoutes(Router& router, const BuildInfo& build_info) {
  RETURN_NOT_OK(router.Add(HttpMethod::kGet, "/health", HealthHandler, RouteAccess::kPublic));
  RETURN_NOT_OK(
      router.Add(HttpMethod::kGet, "/api/v1/health", HealthHandler, RouteAccess::kPublic));

  auto info = std::make_shared<PingInfo>();
  info->version = build_info.version;
  info->build = build_info.product_name;
  JsonWriter json(&info->body);
  json.BeginObject();
  json.Field("product_name", build_info.product_name);
  json.Field("version", build_info.version);
  json.Field("revision", build_info.revision);
  json.Field("process_id", NewUuidV4());
  json.EndObject();
  auto ping = [info](const HttpRequest&, ResponseWriter& writer) {
    HttpResponse response = HttpResponse::Json(200, info->body);
    AddPingHeaders(*info, response);
    (void)writer.Send(std::move(response));
  };
  auto ping_head = [info](const HttpRequest&, ResponseWriter& writer) {
    HttpResponse response = HttpResponse::Empty(204);
    AddPingHeaders(*info, response);
    (void)writer.Send(std::move(response));
  };
  RETURN_NOT_OK(router.Add(HttpMethod::kGet, "/ping", ping, RouteAccess::kPublic));
  RETURN_NOT_OK(router.Add(HttpMethod::kPost, "/ping", ping, RouteAccess::kPublic));
  RETURN_NOT_OK(router.Add(HttpMethod::kHead, "/ping", ping_head, RouteAccess::kPublic));
  return Status::OK();
}

}  // namespace quiver::http
