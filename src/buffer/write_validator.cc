#include "buffer/write_validator.h"

#include <algorithm>
#include <bit>
#include <functional>
#include <map>
#include <unordered_map>

#include "catalog/names.h"
#include "lineproto/line_parser.h"

namespace quiver {

namespace {

ColumnType ColumnTypeOf(lineproto::FieldKind kind) {
  switch (kind) {
    case lineproto::FieldKind::kFloat: return ColumnType::OfField(FieldType::kFloat);
    case lineproto::FieldKind::kInteger: return ColumnType::OfField(FieldType::kInteger);
    case lineproto::FieldKind::kUInteger: return ColumnType::OfField(FieldType::kUInteger);
    case lineproto::FieldKind::kString: return ColumnType::OfField(FieldType::kString);
    case lineproto::FieldKind::kBoolean: return ColumnType::OfField(FieldType::kBoolean);
  }
  return ColumnType::OfField(FieldType::kFloat);
}

uint64_t WordOf(const lineproto::FieldValue& value) {
  switch (value.kind) {
    case lineproto::FieldKind::kFloat: return std::bit_cast<uint64_t>(value.float_value);
    case lineproto::FieldKind::kInteger: return static_cast<uint64_t>(value.integer_value);
    case lineproto::FieldKind::kUInteger: return value.uinteger_value;
    case lineproto::FieldKind::kBoolean: return value.boolean_value ? 1 : 0;
    case lineproto::FieldKind::kString: return 0;
  }
  return 0;
}

std::string TypeMismatch(std::string_view name, ColumnType existing, ColumnType got) {
  return fmt::format("invalid column type for column '{}', expected {}, got {}", name,
                     IoxColumnTypeName(existing), IoxColumnTypeName(got));
}

}  // namespace

int64_t ValidatedWrite::num_rows() const {
  int64_t rows = 0;
  for (const StagedTable& table : tables) rows += table.num_rows();
  return rows;
}

// One validation pass over the body against a fixed catalog snapshot.
struct WriteValidator::Pass {
  enum class Outcome { kDone, kNeedsSchema };

  lineproto::LineProtocolParser parser;

  // Per-table resolution cache: the columns the previous line of the table resolved to,
  // by position, so lines with the same keys in the same order (the norm) skip lookups.
  struct TableState {
    const TableSchema* schema = nullptr;
    size_t staged_index = 0;
    std::vector<std::pair<std::string, const ColumnSchema*>> tag_cache;
    std::vector<std::pair<std::string, const ColumnSchema*>> field_cache;
  };

  // Resolves `key` to a column, using the positional cache.
  static const ColumnSchema* Resolve(const TableSchema& schema,
                                     std::vector<std::pair<std::string, const ColumnSchema*>>& cache,
                                     size_t position, std::string_view key) {
    if (position < cache.size() && cache[position].first == key) return cache[position].second;
    const ColumnSchema* column = schema.FindColumn(key);
    if (column != nullptr) {
      if (position >= cache.size()) cache.resize(position + 1);
      cache[position] = {std::string(key), column};
    }
    return column;
  }

  // Validates one parsed line. Returns true if staged; false with *error set if rejected;
  // sets *missing if the line needs a table or column the snapshot lacks.
  static bool CheckLine(const lineproto::ParsedLine& line, TableState& state, std::string* error,
                        bool* missing) {
    const TableSchema& schema = *state.schema;
    for (size_t i = 0; i < line.tags.size(); ++i) {
      const lineproto::Tag& tag = line.tags[i];
      const ColumnSchema* column = Resolve(schema, state.tag_cache, i, tag.key);
      if (column == nullptr) {
        Status name = ValidateColumnName(tag.key);
        if (!name.ok()) return *error = name.message(), false;
        *missing = true;
        return false;
      }
      if (column->type.role != ColumnRole::kTag) {
        Status name = ValidateColumnName(tag.key);
        if (!name.ok()) return *error = name.message(), false;
        *error = TypeMismatch(tag.key, column->type, ColumnType::Tag());
        return false;
      }
    }
    for (size_t i = 0; i < line.fields.size(); ++i) {
      const lineproto::Field& field = line.fields[i];
      const ColumnSchema* column = Resolve(schema, state.field_cache, i, field.key);
      ColumnType type = ColumnTypeOf(field.value.kind);
      if (column == nullptr) {
        Status name = ValidateColumnName(field.key);
        if (!name.ok()) return *error = name.message(), false;
        *missing = true;
        return false;
      }
      if (!(column->type == type)) {
        Status name = ValidateColumnName(field.key);
        if (!name.ok()) return *error = name.message(), false;
        *error = TypeMismatch(field.key, column->type, type);
        return false;
      }
    }
    return true;
  }

