#include <gtest/gtest.h>

#include "columnar/builder.h"
#include "columnar/concatenate.h"
#include "columnar/sort_deduplicate.h"
#include "columnar/take.h"
#include "testing/status_matchers.h"

namespace quiver {
namespace {

Array Tags(std::vector<const char*> values) {
  StringDictionaryBuilder builder;
  for (const char* v : values) {
    if (v == nullptr) {
      EXPECT_OK(builder.AppendNull());
    } else {
      EXPECT_OK(builder.Append(v));
    }
  }
  return *builder.Finish();
}

Array Floats(std::vector<std::optional<double>> values) {
  Float64Builder builder;
  for (auto v : values) {
    if (v) {
      EXPECT_OK(builder.Append(*v));
    } else {
      EXPECT_OK(builder.AppendNull());
    }
  }
  return *builder.Finish();
}

Array Times(std::vector<int64_t> values) {
  TimestampBuilder builder;
  for (int64_t v : values) EXPECT_OK(builder.Append(v));
  return *builder.Finish();
}

TEST(TakeTest, GathersEveryTypeWithNullIndices) {
  StringBuilder strings;
  ASSERT_OK(strings.Append("a"));
  ASSERT_OK(strings.AppendNull());
  ASSERT_OK(strings.Append("ccc"));
  ASSERT_OK_AND_ASSIGN(Array s, strings.Finish());
  std::vector<int64_t> indices = {2, -1, 0, 1, 2};
  ASSERT_OK_AND_ASSIGN(Array taken, Take(s, indices));
  EXPECT_EQ(taken.ToString(), R"(["ccc", null, "a", null, "ccc"])");
  ASSERT_OK_AND_ASSIGN(Array t, Take(Tags({"x", "y", nullptr}), indices));
  EXPECT_EQ(t.ToString(), R"([null, null, "x", "y", null])");
  ASSERT_OK_AND_ASSIGN(Array f, Take(Floats({1.5, std::nullopt, 3}), indices));
  EXPECT_EQ(f.ToString(), "[3, null, 1.5, null, 3]");
  BooleanBuilder bools;
  ASSERT_OK(bools.Append(true));
  ASSERT_OK(bools.Append(false));
  ASSERT_OK(bools.AppendNull());
  ASSERT_OK_AND_ASSIGN(Array b, bools.Finish());
  ASSERT_OK_AND_ASSIGN(Array bt, Take(b, indices));
  EXPECT_EQ(bt.ToString(), "[null, null, true, false, null]");
  // Slices: indices are relative to the slice.
  ASSERT_OK_AND_ASSIGN(Array sliced, Take(Floats({1, 2, 3, 4}).Slice(2, 2), std::vector<int64_t>{1, 0}));
  EXPECT_EQ(sliced.ToString(), "[4, 3]");
}

TEST(ConcatenateTest, SharedAndDistinctDictionaries) {
  Array a = Tags({"b", "a"});
  Array b = Tags({"c", nullptr, "b"});
  std::vector<Array> parts = {a, b};
  ASSERT_OK_AND_ASSIGN(Array unified, Concatenate(parts));
  EXPECT_EQ(unified.ToString(), R"(["b", "a", "c", null, "b"])");
  EXPECT_EQ(DictionaryArray(unified).dictionary().length(), 3);
  std::vector<Array> same = {a.Slice(0, 1), a.Slice(1, 1)};
  ASSERT_OK_AND_ASSIGN(Array shared, Concatenate(same));
  EXPECT_EQ(shared.data()->dictionary, a.data()->dictionary);
  std::vector<Array> floats = {Floats({1, std::nullopt}), Floats({3}).Slice(0, 1), Floats({4, 5}).Slice(1, 1)};
  ASSERT_OK_AND_ASSIGN(Array f, Concatenate(floats));
  EXPECT_EQ(f.ToString(), "[1, null, 3, 5]");
  std::vector<Array> mixed = {Floats({1}), Times({1})};
  ASSERT_RAISES(kInvalidArgument, Concatenate(mixed));
}

TEST(SortDeduplicateTest, SortsByTagValueThenTime) {
  auto schema = MakeSchema({Field("host", DataType::TagDictionary()), Field("time", DataType::Timestamp(), false),
                            Field("v", DataType::Float64())});
  // Dictionary order (z first) differs from value order.
  auto batch = RecordBatch::MakeUnchecked(schema, 4, {Tags({"z", "a", "z", "a"}), Times({5, 9, 1, 3}),
                                                      Floats({1, 2, 3, 4})});
  std::vector<int> keys = {0, 1};
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr sorted, SortAndDeduplicate(*batch, keys));
  EXPECT_EQ(sorted->ToString(),
            "host | time | v\n"
            "\"a\" | 1970-01-01T00:00:00.000000003 | 4\n"
            "\"a\" | 1970-01-01T00:00:00.000000009 | 2\n"
            "\"z\" | 1970-01-01T00:00:00.000000001 | 3\n"
            "\"z\" | 1970-01-01T00:00:00.000000005 | 1\n");
}

TEST(SortDeduplicateTest, LastWriteWinsPerField) {
  auto schema = MakeSchema({Field("host", DataType::TagDictionary()), Field("time", DataType::Timestamp(), false),
                            Field("a", DataType::Float64()), Field("b", DataType::Float64())});
  // Three writes of (h, 10): a=1 b=1, then a=2 (b omitted), then b=3 (a omitted).
  auto batch = RecordBatch::MakeUnchecked(
      schema, 4,
      {Tags({"h", "h", "g", "h"}), Times({10, 10, 10, 10}), Floats({1, 2, 7, std::nullopt}),
       Floats({1, std::nullopt, 7, 3})});
  std::vector<int> keys = {0, 1};
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr merged, SortAndDeduplicate(*batch, keys));
  EXPECT_EQ(merged->num_rows(), 2);
  EXPECT_EQ(merged->ToString(),
            "host | time | a | b\n"
            "\"g\" | 1970-01-01T00:00:00.000000010 | 7 | 7\n"
            "\"h\" | 1970-01-01T00:00:00.000000010 | 2 | 3\n");
  // Without deduplication all rows remain, sorted stably.
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr kept, SortAndDeduplicate(*batch, keys, false));
  EXPECT_EQ(kept->num_rows(), 4);
}

TEST(SortDeduplicateTest, NullTagsAreDistinctKeysSortedFirst) {
  auto schema = MakeSchema({Field("host", DataType::TagDictionary()), Field("time", DataType::Timestamp(), false),
                            Field("v", DataType::Float64())});
  auto batch = RecordBatch::MakeUnchecked(
      schema, 3, {Tags({"a", nullptr, nullptr}), Times({1, 1, 1}), Floats({1, 2, 3})});
  std::vector<int> keys = {0, 1};
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr merged, SortAndDeduplicate(*batch, keys));
  EXPECT_EQ(merged->ToString(),
            "host | time | v\nnull | 1970-01-01T00:00:00.000000001 | 3\n\"a\" | 1970-01-01T00:00:00.000000001 | 1\n");
}

}  // namespace
}  // namespace quiver
