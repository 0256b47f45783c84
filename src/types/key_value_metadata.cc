#include "types/key_value_metadata.h"

namespace quiver {

KeyValueMetadata::KeyValueMetadata(
    std::initializer_list<std::pair<std::string, std::string>> pairs) {
  for (const auto& [key, value] : pairs) Set(key, value);
}

void KeyValueMetadata::Set(std::string key, std::string value) {
  for (auto& pair : pairs_) {
    if (pair.first == key) {
      pair.second = std::move(value);
      return;
    }
  }
  pairs_.emplace_back(std::move(key), std::move(value));
}

std::optional<std::string_view> KeyValueMetadata::Get(std::string_view key) const {
  for (const auto& pair : pairs_) {
    if (pair.first == key) return std::string_view(pair.second);
  }
  return std::nullopt;
}

}  // namespace quiver
