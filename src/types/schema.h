#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "types/field.h"

namespace quiver {

// An ordered list of fields plus schema-level metadata. Immutable once shared: pass
// SchemaPtr around. Field names are not required to be unique (query results may
// repeat a name); lookups by name return the first match.
class Schema {
 public:
  Schema() = default;
  explicit Schema(std::vector<Field> fields, KeyValueMetadata metadata = {})
      : fields_(std::move(fields)), metadata_(std::move(metadata)) {}

  int num_fields() const { return static_cast<int>(fields_.size()); }
  const Field& field(int i) const { return fields_[i]; }
  const std::vector<Field>& fields() const { return fields_; }
  const KeyValueMetadata& metadata() const { return metadata_; }

  // Index of the first field named `name`, or -1.
  int GetFieldIndex(std::string_view name) const;
  const Field* GetFieldByName(std::string_view name) const;

  std::string ToString() const;

  friend bool operator==(const Schema& a, const Schema& b) {
    return a.fields_ == b.fields_ && a.metadata_ == b.metadata_;
  }

 private:
  std::vector<Field> fields_;
  KeyValueMetadata metadata_;
};

using SchemaPtr = std::shared_ptr<const Schema>;

inline SchemaPtr MakeSchema(std::vector<Field> fields, KeyValueMetadata metadata = {}) {
  return std::make_shared<const Schema>(std::move(fields), std::move(metadata));
}

}  // namespace quiver
