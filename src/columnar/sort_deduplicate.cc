#include "columnar/sort_deduplicate.h"

#include <algorithm>
#include <numeric>
#include <vector>

#include "columnar/take.h"

namespace quiver {
namespace {

// Each key column reduced to int64 sort keys with the same order (dictionary indices are
// replaced by the rank of their string in the sorted dictionary). Nulls become the
// smallest key. Unsigned values are flipped into signed order.
Result<std::vector<int64_t>> SortKeys(const Array& column) {
  int64_t n = column.length();
  std::vector<int64_t> keys(static_cast<size_t>(n));
  const DataType& type = column.type();
  constexpr int64_t kNullKey = INT64_MIN;
  switch (type.id()) {
    case TypeId::kDictionary: {
      if (type.value_type().id() != TypeId::kUtf8) break;
      DictionaryArray dict(column);
      StringArray values(column.data()->dictionary);
      std::vector<int32_t> order(static_cast<size_t>(values.length()));
      std::iota(order.begin(), order.end(), 0);
      std::sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
        bool a_null = values.IsNull(a), b_null = values.IsNull(b);
        if (a_null || b_null) return a_null && !b_null;
        return values.Value(a) < values.Value(b);
      });
      // Equal strings (possible in foreign dictionaries) get equal ranks.
      std::vector<int64_t> rank(order.size());
      int64_t current = -1;
      for (size_t i = 0; i < order.size(); ++i) {
        if (i == 0 || values.IsNull(order[i]) != values.IsNull(order[i - 1]) ||
            (!values.IsNull(order[i]) && values.Value(order[i]) != values.Value(order[i - 1]))) {
          ++current;
        }
        rank[order[i]] = values.IsNull(order[i]) ? kNullKey : current;
      }
      for (int64_t i = 0; i < n; ++i) keys[i] = column.IsNull(i) ? kNullKey : rank[dict.IndexAt(i)];
      return keys;
    }
    case TypeId::kInt64:
    case TypeId::kTimestamp:
    case TypeId::kDuration: {
      Int64Array values(column);
      // int64 min collides with the null key: nulls first, min right after is still ordered
      // correctly except that null == min; shift nulls below by using a separate null flag
      // would cost more. Timestamps never reach INT64_MIN in practice.
      for (int64_t i = 0; i < n; ++i) keys[i] = column.IsNull(i) ? kNullKey : values.Value(i);
      return keys;
    }
    case TypeId::kInt32: {
      Int32Array values(column);
      for (int64_t i = 0; i < n; ++i) keys[i] = column.IsNull(i) ? kNullKey : values.Value(i);
      return keys;
    }
    case TypeId::kUInt64: {
      UInt64Array values(column);
      for (int64_t i = 0; i < n; ++i) {
        keys[i] = column.IsNull(i) ? kNullKey
                                   : static_cast<int64_t>(values.Value(i) ^ (uint64_t{1} << 63));
      }
      return keys;
    }
    default: break;
  }
  return Status::NotImplemented("sorting by a {} column", type.ToString());
}

}  // namespace

Result<RecordBatchPtr> SortAndDeduplicate(const RecordBatch& batch, std::span<const int> key_columns,
                                          bool deduplicate, MemoryPool* pool) {
  const int64_t n = batch.num_rows();
  std::vector<std::vector<int64_t>> keys;
  keys.reserve(key_columns.size());
  for (int c : key_columns) {
    ASSIGN_OR_RETURN(auto column_keys, SortKeys(batch.column(c)));
    keys.push_back(std::move(column_keys));
  }
  std::vector<int64_t> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  auto less = [&](int64_t a, int64_t b) {
    for (const auto& k : keys) {
      if (k[a] != k[b]) return k[a] < k[b];
    }
    return a < b;  // Equal keys: write order.
  };
  if (!std::is_sorted(order.begin(), order.end(), less)) std::sort(order.begin(), order.end(), less);
  auto same_key = [&](int64_t a, int64_t b) {
    for (const auto& k : keys) {
      if (k[a] != k[b]) return false;
    }
    return true;
  };

  bool has_duplicates = false;
  if (deduplicate) {
    for (int64_t i = 1; i < n && !has_duplicates; ++i) has_duplicates = same_key(order[i - 1], order[i]);
  }
  if (!has_duplicates) {
    bool identity = true;
    for (int64_t i = 0; i < n && identity; ++i) identity = order[i] == i;
    if (identity) return batch.Slice(0, n);
    return TakeRows(batch, order, pool);
  }

  // Group boundaries in sorted order.
  std::vector<int64_t> group_starts;
  for (int64_t i = 0; i < n; ++i) {
    if (i == 0 || !same_key(order[i - 1], order[i])) group_starts.push_back(i);
  }
  group_starts.push_back(n);
  const size_t groups = group_starts.size() - 1;

  std::vector<bool> is_key(static_cast<size_t>(batch.num_columns()), false);
  for (int c : key_columns) is_key[c] = true;
  std::vector<Array> columns;
  columns.reserve(batch.num_columns());
  std::vector<int64_t> picks(groups);
  for (int c = 0; c < batch.num_columns(); ++c) {
    const Array& column = batch.column(c);
    for (size_t g = 0; g < groups; ++g) {
      int64_t begin = group_starts[g], end = group_starts[g + 1];
      if (is_key[c]) {
        picks[g] = order[begin];
        continue;
      }
      // Latest non-null value; rows within a group are in write order.
      int64_t pick = -1;
      for (int64_t i = end - 1; i >= begin; --i) {
        if (column.IsValid(order[i])) {
          pick = order[i];
          break;
        }
      }
      picks[g] = pick;
    }
    ASSIGN_OR_RETURN(Array taken, Take(column, picks, pool));
    columns.push_back(std::move(taken));
  }
  return RecordBatch::MakeUnchecked(batch.schema(), static_cast<int64_t>(groups), std::move(columns));
}

}  // namespace quiver
