#include "columnar/validate_array.h"

#include <gtest/gtest.h>

#include <cstring>

#include "columnar/interop/array_literals.h"
#include "columnar/interop/sample_batches.h"
#include "testing/status_matchers.h"

namespace quiver {
namespace {

using literals::Opt;

// A copy of `array` with buffer `index` replaced by `bytes`.
Array WithBuffer(const Array& array, size_t index, const std::string& bytes) {
  auto data = std::make_shared<ArrayData>(*array.data());
  data->buffers[index] = Buffer::Copy(bytes).ValueOrDie();
  return Array(std::move(data));
}

template <typename T>
std::string Bytes(std::initializer_list<T> values) {
  std::string out(values.size() * sizeof(T), '\0');
  std::memcpy(out.data(), values.begin(), out.size());
  return out;
}

void ExpectInvalid(const Array& array, const std::string& fragment) {
  Status st = ValidateArray(array);
  ASSERT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
  EXPECT_NE(st.message().find(fragment), std::string::npos) << st.message();
}

TEST(ValidateArrayTest, SamplesAreValid) {
  for (auto make : {samples::PrimitivesBatch, samples::NestedBatch, samples::SliceSourceBatch}) {
    ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, make());
    EXPECT_OK(ValidateRecordBatch(*batch));
    for (int64_t offset = 0; offset < batch->num_rows(); ++offset) {
      EXPECT_OK(ValidateRecordBatch(*batch->Slice(offset, batch->num_rows() - offset)));
    }
  }
  EXPECT_OK(ValidateArray(MakeNullArray(DataType::Utf8(), 5)));
}

TEST(ValidateArrayTest, NullCountMustMatchTheBitmap) {
  ASSERT_OK_AND_ASSIGN(Array ints, literals::Numbers<int32_t>({1, Opt<int32_t>(), 3}));
  auto data = std::make_shared<ArrayData>(*ints.data());
  data->null_count = 2;
  ExpectInvalid(Array(data), "null_count is 2 but the validity bitmap has 1 nulls");
  data->buffers[0] = nullptr;
  ExpectInvalid(Array(data), "without a validity bitmap");
}

TEST(ValidateArrayTest, BuffersMustCoverOffsetPlusLength) {
  ASSERT_OK_AND_ASSIGN(Array ints, literals::Numbers<int64_t>({1, 2, 3}));
  ExpectInvalid(WithBuffer(ints, 1, std::string(16, '\0')),
                "values buffer has 16 bytes, 24 needed");
  auto sliced = std::make_shared<ArrayData>(*ints.data());
  sliced->offset = 2;
  ExpectInvalid(Array(sliced), "needed for offset 2 + length 3");
  auto missing = std::make_shared<ArrayData>(*ints.data());
  missing->buffers.pop_back();
  ExpectInvalid(Array(missing), "has 1 buffers, expected 2");
}

TEST(ValidateArrayTest, StringOffsets) {
  ASSERT_OK_AND_ASSIGN(Array strings, literals::Strings({"ab", "c"}));
  ExpectInvalid(WithBuffer(strings, 1, Bytes<int32_t>({0, 2, 1})), "offsets decrease at slot 2");
  ExpectInvalid(WithBuffer(strings, 1, Bytes<int32_t>({0, 2, 9})), "beyond the data buffer size");
  ExpectInvalid(WithBuffer(strings, 1, Bytes<int32_t>({-1, 2, 3})), "negative");
  ExpectInvalid(WithBuffer(strings, 1, Bytes<int32_t>({0, 2})), "offsets buffer has 8 bytes");
}

TEST(ValidateArrayTest, Utf8) {
  for (const char* bad :
       {"\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82", "\x80", "\xff"}) {
    ASSERT_OK_AND_ASSIGN(Array strings, literals::Strings({"ok", bad}));
    ExpectInvalid(strings, "invalid UTF-8 in string at slot 1");
    ASSERT_OK_AND_ASSIGN(Array binary, literals::Strings({"ok", bad}, DataType::Binary()));
    EXPECT_OK(ValidateArray(binary));
  }
  // A multi-byte character split across two values is invalid even though the bytes
  // together are fine.
  ASSERT_OK_AND_ASSIGN(Array split, literals::Strings({"\xc3\xa9"}));
  ExpectInvalid(WithBuffer(split, 1, Bytes<int32_t>({0, 1})), "");
  EXPECT_TRUE(IsValidUtf8(reinterpret_cast<const uint8_t*>("h\xc3\xa9llo \xf0\x9f\x9a\x80"), 11));
}

TEST(ValidateArrayTest, DictionaryIndices) {
  ASSERT_OK_AND_ASSIGN(Array values, literals::Strings({"a", "b"}));
  ASSERT_OK_AND_ASSIGN(Array ok,
                       literals::Dictionary(DataType::Int8(), {0, 1, Opt<int64_t>()}, values));
  EXPECT_OK(ValidateArray(ok));
  ASSERT_OK_AND_ASSIGN(Array high, literals::Dictionary(DataType::Int32(), {0, 2}, values));
  ExpectInvalid(high, "dictionary index 2 at slot 1 is outside [0, 2)");
  ASSERT_OK_AND_ASSIGN(Array negative, literals::Dictionary(DataType::Int16(), {-1}, values));
  ExpectInvalid(negative, "dictionary index -1");
  ASSERT_OK_AND_ASSIGN(Array huge, literals::Dictionary(DataType::UInt64(), {-1}, values));
  ExpectInvalid(huge, "outside");
  auto detached = std::make_shared<ArrayData>(*ok.data());
  detached->dictionary = nullptr;
  ExpectInvalid(Array(detached), "no dictionary attached");
  ASSERT_OK_AND_ASSIGN(Array ints, literals::Numbers<int64_t>({1}));
  auto wrong = std::make_shared<ArrayData>(*ok.data());
  wrong->dictionary = ints.data();
  ExpectInvalid(Array(wrong), "dictionary has type int64");
}

TEST(ValidateArrayTest, UnionTypeIdsAndOffsets) {
  ASSERT_OK_AND_ASSIGN(Array ints, literals::Numbers<int64_t>({1}));
  ASSERT_OK_AND_ASSIGN(Array strs, literals::Strings({"x"}));
  std::vector<Field> fields = {Field("i", DataType::Int64()), Field("s", DataType::Utf8())};
  ASSERT_OK_AND_ASSIGN(Array ok,
                       literals::DenseUnion(fields, {3, 9}, {3, 9}, {0, 0}, {ints, strs}));
  EXPECT_OK(ValidateArray(ok));
  ASSERT_OK_AND_ASSIGN(Array bad_id,
                       literals::DenseUnion(fields, {3, 9}, {3, 4}, {0, 0}, {ints, strs}));
  ExpectInvalid(bad_id, "undeclared type id 4");
  ASSERT_OK_AND_ASSIGN(Array bad_offset,
                       literals::DenseUnion(fields, {3, 9}, {3, 9}, {0, 1}, {ints, strs}));
  ExpectInvalid(bad_offset, "points at slot 1 of child 1");
  ASSERT_OK_AND_ASSIGN(Array negative,
                       literals::DenseUnion(fields, {3, 9}, {3, -3}, {0, 0}, {ints, strs}));
  ExpectInvalid(negative, "undeclared type id -3");
}

TEST(ValidateArrayTest, NestedChildren) {
  ASSERT_OK_AND_ASSIGN(Array items, literals::Numbers<int64_t>({1, 2}));
  ASSERT_OK_AND_ASSIGN(
      Array list, literals::List(Field("item", DataType::Int64()), {0, 1, 3}, {true, true}, items));
  ExpectInvalid(list, "last offset 3 is beyond the child length (2)");
  ASSERT_OK_AND_ASSIGN(Array strings, literals::Strings({"x"}));
  ASSERT_OK_AND_ASSIGN(Array wrong_child,
                       literals::List(Field("item", DataType::Int64()), {0, 1}, {true}, strings));
  ExpectInvalid(wrong_child, "child has type string");
  ASSERT_OK_AND_ASSIGN(Array bad_utf8, literals::Strings({"\xff"}));
  ASSERT_OK_AND_ASSIGN(Array deep,
                       literals::List(Field("item", DataType::Utf8()), {0, 1}, {true}, bad_utf8));
  ExpectInvalid(deep, "child 'item': invalid UTF-8");

  ASSERT_OK_AND_ASSIGN(Array a, literals::Numbers<int32_t>({1}));
  ASSERT_OK_AND_ASSIGN(Array short_struct,
                       literals::Struct({Field("a", DataType::Int32())}, {a}, {true, true}));
  ExpectInvalid(short_struct, "struct child 0 'a' has 1 slots");
}

TEST(ValidateArrayTest, MapKeysMustNotBeNull) {
  ASSERT_OK_AND_ASSIGN(Array keys, literals::Strings({"k", Opt<std::string>()}));
  ASSERT_OK_AND_ASSIGN(Array values, literals::Numbers<int64_t>({1, 2}));
  Field entries(
      "entries",
      DataType::Struct({Field("key", DataType::Utf8(), false), Field("value", DataType::Int64())}),
      false);
  ASSERT_OK_AND_ASSIGN(Array structs,
                       literals::Struct(entries.type().children(), {keys, values}, {true, true}));
  ASSERT_OK_AND_ASSIGN(Array map, literals::Map(entries, {0, 1, 2}, {true, true}, structs));
  ExpectInvalid(map, "map key at entry 1 is null");
  ASSERT_OK_AND_ASSIGN(Array ok, literals::Map(entries, {0, 1, 1}, {true, true}, structs));
  EXPECT_OK(ValidateArray(ok));
}

TEST(ValidateArrayTest, RecordBatchChecks) {
  ASSERT_OK_AND_ASSIGN(Array ints, literals::Numbers<int64_t>({1, Opt<int64_t>()}));
  auto batch =
      RecordBatch::MakeUnchecked(MakeSchema({Field("a", DataType::Int64(), false)}), 2, {ints});
  Status st = ValidateRecordBatch(*batch);
  EXPECT_NE(st.message().find("not nullable"), std::string::npos) << st.ToString();
  auto short_batch =
      RecordBatch::MakeUnchecked(MakeSchema({Field("a", DataType::Int64())}), 3, {ints});
  EXPECT_FALSE(ValidateRecordBatch(*short_batch).ok());
}

}  // namespace
}  // namespace quiver
