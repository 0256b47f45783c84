#pragma once

// A thin, error-returning layer over simdjson's DOM for the catalog's JSON files. Every
// failure is a Corruption status naming the source file and the missing or mistyped key.
// Private to catalog/.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <simdjson.h>

#include "base/result.h"

namespace quiver {

class JsonObject {
 public:
  JsonObject(simdjson::dom::object object, std::string_view source)
      : object_(object), source_(source) {}

  template <typename... Args>
  Status Error(fmt::format_string<Args...> f, Args&&... args) const {
    return Status::Corruption("{}: {}", source_, fmt::format(f, std::forward<Args>(args)...));
  }

  Result<std::string> GetString(std::string_view key) const {
    std::string_view value;
    if (object_[key].get_string().get(value) != simdjson::SUCCESS) {
      return Error("missing or non-string key '{}'", key);
    }
    return std::string(value);
  }
  Result<int64_t> GetInt64(std::string_view key) const {
    int64_t value;
    if (object_[key].get_int64().get(value) != simdjson::SUCCESS) {
      return Error("missing or non-integer key '{}'", key);
    }
    return value;
  }
  Result<uint64_t> GetUInt64(std::string_view key) const {
    uint64_t value;
    if (object_[key].get_uint64().get(value) != simdjson::SUCCESS) {
      return Error("missing or non-integer key '{}'", key);
    }
    return value;
  }
  Result<uint32_t> GetUInt32(std::string_view key) const {
    ASSIGN_OR_RETURN(uint64_t value, GetUInt64(key));
    if (value > UINT32_MAX) return Error("key '{}' out of range: {}", key, value);
    return static_cast<uint32_t>(value);
  }
  Result<bool> GetBool(std::string_view key) const {
    bool value;
    if (object_[key].get_bool().get(value) != simdjson::SUCCESS) {
      return Error("missing or non-boolean key '{}'", key);
    }
    return value;
  }
  Result<std::optional<int64_t>> GetOptionalInt64(std::string_view key) const {
    simdjson::dom::element element;
    if (object_[key].get(element) != simdjson::SUCCESS || element.is_null()) {
      return std::optional<int64_t>();
    }
    int64_t value;
    if (element.get_int64().get(value) != simdjson::SUCCESS) {
      return Error("non-integer key '{}'", key);
    }
    return std::optional<int64_t>(value);
  }
  Result<std::vector<JsonObject>> GetArray(std::string_view key) const {
    simdjson::dom::array array;
    if (object_[key].get_array().get(array) != simdjson::SUCCESS) {
      return Error("missing or non-array key '{}'", key);
    }
    std::vector<JsonObject> items;
    for (simdjson::dom::element element : array) {
      simdjson::dom::object item;
      if (element.get_object().get(item) != simdjson::SUCCESS) {
        return Error("array '{}' holds a non-object", key);
      }
      items.emplace_back(item, source_);
    }
    return items;
  }

 private:
  simdjson::dom::object object_;
  std::string_view source_;
};

// Owns the parser (and thus the memory every JsonObject from it refers to).
class JsonDocument {
 public:
  explicit JsonDocument(std::string_view source) : source_(source) {}

  Result<JsonObject> Parse(std::string_view json) {
    simdjson::dom::object root;
    auto error = parser_.parse(json.data(), json.size()).get_object().get(root);
    if (error != simdjson::SUCCESS) {
      return Status::Corruption("{}: invalid JSON: {}", source_, simdjson::error_message(error));
    }
    return JsonObject(root, source_);
  }

 private:
  std::string source_;
  simdjson::dom::parser parser_;
};

}  // namespace quiver
