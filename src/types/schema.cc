#include "types/schema.h"

namespace quiver {

int Schema::GetFieldIndex(std::string_view name) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name() == name) return static_cast<int>(i);
  }
  return -1;
}

const Field* Schema::GetFieldByName(std::string_view name) const {
  int index = GetFieldIndex(name);
  return index < 0 ? nullptr : &fields_[index];
}

std::string Schema::ToString() const {
  std::string out;
  for (const Field& field : fields_) {
    out += field.ToString();
    out += '\n';
  }
  return out;
}

}  // namespace quiver
