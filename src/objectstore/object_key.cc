#include "objectstore/object_key.h"

namespace quiver {
namespace {

// Checks the segments of a key, or of a prefix (which may be empty or end with '/'; its
// unfinished last segment must already obey the rules, since every key it starts would).
Status CheckSegments(std::string_view text, std::string_view what, bool is_prefix) {
  if (text.size() > kMaxObjectKeyLength) {
    return Status::InvalidArgument("invalid object {}: {}: longer than {} bytes", what, text,
                                   kMaxObjectKeyLength);
  }
  if (!is_prefix && text.empty()) return Status::InvalidArgument("invalid object key: empty");
  if (text.starts_with('/')) {
    return Status::InvalidArgument("invalid object {}: {}: must be relative (no leading '/')", what,
                                   text);
  }
  if (text.find('\0') != std::string_view::npos) {
    return Status::InvalidArgument("invalid object {}: {}: contains a NUL byte", what, text);
  }
  size_t start = 0;
  while (start <= text.size()) {
    size_t slash = text.find('/', start);
    bool last = slash == std::string_view::npos;
    std::string_view segment = text.substr(start, last ? std::string_view::npos : slash - start);
    if (segment.empty()) {
      if (last && is_prefix) break;  // "" or a trailing '/' in a prefix
      return Status::InvalidArgument("invalid object {}: {}: empty path segment", what, text);
    }
    if (segment.starts_with('.')) {
      return Status::InvalidArgument(
          "invalid object {}: {}: segment '{}' starts with '.' (reserved)", what, text, segment);
    }
    if (last) break;
    start = slash + 1;
  }
  return Status::OK();
}

}  // namespace

Status ValidateObjectKey(std::string_view key) { return CheckSegments(key, "key", false); }

Status ValidateObjectKeyPrefix(std::string_view prefix) {
  return CheckSegments(prefix, "key prefix", true);
}

std::string JoinObjectKey(std::string_view parent, std::string_view child) {
  if (parent.empty()) return std::string(child);
  std::string key(parent);
  if (!key.ends_with('/')) key.push_back('/');
  key.append(child);
  return key;
}

}  // namespace quiver
