#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quiver::http {

// ASCII case-insensitive comparison, as HTTP field names require.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// An ordered list of HTTP header fields. Lookups by name are case-insensitive; the
// original spelling and order are kept. A field may appear more than once.
//
// A plain value type: not thread-safe for concurrent mutation, safe to read concurrently.
class HttpHeaders {
 public:
  using Entry = std::pair<std::string, std::string>;

  // Appends a field (keeps existing fields with the same name).
  void Add(std::string name, std::string value);
  // Replaces every field named `name` with one field.
  void Set(std::string name, std::string value);
  // Removes every field named `name`.
  void Remove(std::string_view name);

  // The first value of `name`, or nullopt. The view is valid until the headers change.
  std::optional<std::string_view> Get(std::string_view name) const;
  // Every value of `name`, in order.
  std::vector<std::string_view> GetAll(std::string_view name) const;
  bool Has(std::string_view name) const { return Get(name).has_value(); }

  const std::vector<Entry>& entries() const { return entries_; }
  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }

 private:
  std::vector<Entry> entries_;
};

}  // namespace quiver::http
