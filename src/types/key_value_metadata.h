#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quiver {

// Ordered string key/value pairs attached to a Field or Schema (Arrow custom_metadata).
// Keys are unique: Set() replaces an existing key in place.
class KeyValueMetadata {
 public:
  KeyValueMetadata() = default;
  KeyValueMetadata(std::initializer_list<std::pair<std::string, std::string>> pairs);

  void Set(std::string key, std::string value);
  std::optional<std::string_view> Get(std::string_view key) const;
  bool empty() const { return pairs_.empty(); }
  size_t size() const { return pairs_.size(); }
  const std::vector<std::pair<std::string, std::string>>& pairs() const { return pairs_; }

  friend bool operator==(const KeyValueMetadata& a, const KeyValueMetadata& b) {
    return a.pairs_ == b.pairs_;
  }

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;
};

}  // namespace quiver
