#pragma once

#include <string>
#include <vector>

#include "exec/table_source.h"
#include "plan/table_info.h"

namespace quiver {

// The rows of one information_schema view (tables, columns, schemata, views,
// df_settings), computed from the tables visible to the query. One batch.
class InformationSchemaSource final : public TableSource {
 public:
  InformationSchemaSource(std::string view, std::vector<TableInfo> tables)
      : view_(std::move(view)), tables_(std::move(tables)) {}

  Result<std::vector<Morsel>> Scan(const ScanSpec& spec, ExecContext& ctx) override;

 private:
  Result<RecordBatchPtr> Build(ExecContext& ctx) const;

  std::string view_;
  std::vector<TableInfo> tables_;  // every table: iox, system and information_schema
};

}  // namespace quiver
