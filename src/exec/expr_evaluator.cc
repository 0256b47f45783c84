#include "exec/expr_evaluator.h"

#include <numeric>

#include "columnar/bit_util.h"
#include "columnar/builder.h"
#include "columnar/concatenate.h"
#include "columnar/take.h"

namespace quiver {

namespace {

// ANDs the validity of every array argument into the result's validity.
Result<Datum> IntersectValidity(Datum result, std::span<const Datum> args, int64_t rows, MemoryPool* pool) {
  if (!result.is_array()) return result;
  const Array& out = result.array();
  std::vector<const Array*> with_nulls;
  for (const Datum& arg : args) {
    if (arg.is_array() && arg.array().null_count() > 0) with_nulls.push_back(&arg.array());
  }
  if (out.null_count() > 0) with_nulls.push_back(&out);
  if (with_nulls.empty() || (with_nulls.size() == 1 && with_nulls[0] == &out)) return result;
  BufferBuilder bits(pool);
  RETURN_NOT_OK(bits.Resize(bit_util::BytesForBits(rows)));
  uint8_t* dst = bits.mutable_data();
  bit_util::SetBitsTo(dst, 0, rows, true);
  for (const Array* array : with_nulls) {
    const uint8_t* src = array->null_bitmap_data();
    if (src == nullptr) {
      if (array->type().id() == TypeId::kNull) bit_util::SetBitsTo(dst, 0, rows, false);
      continue;
    }
    int64_t offset = array->offset();
    if ((offset & 7) == 0) {
      const uint8_t* s = src + (offset >> 3);
      int64_t bytes = bit_util::BytesForBits(rows);
      for (int64_t b = 0; b < bytes; ++b) dst[b] &= s[b];
    } else {
      for (int64_t i = 0; i < rows; ++i) {
        if (!bit_util::GetBit(src, offset + i)) bit_util::ClearBit(dst, i);
      }
    }
  }
  int64_t nulls = rows - bit_util::CountSetBits(dst, 0, rows);
  ASSIGN_OR_RETURN(BufferPtr validity, bits.Finish());
  auto data = std::make_shared<ArrayData>(*out.data());
  if (data->offset != 0) {
    // Validity must share the values' offset: realign by slicing semantics is not
    // possible for a fresh bitmap, so materialise a zero-offset copy via Take.
    std::vector<int64_t> identity(static_cast<size_t>(rows));
    std::iota(identity.begin(), identity.end(), 0);
    ASSIGN_OR_RETURN(Array copy, Take(out, identity, pool));
    data = std::make_shared<ArrayData>(*copy.data());
  }
  data->buffers[0] = nulls > 0 ? std::move(validity) : nullptr;
  data->null_count = nulls;
  return Datum(Array(std::move(data)));
}

Result<Datum> EvaluateCall(const Expr& expr, const RecordBatch& batch, ExecContext& ctx) {
  std::vector<Datum> args;
  args.reserve(expr.args().size());
  const ScalarKernel& kernel = *expr.call().kernel;
  const bool intersect = kernel.null_handling == NullHandling::kIntersection;
  for (const ExprPtr& arg : expr.args()) {
    ASSIGN_OR_RETURN(Datum value, EvaluateExpr(*arg, batch, ctx));
    if (intersect && value.is_scalar() && value.scalar().is_null()) {
      return Datum(Scalar::Null(expr.type()));
    }
    args.push_back(std::move(value));
  }
  KernelContext kctx;
  kctx.pool = ctx.pool();
  kctx.query_time_nanos = ctx.query_time_nanos();
  kctx.state = expr.kernel_state().get();
  ASSIGN_OR_RETURN(Datum result, kernel.exec(kctx, args, batch.num_rows()));
  if (intersect) return IntersectValidity(std::move(result), args, batch.num_rows(), ctx.pool());
  return result;
}

// CASE: rows are routed through the WHEN conditions in order; each branch value is
// computed only over the rows that select it, then the pieces are scattered back.
Result<Datum> EvaluateCase(const Expr& expr, const RecordBatch& batch, ExecContext& ctx) {
  const int64_t rows = batch.num_rows();
  std::vector<int64_t> remaining(static_cast<size_t>(rows));
  std::iota(remaining.begin(), remaining.end(), 0);
  std::vector<Array> pieces;
  std::vector<int64_t> piece_of(static_cast<size_t>(rows), -1);  // row -> position in concatenation
  int64_t produced = 0;
  RecordBatchPtr current = RecordBatch::MakeUnchecked(batch.schema(), rows, batch.columns());
  auto add_piece = [&](const Array& values, const std::vector<int64_t>& target_rows) {
    for (size_t i = 0; i < target_rows.size(); ++i) piece_of[target_rows[i]] = produced + static_cast<int64_t>(i);
    produced += static_cast<int64_t>(target_rows.size());
    pieces.push_back(values);
  };
  for (size_t w = 0; w < expr.num_whens() && !remaining.empty(); ++w) {
    ASSIGN_OR_RETURN(Datum condition, EvaluateExpr(*expr.args()[2 * w], *current, ctx));
    std::vector<int64_t> take_local, keep_local;
    for (int64_t i = 0; i < current->num_rows(); ++i) {
      bool hit;
      if (condition.is_scalar()) {
        hit = condition.scalar().is_valid() && condition.scalar().bool_value();
      } else {
        BooleanArray mask(condition.array());
        hit = mask.IsValid(i) && mask.Value(i);
      }
      (hit ? take_local : keep_local).push_back(i);
    }
    if (!take_local.empty()) {
      ASSIGN_OR_RETURN(RecordBatchPtr selected, TakeRows(*current, take_local, ctx.pool()));
      ASSIGN_OR_RETURN(Datum value, EvaluateExpr(*expr.args()[2 * w + 1], *selected, ctx));
      Array values;
      if (value.is_scalar()) {
        ASSIGN_OR_RETURN(values, BroadcastScalar(value.scalar(), selected->num_rows(), ctx.pool()));
      } else {
        values = value.array();
      }
      std::vector<int64_t> targets;
      for (int64_t i : take_local) targets.push_back(remaining[i]);
      add_piece(values, targets);
    }
    if (keep_local.size() == static_cast<size_t>(current->num_rows())) continue;
    ASSIGN_OR_RETURN(current, TakeRows(*current, keep_local, ctx.pool()));
    std::vector<int64_t> next;
    for (int64_t i : keep_local) next.push_back(remaining[i]);
    remaining = std::move(next);
  }
  if (!remaining.empty()) {
    Array values;
    if (expr.has_else()) {
      ASSIGN_OR_RETURN(Datum value, EvaluateExpr(*expr.args().back(), *current, ctx));
      if (value.is_scalar()) {
        ASSIGN_OR_RETURN(values, BroadcastScalar(value.scalar(), current->num_rows(), ctx.pool()));
      } else {
        values = value.array();
      }
    } else {
      values = MakeNullArray(expr.type(), current->num_rows());
    }
    add_piece(values, remaining);
  }
  ASSIGN_OR_RETURN(Array all, Concatenate(pieces, ctx.pool()));
  return Datum(*Take(all, piece_of, ctx.pool()));
}

}  // namespace

Result<Array> BroadcastScalar(const Scalar& value, int64_t rows, MemoryPool* pool) {
  const DataType& type = value.type();
  if (value.is_null()) return MakeNullArray(type, rows);
  switch (type.id()) {
    case TypeId::kBoolean: {
      BooleanBuilder b(pool);
      RETURN_NOT_OK(b.Reserve(rows));
      for (int64_t i = 0; i < rows; ++i) b.UnsafeAppend(value.bool_value());
      return b.Finish();
    }
    case TypeId::kInt64:
    case TypeId::kTimestamp:
    case TypeId::kDuration: {
      NumericBuilder<int64_t> b(type, pool);
      RETURN_NOT_OK(b.Reserve(rows));
      for (int64_t i = 0; i < rows; ++i) b.UnsafeAppend(value.int64_value());
      return b.Finish();
    }
    case TypeId::kInt32:
    case TypeId::kDate32: {
      NumericBuilder<int32_t> b(type, pool);
      RETURN_NOT_OK(b.Reserve(rows));
      for (int64_t i = 0; i < rows; ++i) b.UnsafeAppend(static_cast<int32_t>(value.int64_value()));
      return b.Finish();
    }
    case TypeId::kUInt64: {
      NumericBuilder<uint64_t> b(type, pool);
      RETURN_NOT_OK(b.Reserve(rows));
      for (int64_t i = 0; i < rows; ++i) b.UnsafeAppend(value.uint64_value());
      return b.Finish();
    }
    case TypeId::kFloat64: {
      NumericBuilder<double> b(type, pool);
      RETURN_NOT_OK(b.Reserve(rows));
      for (int64_t i = 0; i < rows; ++i) b.UnsafeAppend(value.double_value());
      return b.Finish();
    }
    case TypeId::kUtf8:
    case TypeId::kBinary: {
      StringBuilder b(type, pool);
      RETURN_NOT_OK(b.Reserve(rows, rows * static_cast<int64_t>(value.string_value().size())));
      for (int64_t i = 0; i < rows; ++i) b.UnsafeAppend(value.string_value());
      return b.Finish();
    }
    case TypeId::kDictionary: {
      StringDictionaryBuilder b(pool);
      RETURN_NOT_OK(b.Reserve(rows));
      ASSIGN_OR_RETURN(int32_t index, b.GetOrInsert(value.string_value()));
      for (int64_t i = 0; i < rows; ++i) b.UnsafeAppendIndex(index);
      return b.Finish();
    }
    case TypeId::kIntervalMonthDayNano: {
      BufferBuilder values(pool);
      RETURN_NOT_OK(values.Reserve(rows * 16));
      MonthDayNano v = value.interval_value();
      for (int64_t i = 0; i < rows; ++i) {
        values.UnsafeAppend(v.months);
        values.UnsafeAppend(v.days);
        values.UnsafeAppend(v.nanos);
      }
      ASSIGN_OR_RETURN(BufferPtr data, values.Finish());
      return Array(ArrayData::Make(type, rows, {nullptr, std::move(data)}, 0));
    }
    default:
      return Status::NotImplemented("broadcasting a {} value", type.ToString());
  }
}

Result<Datum> EvaluateExpr(const Expr& expr, const RecordBatch& batch, ExecContext& ctx) {
  switch (expr.kind()) {
    case Expr::Kind::kColumn: return Datum(batch.column(expr.column_index()));
    case Expr::Kind::kLiteral: return Datum(expr.literal());
    case Expr::Kind::kCall: return EvaluateCall(expr, batch, ctx);
    case Expr::Kind::kCast: {
      ASSIGN_OR_RETURN(Datum value, EvaluateExpr(*expr.args()[0], batch, ctx));
      KernelContext kctx;
      kctx.pool = ctx.pool();
      kctx.query_time_nanos = ctx.query_time_nanos();
      return Cast(kctx, value, expr.type());
    }
    case Expr::Kind::kCase: return EvaluateCase(expr, batch, ctx);
  }
  return Status::Internal("unknown expression kind");
}

Result<Datum> ExprEvaluator::Evaluate(const RecordBatch& batch, ExecContext& ctx) const {
  return EvaluateExpr(*expr_, batch, ctx);
}

Result<Array> ExprEvaluator::EvaluateToArray(const RecordBatch& batch, ExecContext& ctx) const {
  ASSIGN_OR_RETURN(Datum value, Evaluate(batch, ctx));
  if (value.is_array()) return value.array();
  return BroadcastScalar(value.scalar(), batch.num_rows(), ctx.pool());
}

Result<RecordBatchPtr> FilterBatch(const RecordBatchPtr& batch, const Datum& mask, ExecContext& ctx) {
  if (mask.is_scalar()) {
    const Scalar& s = mask.scalar();
    return s.is_valid() && s.bool_value() ? batch : nullptr;
  }
  BooleanArray bools(mask.array());
  const int64_t rows = batch->num_rows();
  std::vector<int64_t> selected;
  selected.reserve(static_cast<size_t>(rows));
  const uint8_t* values = bools.values_bitmap();
  const uint8_t* validity = bools.null_bitmap_data();
  const int64_t offset = bools.offset();
  for (int64_t i = 0; i < rows; ++i) {
    bool keep = bit_util::GetBit(values, offset + i) && (validity == nullptr || bit_util::GetBit(validity, offset + i));
    if (keep) selected.push_back(i);
  }
  if (selected.empty()) return RecordBatchPtr();
  if (static_cast<int64_t>(selected.size()) == rows) return batch;
  // A contiguous run is a zero-copy slice.
  if (selected.back() - selected.front() + 1 == static_cast<int64_t>(selected.size())) {
    return batch->Slice(selected.front(), static_cast<int64_t>(selected.size()));
  }
  return TakeRows(*batch, selected, ctx.pool());
}

}  // namespace quiver
