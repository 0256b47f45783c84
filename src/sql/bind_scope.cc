#include "sql/binder_internal.h"

namespace quiver::sql {

bool BindScope::MatchesQualifier(const std::vector<std::string>& qualifier) const {
  if (qualifier.empty() || qualifier.size() > full_name_.size()) return false;
  // The qualifier must equal a suffix of the full name: cpu, iox.cpu, public.iox.cpu.
  size_t offset = full_name_.size() - qualifier.size();
  for (size_t i = 0; i < qualifier.size(); ++i) {
    if (qualifier[i] != full_name_[offset + i]) return false;
  }
  return true;
}

BindScope::Lookup BindScope::Resolve(const std::vector<std::string>& names, int* index) const {
  if (empty() || names.empty()) return Lookup::kNotFound;
  std::vector<std::string> qualifier(names.begin(), names.end() - 1);
  if (!qualifier.empty() && !MatchesQualifier(qualifier)) return Lookup::kNotFound;
  const std::string& column = names.back();
  int found = -1;
  for (int i = 0; i < schema_->num_fields(); ++i) {
    if (schema_->field(i).name() != column) continue;
    if (found >= 0) return Lookup::kAmbiguous;
    found = i;
  }
  if (found < 0) return Lookup::kNotFound;
  *index = found;
  return Lookup::kFound;
}

std::string BindScope::QualifiedName(int index) const {
  const std::string& name = schema_->field(index).name();
  return display_qualifier_.empty() ? name : display_qualifier_ + "." + name;
}

std::string BindScope::ValidFields() const {
  std::string out;
  for (int i = 0; i < num_columns(); ++i) {
    if (i > 0) out += ", ";
    out += QualifiedName(i);
  }
  return out;
}

}  // namespace quiver::sql
