#pragma once

#include <string>

#include "types/data_type.h"
#include "types/key_value_metadata.h"

namespace quiver {

// A named, typed column description (Arrow Field).
class Field {
 public:
  Field() = default;
  Field(std::string name, DataType type, bool nullable = true, KeyValueMetadata metadata = {})
      : name_(std::move(name)),
        type_(std::move(type)),
        nullable_(nullable),
        metadata_(std::move(metadata)) {}

  const std::string& name() const { return name_; }
  const DataType& type() const { return type_; }
  bool nullable() const { return nullable_; }
  const KeyValueMetadata& metadata() const { return metadata_; }

  Field WithName(std::string name) const;
  Field WithType(DataType type) const;
  Field WithNullable(bool nullable) const;
  Field WithMetadata(KeyValueMetadata metadata) const;

  // "name: type" with " not null" when not nullable.
  std::string ToString() const;

  friend bool operator==(const Field& a, const Field& b) {
    return a.name_ == b.name_ && a.type_ == b.type_ && a.nullable_ == b.nullable_ &&
           a.metadata_ == b.metadata_;
  }

 private:
  std::string name_;
  DataType type_;
  bool nullable_ = true;
  KeyValueMetadata metadata_;
};

}  // namespace quiver