  static void StageLine(const lineproto::ParsedLine& line, TableState& state, StagedTable& staged) {
    staged.BeginRow(line.timestamp);
    for (size_t i = 0; i < line.tags.size(); ++i) {
      staged.SetTag(state.tag_cache[i].second->id, line.tags[i].value);
    }
    for (size_t i = 0; i < line.fields.size(); ++i) {
      const lineproto::Field& field = line.fields[i];
      const ColumnSchema* column = state.field_cache[i].second;
      if (field.value.kind == lineproto::FieldKind::kString) {
        staged.SetString(column->id, field.value.string_value);
      } else {
        staged.SetWord(column->id, column->type, WordOf(field.value));
      }
    }
    staged.EndRow();
  }
};

void WriteValidator::MarkMissingSchema(std::string_view body, const lineproto::ParseOptions& options,
                                       const DatabaseSchema& database,
                                       const std::function<bool(size_t)>& skipped,
                                       std::map<size_t, std::string>* schema_errors) {
  lineproto::LineProtocolParser& parser = pass_->parser;
  parser.Reset(body, options);
  while (parser.Next()) {
    if (!parser.ok()) continue;
    const lineproto::ParsedLine& line = parser.line();
    if (skipped(line.line_number)) continue;
    const TableSchema* table = database.FindTable(line.measurement);
    if (table == nullptr) {
      (*schema_errors)[line.line_number] = fmt::format("table not found: {}", line.measurement);
      continue;
    }
    for (const lineproto::Tag& tag : line.tags) {
      if (table->FindColumn(tag.key) == nullptr) {
        (*schema_errors)[line.line_number] = fmt::format("column not found: {}", tag.key);
      }
    }
    for (const lineproto::Field& field : line.fields) {
      if (table->FindColumn(field.key) == nullptr) {
        (*schema_errors)[line.line_number] = fmt::format("column not found: {}", field.key);
      }
    }
  }
}

WriteValidator::WriteValidator(Catalog* catalog)
    : catalog_(catalog), pass_(std::make_unique<Pass>()) {}
WriteValidator::~WriteValidator() = default;

Result<ValidatedWrite> WriteValidator::Validate(std::string_view db, std::string_view body,
                                                const lineproto::ParseOptions& options,
                                                bool accept_partial,
                                                const std::vector<size_t>& skip_lines,
                                                bool create_schema) {
  RETURN_NOT_OK(ValidateDatabaseName(db));
  std::function<bool(size_t)> skipped = [&](size_t line_number) {
    return std::binary_search(skip_lines.begin(), skip_lines.end(), line_number);
  };
  // Errors found while creating schema, by line number; reused by the following pass so
  // that a line whose column could not be created is rejected rather than retried.
  std::map<size_t, std::string> schema_errors;

  for (int attempt = 0; attempt < 4; ++attempt) {
    CatalogSnapshotPtr snapshot = catalog_->snapshot();
    ValidatedWrite write;
    write.db_name = std::string(db);
    write.catalog = snapshot;
    const DatabaseSchema* database = snapshot->FindDatabase(db);
    bool needs_schema = database == nullptr;
    std::unordered_map<std::string_view, Pass::TableState> tables;
    std::string_view last_measurement;
    Pass::TableState* state = nullptr;

    lineproto::LineProtocolParser& parser = pass_->parser;
    parser.Reset(body, options);
    while (!needs_schema && parser.Next()) {
      if (!parser.ok()) {
        const lineproto::ParseError& e = parser.error();
        if (skipped(e.line_number)) continue;
        write.errors.push_back(LineError{e.line_number, e.message, std::string(e.original_line)});
        if (!accept_partial) break;
        continue;
      }
      const lineproto::ParsedLine& line = parser.line();
      if (skipped(line.line_number)) continue;
      auto reject = [&](std::string message) {
        write.errors.push_back(LineError{line.line_number, std::move(message), std::string(line.text)});
      };
      if (auto it = schema_errors.find(line.line_number); it != schema_errors.end()) {
        reject(it->second);
        if (!accept_partial) break;
        continue;
      }
      if (state == nullptr || line.measurement != last_measurement) {
        auto it = tables.find(line.measurement);
        if (it == tables.end()) {
          const TableSchema* schema = database->FindTable(line.measurement);
          if (schema == nullptr) {
            Status name = ValidateTableName(line.measurement);
            if (!name.ok()) {
              reject(name.message());
              if (!accept_partial) break;
              continue;
            }
            needs_schema = true;
            break;
          }
          Pass::TableState fresh;
          fresh.schema = schema;
          fresh.staged_index = write.tables.size();
          write.tables.emplace_back(database->id(), schema->id());
          // Keys are views into the body or parser arena: valid for this whole pass.
          it = tables.emplace(line.measurement, std::move(fresh)).first;
        }
        state = &it->second;
        last_measurement = line.measurement;
      }
      std::string error;
      bool missing = false;
      if (!Pass::CheckLine(line, *state, &error, &missing)) {
        if (missing) {
          needs_schema = true;
          break;
        }
        reject(std::move(error));
        if (!accept_partial) break;
        continue;
      }
      Pass::StageLine(line, *state, write.tables[state->staged_index]);
      ++write.accepted_lines;
    }

    if (!needs_schema) {
      write.db_id = database ? database->id() : 0;
      if (!accept_partial && !write.errors.empty()) {
        write.rejected = true;
        write.tables.clear();
        write.accepted_lines = 0;
      }
      if (write.accepted_lines == 0) write.tables.clear();
      // Drop staged tables that ended up with no rows.
      std::erase_if(write.tables, [](const StagedTable& t) { return t.num_rows() == 0; });
      return write;
    }

    if (!create_schema) {
      // Replay: reject the lines whose schema is gone instead of creating it. Validate
      // again treating every line that needs schema as an error.
      if (database == nullptr) return Status::NotFound("database not found: {}", db);
      MarkMissingSchema(body, options, *database, skipped, &schema_errors);
      continue;
    }

    // Slow path: create what the body needs in one catalog commit, then validate again.
    std::optional<LineError> first_error;
    Status committed =
        catalog_
            ->Commit([&](CatalogTransaction& tx) -> Status {
              ASSIGN_OR_RETURN(const DatabaseSchema* d, tx.DatabaseForWrite(db));
              DbId db_id = d->id();
              parser.Reset(body, options);
              while (parser.Next()) {
                if (!parser.ok()) {
                  const lineproto::ParseError& e = parser.error();
                  if (!accept_partial && !skipped(e.line_number)) {
                    // The request fails at this line whatever the schema: create nothing.
                    first_error = LineError{e.line_number, e.message, std::string(e.original_line)};
                    return Status::Cancelled("write rejected");
                  }
                  continue;
                }
                const lineproto::ParsedLine& line = parser.line();
                if (skipped(line.line_number) || schema_errors.count(line.line_number)) continue;
                auto fail = [&](const Status& status) -> Status {
                  schema_errors[line.line_number] = status.message();
                  if (!accept_partial) {
                    first_error = LineError{line.line_number, status.message(), std::string(line.text)};
                    return Status::Cancelled("write rejected");
                  }
                  return Status::OK();
                };
                auto table = tx.TableForWrite(db_id, line.measurement);
                if (!table.ok()) {
                  RETURN_NOT_OK(fail(table.status()));
                  continue;
                }
                TableId table_id = (*table)->id();
                bool line_ok = true;
                for (const lineproto::Tag& tag : line.tags) {
                  auto id = tx.ColumnForWrite(db_id, table_id, tag.key, ColumnType::Tag());
                  if (!id.ok()) {
                    RETURN_NOT_OK(fail(id.status()));
                    line_ok = false;
                    break;
                  }
                }
                if (!line_ok) continue;
                for (const lineproto::Field& field : line.fields) {
                  auto id = tx.ColumnForWrite(db_id, table_id, field.key, ColumnTypeOf(field.value.kind));
                  if (!id.ok()) {
                    RETURN_NOT_OK(fail(id.status()));
                    break;
                  }
                }
              }
              return Status::OK();
            })
            .status();
    if (first_error) {
      // accept_partial=false and a line cannot get its schema: nothing was committed.
      ValidatedWrite rejected;
      rejected.db_name = std::string(db);
      rejected.catalog = catalog_->snapshot();
      rejected.rejected = true;
      rejected.errors.push_back(std::move(*first_error));
      if (const DatabaseSchema* d = rejected.catalog->FindDatabase(db)) rejected.db_id = d->id();
      return rejected;
    }
    RETURN_NOT_OK(committed);
  }
  return Status::Internal("write validation did not converge (concurrent schema changes?)");
}

}  // namespace quiver
