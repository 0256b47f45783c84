#pragma once

#include <cstdint>
#include <variant>

#include "columnar/array.h"
#include "types/scalar.h"

namespace quiver {

// An argument or result of a kernel: either a column of values (one per row of the batch
// being processed) or a single Scalar standing for every row. Cheap to copy.
class Datum {
 public:
  Datum() : value_(Scalar()) {}
  Datum(Array array) : value_(std::move(array)) {}    // NOLINT(google-explicit-constructor)
  Datum(Scalar scalar) : value_(std::move(scalar)) {}  // NOLINT(google-explicit-constructor)

  bool is_array() const { return std::holds_alternative<Array>(value_); }
  bool is_scalar() const { return std::holds_alternative<Scalar>(value_); }
  // REQUIRES: is_array() / is_scalar().
  const Array& array() const { return std::get<Array>(value_); }
  const Scalar& scalar() const { return std::get<Scalar>(value_); }

  const DataType& type() const { return is_array() ? array().type() : scalar().type(); }

 private:
  std::variant<Array, Scalar> value_;
};

}  // namespace quiver
