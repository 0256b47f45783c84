#include "types/field.h"

namespace quiver {

Field Field::WithName(std::string name) const {
  Field f = *this;
  f.name_ = std::move(name);
  return f;
}

Field Field::WithType(DataType type) const {
  Field f = *this;
  f.type_ = std::move(type);
  return f;
}

Field Field::WithNullable(bool nullable) const {
  Field f = *this;
  f.nullable_ = nullable;
  return f;
}

Field Field::WithMetadata(KeyValueMetadata metadata) const {
  Field f = *this;
  f.metadata_ = std::move(metadata);
  return f;
}

std::string Field::ToString() const {
  std::string out = name_ + ": " + type_.ToString();
  if (!nullable_) out += " not null";
  return out;
}

}  // namespace quiver
