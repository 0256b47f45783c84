#include "server/http/configure_routes.h"

#include <simdjson.h>

#include "base/duration.h"
#include "base/time_format.h"
#include "columnar/builder.h"
#include "server/http/result_format.h"
#include "server/http/status_to_http.h"

namespace quiver::http {

namespace {

constexpr int64_t kDefaultHardDeleteDelay = 72 * kNanosPerHour;

void Reply(ResponseWriter& writer, HttpResponse response) { (void)writer.Send(std::move(response)); }

void ReplyStatus(ResponseWriter& writer, const Status& status) {
  if (status.message().starts_with("Adding a new database would exceed limit of") ||
      status.message().starts_with("Update to schema would exceed")) {
    std::string body = "{\"error\":\"" + status.message() + "\"}";
    HttpResponse response = HttpResponse::Error(422, std::move(body));
    response.headers.Set("Content-Type", "application/json");
    return Reply(writer, std::move(response));
  }
  Reply(writer, ErrorResponseFor(status));
}

bool IsJsonContentType(const HttpRequest& request) {
  auto type = request.Header("Content-Type");
  return type && type->substr(0, type->find(';')) == "application/json";
}

// Parses the JSON body; nullopt after replying with an error.
std::optional<simdjson::dom::object> ParseJsonBody(const HttpRequest& request, simdjson::dom::parser& parser,
                                                   ResponseWriter& writer) {
  if (!IsJsonContentType(request)) {
    Reply(writer, HttpResponse::Error(415, "unacceptable content-type, expected: application/json"));
    return std::nullopt;
  }
  simdjson::dom::object object;
  auto error = parser.parse(request.body).get_object().get(object);
  if (error != simdjson::SUCCESS) {
    Reply(writer, HttpResponse::Error(400, std::string("serde json error: ") + simdjson::error_message(error)));
    return std::nullopt;
  }
  return object;
}

// Reads an optional humantime retention value ("30d", "24h", "7days"); null/absent clears it.
Result<std::optional<int64_t>> RetentionOf(const simdjson::dom::object& object) {
  simdjson::dom::element element;
  if (object["retention_period"].get(element) != simdjson::SUCCESS || element.is_null()) {
    return std::optional<int64_t>();
  }
  std::string_view text;
  if (element.get_string().get(text) != simdjson::SUCCESS) {
    return Status::InvalidArgument("retention_period must be a duration string such as \"30d\"");
  }
  ASSIGN_OR_RETURN(int64_t nanos, ParseDuration(text));
  if (nanos <= 0) return Status::InvalidArgument("retention period must be positive");
  return std::optional<int64_t>(nanos);
}

Result<std::string> RequiredString(const simdjson::dom::object& object, std::string_view key) {
  std::string_view value;
  if (object[key].get_string().get(value) != simdjson::SUCCESS) {
    return Status::InvalidArgument("missing field `{}`", key);
  }
  return std::string(value);
}

// hard_delete_at: never | now | default (72h) | <RFC3339>; 0 means never.
Result<int64_t> HardDeleteTime(const HttpRequest& request, int64_t now) {
  auto value = request.QueryParam("hard_delete_at");
  if (!value || *value == "default") return now + kDefaultHardDeleteDelay;
  if (*value == "never") return int64_t{0};
  if (*value == "now") return now;
  ASSIGN_OR_RETURN(int64_t at, ParseTimestamp(*value));
  return std::max(at, now);
}

void ListDatabases(DatabaseService* service, const HttpRequest& request, ResponseWriter& writer) {
  auto format_name = request.QueryParam("format");
  if (!format_name) return Reply(writer, HttpResponse::Error(400, "serde error: missing field `format`"));
  auto format = ParseResultFormat(*format_name);
  if (!format.ok()) return Reply(writer, HttpResponse::Error(400, format.status().message()));
  bool show_deleted = request.QueryParam("show_deleted") == std::optional<std::string_view>("true");
  CatalogSnapshotPtr snapshot = service->catalog().snapshot();
  std::vector<std::pair<std::string, bool>> rows;
  for (const auto& [name, db] : snapshot->databases()) rows.emplace_back(name, false);
  if (show_deleted) {
    for (const auto& [id, db] : snapshot->databases_by_id()) {
      if (db->deleted()) rows.emplace_back(db->name(), true);
    }
  }
  StringBuilder names;
  BooleanBuilder deleted;
  for (const auto& [name, is_deleted] : rows) {
    (void)names.Append(name);
    (void)deleted.Append(is_deleted);
  }
  std::vector<Field> fields = {Field("iox::database", DataType::Utf8(), false)};
  std::vector<Array> columns = {*names.Finish()};
  if (show_deleted) {
    fields.emplace_back("deleted", DataType::Boolean(), false);
    columns.push_back(*deleted.Finish());
  }
  auto batch = RecordBatch::MakeUnchecked(MakeSchema(std::move(fields)), static_cast<int64_t>(rows.size()),
                                          std::move(columns));
  auto encoder = ResultEncoder::Make(*format);
  if (!encoder.ok()) return Reply(writer, ErrorResponseFor(encoder.status()));
  std::string body = (*encoder)->Begin(*batch->schema());
  auto rows_text = (*encoder)->Append(*batch);
  auto end = (*encoder)->End();
  body += *rows_text + *end;
  HttpResponse response;
  response.status = 200;
  response.headers.Set("Content-Type", std::string(ContentTypeOf(*format)));
  response.body = std::move(body);
  Reply(writer, std::move(response));
}

void CreateDatabase(DatabaseService* service, const HttpRequest& request, ResponseWriter& writer) {
  simdjson::dom::parser parser;
  auto object = ParseJsonBody(request, parser, writer);
  if (!object) return;
  auto name = RequiredString(*object, "db");
  if (!name.ok()) return Reply(writer, HttpResponse::Error(400, "serde json error: " + name.status().message()));
  auto retention = RetentionOf(*object);
  if (!retention.ok()) return Reply(writer, HttpResponse::Error(400, retention.status().message()));
  Status status = service->catalog()
                      .Commit([&](CatalogTransaction& tx) { return tx.CreateDatabase(*name, *retention); })
                      .status();
  if (!status.ok()) return ReplyStatus(writer, status);
  Reply(writer, HttpResponse::Empty(200));
}

void UpdateDatabase(DatabaseService* service, const HttpRequest& request, ResponseWriter& writer) {
  simdjson::dom::parser parser;
  auto object = ParseJsonBody(request, parser, writer);
  if (!object) return;
  auto name = RequiredString(*object, "db");
  if (!name.ok()) return Reply(writer, HttpResponse::Error(400, "serde json error: " + name.status().message()));
  auto retention = RetentionOf(*object);
  if (!retention.ok()) return Reply(writer, HttpResponse::Error(400, retention.status().message()));
  Status status = service->catalog()
                      .Commit([&](CatalogTransaction& tx) { return tx.SetRetention(*name, *retention); })
                      .status();
  if (!status.ok()) return ReplyStatus(writer, status);
  Reply(writer, HttpResponse::Empty(200));
}

void DeleteDatabase(DatabaseService* service, const HttpRequest& request, ResponseWriter& writer) {
  auto db = request.QueryParam("db");
  if (!db) return Reply(writer, HttpResponse::Error(400, "missing query parameter 'db'"));
  if (*db == "_internal") return Reply(writer, HttpResponse::Error(400, "cannot delete internal db"));
  auto hard_delete = HardDeleteTime(request, service->clock()->NowNanos());
  if (!hard_delete.ok()) return Reply(writer, HttpResponse::Error(400, hard_delete.status().message()));
  Status status = service->catalog()
                      .Commit([&](CatalogTransaction& tx) { return tx.DeleteDatabase(*db, *hard_delete); })
                      .status();
  if (!status.ok()) return ReplyStatus(writer, status);
  Reply(writer, HttpResponse::Empty(200));
}

void SetRetentionPeriod(DatabaseService* service, const HttpRequest& request, ResponseWriter& writer, bool clear) {
  auto db = request.QueryParam("db");
  if (!db) return Reply(writer, HttpResponse::Error(400, "missing query parameter 'db'"));
  std::optional<int64_t> period;
  if (!clear) {
    auto duration = request.QueryParam("duration");
    if (!duration) return Reply(writer, HttpResponse::Error(400, "missing query parameter 'duration'"));
    auto nanos = ParseDuration(*duration);
    if (!nanos.ok()) return Reply(writer, HttpResponse::Error(400, nanos.status().message()));
    period = *nanos;
  }
  Status status =
      service->catalog().Commit([&](CatalogTransaction& tx) { return tx.SetRetention(*db, period); }).status();
  if (!status.ok()) return ReplyStatus(writer, status);
  Reply(writer, HttpResponse::Empty(204));
}

Result<FieldType> ParseFieldType(std::string_view name) {
  if (name == "utf8" || name == "string") return FieldType::kString;
  if (name == "int64") return FieldType::kInteger;
  if (name == "uint64") return FieldType::kUInteger;
  if (name == "float64") return FieldType::kFloat;
  if (name == "bool") return FieldType::kBoolean;
  return Status::InvalidArgument("unknown field type '{}' (expected utf8, int64, uint64, float64 or bool)", name);
}

void CreateTable(DatabaseService* service, const HttpRequest& request, ResponseWriter& writer) {
  simdjson::dom::parser parser;
  auto object = ParseJsonBody(request, parser, writer);
  if (!object) return;
  auto db = RequiredString(*object, "db");
  auto table = RequiredString(*object, "table");
  if (!db.ok() || !table.ok()) {
    return Reply(writer, HttpResponse::Error(400, "serde json error: " +
                                                      (db.ok() ? table.status() : db.status()).message()));
  }
  std::vector<std::string> tags;
  simdjson::dom::array tag_array;
  if ((*object)["tags"].get_array().get(tag_array) == simdjson::SUCCESS) {
    for (simdjson::dom::element tag : tag_array) {
      std::string_view name;
      if (tag.get_string().get(name) != simdjson::SUCCESS) {
        return Reply(writer, HttpResponse::Error(400, "serde json error: tags must be strings"));
      }
      tags.emplace_back(name);
    }
  }
  std::vector<std::pair<std::string, FieldType>> fields;
  simdjson::dom::array field_array;
  if ((*object)["fields"].get_array().get(field_array) == simdjson::SUCCESS) {
    for (simdjson::dom::element field : field_array) {
      std::string_view name, type;
      if (field["name"].get_string().get(name) != simdjson::SUCCESS ||
          field["type"].get_string().get(type) != simdjson::SUCCESS) {
        return Reply(writer, HttpResponse::Error(400, "serde json error: each field needs \"name\" and \"type\""));
      }
      auto field_type = ParseFieldType(type);
      if (!field_type.ok()) return Reply(writer, HttpResponse::Error(400, field_type.status().message()));
      fields.emplace_back(std::string(name), *field_type);
    }
  }
  Status status = service->catalog()
                      .Commit([&](CatalogTransaction& tx) { return tx.CreateTable(*db, *table, tags, fields); })
                      .status();
  if (!status.ok()) return ReplyStatus(writer, status);
  Reply(writer, HttpResponse::Empty(200));
}

void DeleteTable(DatabaseService* service, const HttpRequest& request, ResponseWriter& writer) {
  auto db = request.QueryParam("db");
  auto table = request.QueryParam("table");
  if (!db || !table) return Reply(writer, HttpResponse::Error(400, "missing query parameters 'db' and 'table'"));
  auto hard_delete = HardDeleteTime(request, service->clock()->NowNanos());
  if (!hard_delete.ok()) return Reply(writer, HttpResponse::Error(400, hard_delete.status().message()));
  Status status = service->catalog()
                      .Commit([&](CatalogTransaction& tx) { return tx.DeleteTable(*db, *table, *hard_delete); })
                      .status();
  if (!status.ok()) return ReplyStatus(writer, status);
  Reply(writer, HttpResponse::Empty(200));
}

}  // namespace

Status AddConfigureRoutes(Router& router, DatabaseService* service) {
  auto bind = [service](void (*handler)(DatabaseService*, const HttpRequest&, ResponseWriter&)) {
    return [service, handler](const HttpRequest& r, ResponseWriter& w) { handler(service, r, w); };
  };
  const std::string database = "/api/v3/configure/database";
  RETURN_NOT_OK(router.Add(HttpMethod::kGet, database, bind(ListDatabases)));
  RETURN_NOT_OK(router.Add(HttpMethod::kPost, database, bind(CreateDatabase)));
  RETURN_NOT_OK(router.Add(HttpMethod::kPut, database, bind(UpdateDatabase)));
  RETURN_NOT_OK(router.Add(HttpMethod::kDelete, database, bind(DeleteDatabase)));
  RETURN_NOT_OK(router.Add(HttpMethod::kPost, database + "/retention_period",
                           [service](const HttpRequest& r, ResponseWriter& w) { SetRetentionPeriod(service, r, w, false); }));
  RETURN_NOT_OK(router.Add(HttpMethod::kDelete, database + "/retention_period",
                           [service](const HttpRequest& r, ResponseWriter& w) { SetRetentionPeriod(service, r, w, true); }));
  RETURN_NOT_OK(router.Add(HttpMethod::kPost, "/api/v3/configure/table", bind(CreateTable)));
  RETURN_NOT_OK(router.Add(HttpMethod::kDelete, "/api/v3/configure/table", bind(DeleteTable)));
  return Status::OK();
}

}  // namespace quiver::http
