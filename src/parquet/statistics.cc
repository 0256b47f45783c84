#include "parquet/statistics.h"

namespace quiver::parquet {

SortOrder SortOrderOf(const SchemaElement& leaf) {
  if (!leaf.type) return SortOrder::kUnknown;
  const LogicalType& logical = leaf.logical_type;
  using K = LogicalType::Kind;
  switch (*leaf.type) {
    case PhysicalType::kBoolean:
    case PhysicalType::kFloat:
    case PhysicalType::kDouble:
      return SortOrder::kSigned;
    case PhysicalType::kInt32:
    case PhysicalType::kInt64: {
      if (logical.kind == K::kInteger) return logical.is_signed ? SortOrder::kSigned : SortOrder::kUnsigned;
      if (logical.kind == K::kDecimal) return SortOrder::kSigned;
      if (logical.kind == K::kNone && leaf.converted_type) {
        switch (*leaf.converted_type) {
          case ConvertedType::kUint8:
          case ConvertedType::kUint16:
          case ConvertedType::kUint32:
          case ConvertedType::kUint64:
            return SortOrder::kUnsigned;
          default:
            break;
        }
      }
      return SortOrder::kSigned;
    }
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray:
      if (logical.kind == K::kDecimal || logical.kind == K::kFloat16 ||
          (logical.kind == K::kNone && leaf.converted_type == ConvertedType::kDecimal)) {
        return SortOrder::kUnknown;  // not compared byte-wise
      }
      if (leaf.converted_type == ConvertedType::kInterval) return SortOrder::kUnknown;
      return SortOrder::kUnsigned;
    case PhysicalType::kInt96:
      return SortOrder::kUnknown;
  }
  return SortOrder::kUnknown;
}

namespace {

template <typename T>
std::optional<int> CompareAs(std::string_view a, std::string_view b) {
  auto x = DecodeStatValue<T>(a);
  auto y = DecodeStatValue<T>(b);
  if (!x || !y) return std::nullopt;
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(*x) || std::isnan(*y)) return std::nullopt;
  }
  return *x < *y ? -1 : (*y < *x ? 1 : 0);
}

}  // namespace

std::optional<int> CompareStatValues(PhysicalType type, SortOrder order, std::string_view a,
                                     std::string_view b) {
  if (order == SortOrder::kUnknown) return std::nullopt;
  switch (type) {
    case PhysicalType::kBoolean: {
      if (a.size() != 1 || b.size() != 1) return std::nullopt;
      int x = a[0] != 0, y = b[0] != 0;
      return x < y ? -1 : (y < x ? 1 : 0);
    }
    case PhysicalType::kInt32:
      return order == SortOrder::kSigned ? CompareAs<int32_t>(a, b) : CompareAs<uint32_t>(a, b);
    case PhysicalType::kInt64:
      return order == SortOrder::kSigned ? CompareAs<int64_t>(a, b) : CompareAs<uint64_t>(a, b);
    case PhysicalType::kFloat:
      return CompareAs<float>(a, b);
    case PhysicalType::kDouble:
      return CompareAs<double>(a, b);
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray: {
      if (order != SortOrder::kUnsigned) return std::nullopt;
      int c = a.compare(b);  // char_traits<char>::compare compares as unsigned char
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case PhysicalType::kInt96:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace quiver::parquet
