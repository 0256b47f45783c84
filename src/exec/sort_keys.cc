#include "exec/sort_keys.h"

#include <algorithm>
#include <cstring>
#include <bit>
#include <numeric>
#include <string_view>
#include <unordered_map>

namespace quiver {

namespace {

uint64_t FloatCode(double v) {
  if (v == 0) v = 0;  // -0 and 0 compare equal
  uint64_t bits = std::bit_cast<uint64_t>(v);
  return (bits & (uint64_t{1} << 63)) ? ~bits : bits | (uint64_t{1} << 63);
}

// Ranks of distinct strings: code of row i = rank of its value among all distinct values.
template <typename GetValue>
void RankStrings(int64_t rows, const Array& validity_source, GetValue&& value_of, std::vector<uint64_t>* codes) {
  std::unordered_map<std::string_view, uint32_t> ids;
  std::vector<std::string_view> distinct;
  std::vector<uint32_t> row_ids(static_cast<size_t>(rows), 0);
  for (int64_t i = 0; i < rows; ++i) {
    if (validity_source.IsNull(i)) continue;
    std::string_view v = value_of(i);
    auto [it, inserted] = ids.emplace(v, static_cast<uint32_t>(distinct.size()));
    if (inserted) distinct.push_back(v);
    row_ids[i] = it->second;
  }
  std::vector<uint32_t> order(distinct.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return distinct[a] < distinct[b]; });
  std::vector<uint64_t> rank(distinct.size());
  for (size_t r = 0; r < order.size(); ++r) rank[order[r]] = r;
  codes->resize(static_cast<size_t>(rows));
  for (int64_t i = 0; i < rows; ++i) (*codes)[i] = validity_source.IsNull(i) ? 0 : rank[row_ids[i]];
}

}  // namespace

Result<EncodedSortKey> EncodeSortKey(const Array& column, bool ascending, bool nulls_first) {
  const int64_t rows = column.length();
  EncodedSortKey key;
  std::vector<uint64_t>& codes = key.codes;
  codes.resize(static_cast<size_t>(rows));
  const DataType& type = column.type();
  switch (type.id()) {
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kDate32:
    case TypeId::kInt64:
    case TypeId::kTimestamp:
    case TypeId::kDuration: {
      int width = type.bit_width() / 8;
      const uint8_t* raw = column.data()->buffers[1]->data() + column.offset() * width;
      for (int64_t i = 0; i < rows; ++i) {
        int64_t v;
        switch (width) {
          case 1: v = reinterpret_cast<const int8_t*>(raw)[i]; break;
          case 2: v = reinterpret_cast<const int16_t*>(raw)[i]; break;
          case 4: v = reinterpret_cast<const int32_t*>(raw)[i]; break;
          default: v = reinterpret_cast<const int64_t*>(raw)[i]; break;
        }
        codes[i] = static_cast<uint64_t>(v) ^ (uint64_t{1} << 63);
      }
      break;
    }
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64: {
      int width = type.bit_width() / 8;
      const uint8_t* raw = column.data()->buffers[1]->data() + column.offset() * width;
      for (int64_t i = 0; i < rows; ++i) {
        uint64_t v = 0;
        std::memcpy(&v, raw + i * width, static_cast<size_t>(width));
        codes[i] = v;
      }
      break;
    }
    case TypeId::kFloat32: {
      Float32Array values(column);
      for (int64_t i = 0; i < rows; ++i) codes[i] = FloatCode(values.Value(i));
      break;
    }
    case TypeId::kFloat64: {
      Float64Array values(column);
      for (int64_t i = 0; i < rows; ++i) codes[i] = FloatCode(values.Value(i));
      break;
    }
    case TypeId::kBoolean: {
      BooleanArray values(column);
      for (int64_t i = 0; i < rows; ++i) codes[i] = values.Value(i) ? 1 : 0;
      break;
    }
    case TypeId::kUtf8:
    case TypeId::kBinary: {
      StringArray values(column);
      RankStrings(rows, column, [&](int64_t i) { return values.Value(i); }, &codes);
      break;
    }
    case TypeId::kDictionary: {
      if (type.value_type().id() != TypeId::kUtf8) {
        return Status::NotImplemented("ordering by {}", type.ToString());
      }
      DictionaryArray dict(column);
      StringArray values(column.data()->dictionary);
      // Rank the dictionary once, then map indices.
      const int64_t n = values.length();
      std::vector<int64_t> order(static_cast<size_t>(n));
      std::iota(order.begin(), order.end(), 0);
      std::sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
        if (values.IsNull(a) || values.IsNull(b)) return values.IsNull(a) && !values.IsNull(b);
        return values.Value(a) < values.Value(b);
      });
      std::vector<uint64_t> rank(static_cast<size_t>(n));
      uint64_t current = 0;
      for (int64_t r = 0; r < n; ++r) {
        if (r > 0 && !(values.IsNull(order[r]) == values.IsNull(order[r - 1]) &&
                       (values.IsNull(order[r]) || values.Value(order[r]) == values.Value(order[r - 1])))) {
          ++current;
        }
        rank[order[r]] = current;
      }
      for (int64_t i = 0; i < rows; ++i) codes[i] = column.IsNull(i) ? 0 : rank[dict.IndexAt(i)];
      break;
    }
    case TypeId::kNull: break;
    default: return Status::NotImplemented("ordering by {}", type.ToString());
  }
  if (!ascending) {
    for (uint64_t& c : codes) c = ~c;
  }
  if (column.null_count() > 0 || type.id() == TypeId::kNull) {
    key.null_rank.resize(static_cast<size_t>(rows));
    for (int64_t i = 0; i < rows; ++i) {
      bool is_null = column.IsNull(i);
      key.null_rank[i] = (is_null == nulls_first) ? 0 : 1;
      if (is_null) codes[i] = 0;
    }
  }
  return key;
}

std::vector<int64_t> SortedIndices(std::span<const EncodedSortKey> keys, int64_t rows) {
  std::vector<int64_t> order(static_cast<size_t>(rows));
  std::iota(order.begin(), order.end(), 0);
  if (keys.size() == 1 && keys[0].null_rank.empty()) {
    // The common case: one key without nulls. Sorting (code, row) pairs keeps the data
    // contiguous and the comparison branch-light.
    std::vector<std::pair<uint64_t, int64_t>> pairs(static_cast<size_t>(rows));
    for (int64_t i = 0; i < rows; ++i) pairs[i] = {keys[0].codes[i], i};
    std::sort(pairs.begin(), pairs.end());
    for (int64_t i = 0; i < rows; ++i) order[i] = pairs[i].second;
    return order;
  }
  std::sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
    for (const EncodedSortKey& key : keys) {
      if (!key.null_rank.empty() && key.null_rank[a] != key.null_rank[b]) {
        return key.null_rank[a] < key.null_rank[b];
      }
      if (key.codes[a] != key.codes[b]) return key.codes[a] < key.codes[b];
    }
    return a < b;
  });
  return order;
}

}  // namespace quiver
