#include "plan/table_info.h"

namespace quiver {

int TableInfo::time_column() const {
  for (size_t i = 0; i < roles.size(); ++i) {
    if (roles[i] == ColumnRole::kTime) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace quiver
