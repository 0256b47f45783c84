#include <fmt/format.h>

#include "sql/binder_internal.h"
#include "sql/information_schema.h"
#include "sql/sql_error.h"

namespace quiver::sql {

Result<LogicalPlanPtr> RenameColumns(const Binder& binder, LogicalPlanPtr plan,
                                     const std::vector<std::string>& aliases, int location) {
  if (aliases.empty()) return plan;
  const Schema& schema = *plan->schema();
  if (static_cast<int>(aliases.size()) > schema.num_fields()) {
    return binder.PlanError(fmt::format("table has {} columns available but {} columns specified",
                                        schema.num_fields(), aliases.size()),
                            location);
  }
  std::vector<ExprPtr> exprs;
  std::vector<std::string> names;
  for (int i = 0; i < schema.num_fields(); ++i) {
    const Field& field = schema.field(i);
    exprs.push_back(Expr::Column(i, field.name(), field.type(), field.nullable()));
    names.push_back(static_cast<size_t>(i) < aliases.size() ? aliases[i] : field.name());
  }
  return LogicalPlan::Project(std::move(plan), std::move(exprs), std::move(names));
}

const CteBinding* Binder::FindCte(const std::string& name) const {
  for (auto it = ctes_.rbegin(); it != ctes_.rend(); ++it) {
    if (it->name == name) return &*it;
  }
  return nullptr;
}

Result<TableInfo> Binder::ResolveTable(const std::string& catalog, const std::string& schema,
                                       const std::string& name, int location) const {
  std::string schema_name = schema.empty() ? std::string(kUserTableSchemaName) : schema;
  std::string catalog_name = catalog.empty() ? std::string(kDefaultCatalogName) : catalog;
  std::optional<TableInfo> info;
  if (catalog_name == kDefaultCatalogName) {
    if (schema_name == kInformationSchemaName) {
      info = InformationSchemaTable(name);
    } else if (schema_name == kUserTableSchemaName || schema_name == kSystemSchemaName) {
      info = schemas_.FindTable(schema_name, name);
    }
  }
  if (!info) {
    // The reference text of InfluxDB 3 (DataFusion), without a position.
    return PlanningError(fmt::format("table '{}.{}.{}' not found", catalog_name, schema_name, name));
  }
  return *info;
}

Result<BoundRelation> Binder::BindTableRef(const TableRefNode& ref) {
  BoundRelation out;
  if (ref.type == TableRefNode::Type::kSubquery) {
    ASSIGN_OR_RETURN(LogicalPlanPtr plan, BindQuery(*ref.subquery));
    ASSIGN_OR_RETURN(out.plan, RenameColumns(*this, std::move(plan), ref.column_aliases, ref.location));
    out.scope = BindScope(ref.alias, {ref.alias}, out.plan->schema());
    return out;
  }
  if (ref.catalog.empty() && ref.schema.empty()) {
    if (const CteBinding* cte = FindCte(ref.name)) {
      ASSIGN_OR_RETURN(out.plan, RenameColumns(*this, cte->plan, ref.column_aliases, ref.location));
      std::string qualifier = ref.alias.empty() ? ref.name : ref.alias;
      out.scope = BindScope(qualifier, {qualifier}, out.plan->schema());
      return out;
    }
  }
  ASSIGN_OR_RETURN(TableInfo info, ResolveTable(ref.catalog, ref.schema, ref.name, ref.location));
  ScanSpec spec;
  spec.table = std::move(info);
  for (int i = 0; i < spec.table.schema->num_fields(); ++i) spec.projection.push_back(i);
  LogicalPlanPtr scan = LogicalPlan::Scan(std::move(spec));
  ASSIGN_OR_RETURN(out.plan, RenameColumns(*this, std::move(scan), ref.column_aliases, ref.location));
  if (!ref.alias.empty()) {
    out.scope = BindScope(ref.alias, {ref.alias}, out.plan->schema());
  } else {
    // Qualified as written (cpu, iox.cpu, public.iox.cpu); resolvable by any suffix of
    // the full name.
    std::string written;
    if (!ref.catalog.empty()) written += ref.catalog + ".";
    if (!ref.schema.empty()) written += ref.schema + ".";
    written += ref.name;
    std::string schema_name = ref.schema.empty() ? std::string(kUserTableSchemaName) : ref.schema;
    out.scope = BindScope(written, {std::string(kDefaultCatalogName), schema_name, ref.name}, out.plan->schema());
  }
  return out;
}

}  // namespace quiver::sql
