#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <string>

#include "sql/interval_literal.h"
#include "sql/sql_error.h"
#include "sql/sql_types.h"
#include "sql/transformer_internal.h"

namespace quiver::sql {

namespace {

// libpg_query keeps integers that do not fit in int32 (and all decimals) as text.
Result<Scalar> NumberFromText(const std::string& text) {
  bool integral = !text.empty();
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (!(std::isdigit(static_cast<unsigned char>(c)) || (i == 0 && (c == '-' || c == '+')))) integral = false;
  }
  if (integral) {
    errno = 0;
    char* end = nullptr;
    long long value = std::strtoll(text.c_str(), &end, 10);
    if (errno == 0 && end == text.c_str() + text.size()) return Scalar::Int64(value);
    if (text[0] != '-') {
      errno = 0;
      unsigned long long unsigned_value = std::strtoull(text.c_str(), &end, 10);
      if (errno == 0 && end == text.c_str() + text.size()) return Scalar::UInt64(unsigned_value);
    }
  }
  errno = 0;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return Status::InvalidArgument("invalid number: {}", text);
  return Scalar::Float64(value);
}

}  // namespace

Result<ParsedExprPtr> Transformer::TransformConstant(const PgQuery__AConst& constant) {
  int location = Loc(constant.location);
  if (constant.isnull) return ParsedExpr::MakeConstant(Scalar::Null(), location);
  switch (constant.val_case) {
    case PG_QUERY__A__CONST__VAL_IVAL:
      return ParsedExpr::MakeConstant(Scalar::Int64(constant.ival->ival), location);
    case PG_QUERY__A__CONST__VAL_FVAL: {
      Result<Scalar> value = NumberFromText(constant.fval->fval != nullptr ? constant.fval->fval : "");
      if (!value.ok()) return SyntaxError(value.status().message(), constant.location);
      return ParsedExpr::MakeConstant(std::move(value).ValueOrDie(), location);
    }
    case PG_QUERY__A__CONST__VAL_BOOLVAL:
      return ParsedExpr::MakeConstant(Scalar::Boolean(constant.boolval->boolval), location);
    case PG_QUERY__A__CONST__VAL_SVAL:
      return ParsedExpr::MakeConstant(Scalar::Utf8(constant.sval->sval != nullptr ? constant.sval->sval : ""),
                                      location);
    case PG_QUERY__A__CONST__VAL_BSVAL: return Unsupported("bit string literals", constant.location);
    default: return SyntaxError("unsupported constant", constant.location);
  }
}

Result<ParsedExprPtr> Transformer::TransformTypeCast(const PgQuery__TypeCast& cast) {
  const PgQuery__TypeName* type_name = cast.type_name;
  if (type_name == nullptr || type_name->n_names == 0) return SyntaxError("cast without a type", cast.location);
  if (type_name->n_array_bounds > 0) return Unsupported("array types", type_name->location);
  if (type_name->setof || type_name->pct_type) return Unsupported("this type syntax", type_name->location);
  // Names are [pg_catalog.]name.
  const char* name = StringValue(type_name->names[type_name->n_names - 1]);
  if (name == nullptr) return SyntaxError("invalid type name", type_name->location);
  const char* schema = type_name->n_names == 2 ? StringValue(type_name->names[0]) : nullptr;
  if (type_name->n_names > 2 || (type_name->n_names == 2 && (schema == nullptr || std::string(schema) != "pg_catalog"))) {
    return Unsupported(std::string("SQL type ") + name, type_name->location);
  }
  std::string type = name;
  std::optional<int> typmod;
  if (type_name->n_typmods > 0) {
    const PgQuery__Node* mod = type_name->typmods[0];
    if (mod->node_case == PG_QUERY__NODE__NODE_A_CONST && mod->a_const->val_case == PG_QUERY__A__CONST__VAL_IVAL) {
      typmod = mod->a_const->ival->ival;
    } else if (mod->node_case == PG_QUERY__NODE__NODE_A_CONST &&
               mod->a_const->val_case == PG_QUERY__A__CONST__VAL__NOT_SET) {
      typmod = 0;
    }
  }
  ASSIGN_OR_RETURN(ParsedExprPtr arg, TransformExpr(cast.arg));
  int location = cast.location >= 0 ? Loc(cast.location) : Loc(type_name->location);

  if (type == "interval") {
    // INTERVAL '1 minute', '5 minutes'::interval, INTERVAL '1' MINUTE: a literal now.
    if (arg->type == ExprType::kConstant && arg->value.type().id() == TypeId::kUtf8) {
      IntervalUnit unit = typmod ? IntervalUnitFromTypmod(*typmod) : IntervalUnit::kSecond;
      Result<MonthDayNano> interval = ParseIntervalLiteral(arg->value.string_value(), unit);
      if (!interval.ok()) return ParserError(interval.status().message(), sql_, arg->location);
      int literal_location = arg->location >= 0 && location >= 0 ? std::min(arg->location, location) : arg->location;
      return ParsedExpr::MakeConstant(Scalar::Interval(*interval), literal_location);
    }
  }
  // Only TIMESTAMP(p) uses its modifier as a precision; VARCHAR(n) and friends ignore it.
  std::optional<int> precision = (type == "timestamp" || type == "timestamptz") ? typmod : std::nullopt;
  std::optional<DataType> data_type = DataTypeFromSqlName(type, precision);
  if (!data_type) return Unsupported("SQL type " + type, type_name->location);
  auto out = std::make_unique<ParsedExpr>();
  out->type = ExprType::kCast;
  out->location = location;
  out->cast_type = *data_type;
  out->children.push_back(std::move(arg));
  return out;
}

}  // namespace quiver::sql
