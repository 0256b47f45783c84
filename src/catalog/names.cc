#include "catalog/names.h"

#include <cctype>

namespace quiver {
namespace {
constexpr size_t kMaxNameLength = 511;
}

Status ValidateDatabaseName(std::string_view name) {
  if (name.empty()) return Status::InvalidArgument("db name cannot be empty");
  if (name.size() > kMaxNameLength) {
    return Status::InvalidArgument("db name exceeds {} bytes: {}", kMaxNameLength, name.size());
  }
  if (!std::isalnum(static_cast<unsigned char>(name[0]))) {
    return Status::InvalidArgument("db name did not start with a number or letter");
  }
  int slashes = 0;
  for (char c : name) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '/') {
      ++slashes;
      continue;
    }
    if (u >= 0x80 || !(std::isalnum(u) || c == '_' || c == '-')) slashes = 99;
  }
  if (slashes > 1 || name.back() == '/') {
    return Status::InvalidArgument(
        "invalid character in database or rp name: must be ASCII, containing only letters, "
        "numbers, underscores, or hyphens");
  }
  return Status::OK();
}

Status ValidateTableName(std::string_view name) {
  if (name.empty()) return Status::InvalidArgument("table name cannot be empty");
  if (name.size() > kMaxNameLength) {
    return Status::InvalidArgument("table name exceeds {} bytes: {}", kMaxNameLength, name.size());
  }
  return Status::OK();
}

Status ValidateColumnName(std::string_view name) {
  if (name.empty()) return Status::InvalidArgument("column name cannot be empty");
  if (name == "time" || name == "__chunk_order") {
    return Status::InvalidArgument("'{}' is a reserved column", name);
  }
  if (name.size() > kMaxNameLength) {
    return Status::InvalidArgument("column name exceeds {} bytes: {}", kMaxNameLength, name.size());
  }
  return Status::OK();
}

}  // namespace quiver
