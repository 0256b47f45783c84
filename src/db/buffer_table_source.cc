#include "db/buffer_table_source.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace quiver {

namespace {

// Whether a tag column of a batch can match a predicate, judged from its dictionary.
bool DictionaryMayMatch(const Array& column, const TagPredicate& predicate,
                        std::map<const ArrayData*, bool>* cache) {
  if (predicate.negated || column.type().id() != TypeId::kDictionary) return true;
  const ArrayData* dictionary = column.data()->dictionary.get();
  if (dictionary == nullptr) return true;
  auto it = cache->find(dictionary);
  if (it != cache->end()) return it->second;
  StringArray values(column.data()->dictionary);
  bool found = false;
  for (int64_t i = 0; i < values.length() && !found; ++i) {
    if (values.IsNull(i)) continue;
    found = std::binary_search(predicate.values.begin(), predicate.values.end(), values.Value(i));
  }
  (*cache)[dictionary] = found;
  return found;
}

}  // namespace

Result<std::vector<Morsel>> BufferTableSource::Scan(const ScanSpec& spec, ExecContext& ctx) {
  ASSIGN_OR_RETURN(auto batches, buffer_->Scan(db_, table_, spec.time_range));
  std::vector<Morsel> morsels;
  chunks_scanned_ = 0;
  chunks_pruned_ = 0;
  std::vector<std::map<const ArrayData*, bool>> caches(spec.tag_predicates.size());
  const SchemaPtr& table_schema = spec.table.schema;
  std::vector<Field> fields;
  for (int c : spec.projection) fields.push_back(table_schema->field(c));
  SchemaPtr projected = MakeSchema(std::move(fields), table_schema->metadata());
  int64_t remaining = spec.limit.value_or(INT64_MAX);
  for (const RecordBatchPtr& batch : batches) {
    if (remaining <= 0) break;
    // The buffer's batches use the latest table schema; the spec's table schema is from
    // the query's catalog snapshot, which may be older: match columns by name.
    bool keep = true;
    for (size_t p = 0; p < spec.tag_predicates.size() && keep; ++p) {
      const std::string& name = table_schema->field(spec.tag_predicates[p].column).name();
      Array column = batch->GetColumnByName(name);
      keep = !column.is_valid_handle() ? spec.tag_predicates[p].negated
                                       : DictionaryMayMatch(column, spec.tag_predicates[p], &caches[p]);
    }
    if (!keep) {
      ++chunks_pruned_;
      continue;
    }
    ++chunks_scanned_;
    std::vector<Array> columns;
    columns.reserve(spec.projection.size());
    for (int c : spec.projection) {
      const Field& field = table_schema->field(c);
      Array column = batch->GetColumnByName(field.name());
      if (!column.is_valid_handle() || !(column.type() == field.type())) {
        column = MakeNullArray(field.type(), batch->num_rows());
      }
      columns.push_back(std::move(column));
    }
    morsels.push_back(Morsel{RecordBatch::MakeUnchecked(projected, batch->num_rows(), std::move(columns)), nullptr});
    if (spec.filters.empty()) remaining -= batch->num_rows();
  }
  return morsels;
}

std::string BufferTableSource::Describe() const {
  return fmt::format("buffer_chunks={} pruned={}", chunks_scanned_, chunks_pruned_);
}

}  // namespace quiver
