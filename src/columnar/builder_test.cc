#include "columnar/builder.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "columnar/record_batch.h"
#include "testing/status_matchers.h"

namespace quiver {
namespace {

TEST(NumericBuilderTest, NoNullsMeansNoValidityBuffer) {
  Int64Builder builder;
  for (int64_t i = 0; i < 100; ++i) ASSERT_OK(builder.Append(i * 3));
  ASSERT_OK_AND_ASSIGN(Array array, builder.Finish());
  EXPECT_EQ(array.length(), 100);
  EXPECT_EQ(array.null_count(), 0);
  EXPECT_EQ(array.null_bitmap_data(), nullptr);
  Int64Array typed(array);
  EXPECT_EQ(typed.Value(99), 297);
  EXPECT_EQ(typed.values().size(), 100u);
  // Buffers are 64-byte aligned and padded.
  EXPECT_EQ(reinterpret_cast<uintptr_t>(typed.raw_values()) % 64, 0u);
}

TEST(NumericBuilderTest, FirstNullBackfillsValidity) {
  Float64Builder builder;
  for (int i = 0; i < 20; ++i) ASSERT_OK(builder.Append(i + 0.5));
  ASSERT_OK(builder.AppendNull());
  ASSERT_OK(builder.Append(7.25));
  ASSERT_OK(builder.AppendNulls(2));
  ASSERT_OK_AND_ASSIGN(Array array, builder.Finish());
  EXPECT_EQ(array.length(), 24);
  EXPECT_EQ(array.null_count(), 3);
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(array.IsValid(i)) << i;
  EXPECT_TRUE(array.IsNull(20));
  EXPECT_TRUE(array.IsValid(21));
  EXPECT_EQ(Float64Array(array).Value(21), 7.25);
  EXPECT_TRUE(array.IsNull(23));
}

TEST(NumericBuilderTest, BuilderIsReusableAfterFinish) {
  UInt64Builder builder;
  ASSERT_OK(builder.AppendNull());
  ASSERT_OK_AND_ASSIGN(Array first, builder.Finish());
  ASSERT_OK(builder.Append(std::numeric_limits<uint64_t>::max()));
  ASSERT_OK_AND_ASSIGN(Array second, builder.Finish());
  EXPECT_EQ(first.null_count(), 1);
  EXPECT_EQ(second.null_count(), 0);
  EXPECT_EQ(UInt64Array(second).Value(0), std::numeric_limits<uint64_t>::max());
}

TEST(TimestampBuilderTest, HasTimestampType) {
  TimestampBuilder builder;
  ASSERT_OK(builder.Append(1'700'000'000'000'000'000));
  ASSERT_OK_AND_ASSIGN(Array array, builder.Finish());
  EXPECT_EQ(array.type(), DataType::Timestamp(TimeUnit::kNano));
  EXPECT_EQ(array.ToString(), "[2023-11-14T22:13:20]");
}

TEST(BooleanBuilderTest, BitsAndNulls) {
  BooleanBuilder builder;
  std::vector<int> pattern = {1, 0, 1, 1, -1, 0, 0, 1, 1, -1, 1};
  for (int v : pattern) {
    if (v < 0) {
      ASSERT_OK(builder.AppendNull());
    } else {
      ASSERT_OK(builder.Append(v == 1));
    }
  }
  ASSERT_OK_AND_ASSIGN(Array array, builder.Finish());
  BooleanArray bools(array);
  ASSERT_EQ(bools.length(), static_cast<int64_t>(pattern.size()));
  EXPECT_EQ(bools.null_count(), 2);
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] < 0) {
      EXPECT_TRUE(bools.IsNull(i));
    } else {
      EXPECT_EQ(bools.Value(i), pattern[i] == 1) << i;
    }
  }
  EXPECT_EQ(bools.true_count(), 6);
}

TEST(StringBuilderTest, ValuesOffsetsAndNulls) {
  StringBuilder builder;
  ASSERT_OK(builder.Append("alpha"));
  ASSERT_OK(builder.AppendNull());
  ASSERT_OK(builder.Append(""));
  ASSERT_OK(builder.Append("gamma \xE2\x9C\x93"));
  ASSERT_OK_AND_ASSIGN(Array array, builder.Finish());
  StringArray strings(array);
  EXPECT_EQ(strings.length(), 4);
  EXPECT_EQ(strings.null_count(), 1);
  EXPECT_EQ(strings.Value(0), "alpha");
  EXPECT_TRUE(strings.IsNull(1));
  EXPECT_EQ(strings.Value(2), "");
  EXPECT_EQ(strings.Value(3), "gamma \xE2\x9C\x93");
  EXPECT_EQ(strings.raw_offsets()[0], 0);
  EXPECT_EQ(strings.raw_offsets()[4], 5 + 0 + 0 + 9);
}

TEST(StringBuilderTest, EmptyArrayHasOneOffset) {
  StringBuilder builder;
  ASSERT_OK_AND_ASSIGN(Array array, builder.Finish());
  EXPECT_EQ(array.length(), 0);
  ASSERT_GE(array.data()->buffers[1]->size(), 4);
  EXPECT_EQ(StringArray(array).raw_offsets()[0], 0);
}

TEST(StringDictionaryBuilderTest, AssignsIndicesInFirstSeenOrder) {
  StringDictionaryBuilder builder;
  for (const char* host : {"b", "a", "b", "c", "a"}) ASSERT_OK(builder.Append(host));
  ASSERT_OK(builder.AppendNull());
  ASSERT_OK_AND_ASSIGN(Array array, builder.Finish());
  DictionaryArray dict(array);
  EXPECT_EQ(dict.type(), DataType::TagDictionary());
  EXPECT_EQ(dict.dictionary().ToString(), R"(["b", "a", "c"])");
  std::vector<int32_t> indices(dict.raw_indices(), dict.raw_indices() + 5);
  EXPECT_EQ(indices, (std::vector<int32_t>{0, 1, 0, 2, 1}));
  EXPECT_TRUE(dict.IsNull(5));
  EXPECT_EQ(dict.StringValue(3), "c");
  EXPECT_EQ(array.ToString(), R"(["b", "a", "b", "c", "a", null])");
}

TEST(StringDictionaryBuilderTest, DictionaryPersistsAcrossBatches) {
  StringDictionaryBuilder builder;
  ASSERT_OK(builder.Append("x"));
  ASSERT_OK_AND_ASSIGN(Array first, builder.Finish());
  ASSERT_OK(builder.Append("y"));
  ASSERT_OK(builder.Append("x"));
  ASSERT_OK_AND_ASSIGN(Array second, builder.Finish());
  EXPECT_EQ(DictionaryArray(first).dictionary().length(), 1);
  EXPECT_EQ(DictionaryArray(second).dictionary().ToString(), R"(["x", "y"])");
  EXPECT_EQ(DictionaryArray(second).IndexAt(1), 0);
  builder.ResetDictionary();
  EXPECT_EQ(builder.dictionary_size(), 0);
}

TEST(StringDictionaryBuilderTest, ManyDistinctValuesSurviveRehash) {
  StringDictionaryBuilder builder;
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 10'000; ++i) ASSERT_OK(builder.Append("host_" + std::to_string(i)));
  }
  EXPECT_EQ(builder.dictionary_size(), 10'000);
  ASSERT_OK_AND_ASSIGN(Array array, builder.Finish());
  DictionaryArray dict(array);
  EXPECT_EQ(dict.IndexAt(10'000 + 1234), 1234);
  EXPECT_EQ(dict.StringValue(20'000 - 1), "host_9999");
}

TEST(ArrayTest, SliceIsZeroCopyAndRecountsNulls) {
  Int64Builder builder;
  for (int i = 0; i < 100; ++i) {
    if (i % 10 == 0) {
      ASSERT_OK(builder.AppendNull());
    } else {
      ASSERT_OK(builder.Append(i));
    }
  }
  ASSERT_OK_AND_ASSIGN(Array array, builder.Finish());
  Array slice = array.Slice(5, 20);  // rows 5..24: nulls at 10 and 20
  EXPECT_EQ(slice.length(), 20);
  EXPECT_EQ(slice.null_count(), 2);
  EXPECT_EQ(Int64Array(slice).Value(0), 5);
  EXPECT_TRUE(slice.IsNull(5));
  EXPECT_EQ(Int64Array(slice).raw_values(), Int64Array(array).raw_values() + 5);
  Array nested = slice.Slice(6, 3);
  EXPECT_EQ(Int64Array(nested).Value(0), 11);
  EXPECT_EQ(nested.null_count(), 0);
}

TEST(ArrayTest, SlicedStringsAndDictionaries) {
  StringBuilder strings;
  StringDictionaryBuilder tags;
  for (int i = 0; i < 10; ++i) {
    ASSERT_OK(strings.Append(std::string(i, 'x')));
    ASSERT_OK(tags.Append(i % 2 ? "odd" : "even"));
  }
  ASSERT_OK_AND_ASSIGN(Array s, strings.Finish());
  ASSERT_OK_AND_ASSIGN(Array t, tags.Finish());
  EXPECT_EQ(StringArray(s.Slice(3, 2)).Value(1), "xxxx");
  EXPECT_EQ(DictionaryArray(t.Slice(3, 2)).StringValue(0), "odd");
}

TEST(ArrayTest, EqualsComparesLogicalValues) {
  ASSERT_OK_AND_ASSIGN(Array a, ArrayFromVector<int64_t>({1, 2, 3, 4}));
  ASSERT_OK_AND_ASSIGN(Array b, ArrayFromVector<int64_t>({0, 1, 2, 3, 4}));
  EXPECT_TRUE(a.Equals(b.Slice(1, 4)));
  EXPECT_FALSE(a.Equals(b.Slice(0, 4)));
  ASSERT_OK_AND_ASSIGN(Array c, ArrayFromVector<uint64_t>({1, 2, 3, 4}));
  EXPECT_FALSE(a.Equals(c));  // Different types.

  // Dictionaries built in different orders compare by value.
  StringDictionaryBuilder x, y;
  ASSERT_OK(y.GetOrInsert("b").status());
  for (const char* v : {"a", "b"}) {
    ASSERT_OK(x.Append(v));
    ASSERT_OK(y.Append(v));
  }
  ASSERT_OK_AND_ASSIGN(Array dx, x.Finish());
  ASSERT_OK_AND_ASSIGN(Array dy, y.Finish());
  EXPECT_TRUE(dx.Equals(dy));
}

TEST(ArrayTest, NullArraysOfEveryType) {
  for (const DataType& type :
       {DataType::Null(), DataType::Boolean(), DataType::Int64(), DataType::Float64(),
        DataType::Utf8(), DataType::Timestamp(), DataType::TagDictionary(),
        DataType::List(Field("item", DataType::Int32())),
        DataType::Struct({Field("a", DataType::Int64())})}) {
    Array nulls = MakeNullArray(type, 5);
    EXPECT_EQ(nulls.length(), 5) << type.ToString();
    EXPECT_EQ(nulls.null_count(), 5) << type.ToString();
    for (int i = 0; i < 5; ++i) EXPECT_TRUE(nulls.IsNull(i)) << type.ToString();
    EXPECT_EQ(nulls.ToString(), "[null, null, null, null, null]");
  }
}

TEST(MemoryPoolTest, LimitedPoolRejectsOverLimit) {
  MemoryPoolPtr pool = MakeLimitedMemoryPool("query", 4096);
  Int64Builder builder(DataType::Int64(), pool.get());
  Status status;
  for (int i = 0; i < 10'000 && status.ok(); ++i) status = builder.Append(i);
  ASSERT_RAISES(kResourceExhausted, status);
  EXPECT_NE(status.message().find("query memory limit of 4096 bytes"), std::string::npos)
      << status.message();
}

TEST(MemoryPoolTest, BuffersReturnMemoryToPool) {
  MemoryPoolPtr pool = MakeLimitedMemoryPool("test", 1 << 20);
  {
    Int64Builder builder(DataType::Int64(), pool.get());
    for (int i = 0; i < 1000; ++i) ASSERT_OK(builder.Append(i));
    ASSERT_OK_AND_ASSIGN(Array array, builder.Finish());
    EXPECT_GE(pool->bytes_allocated(), 8000);
  }
  EXPECT_EQ(pool->bytes_allocated(), 0);
  EXPECT_GE(pool->peak_bytes_allocated(), 8000);
}

TEST(RecordBatchTest, MakeValidatesShape) {
  ASSERT_OK_AND_ASSIGN(Array ints, ArrayFromVector<int64_t>({1, 2, 3}));
  ASSERT_OK_AND_ASSIGN(Array floats, ArrayFromVector<double>({1.5, 2.5}));
  auto schema = MakeSchema({Field("a", DataType::Int64()), Field("b", DataType::Float64())});
  ASSERT_RAISES(kInvalidArgument, RecordBatch::Make(schema, 3, {ints, floats}));
  ASSERT_RAISES(kInvalidArgument, RecordBatch::Make(schema, 3, {ints}));
  ASSERT_RAISES(kInvalidArgument, RecordBatch::Make(schema, 3, {ints, ints}));
  ASSERT_OK_AND_ASSIGN(Array floats3, ArrayFromVector<double>({1.5, 2.5, 3.5}));
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, RecordBatch::Make(schema, 3, {ints, floats3}));
  EXPECT_EQ(batch->ToString(), "a | b\n1 | 1.5\n2 | 2.5\n3 | 3.5\n");
  EXPECT_EQ(batch->Slice(1, 1)->ToString(), "a | b\n2 | 2.5\n");
  EXPECT_TRUE(batch->GetColumnByName("b").Equals(floats3));

  Int64Builder with_null;
  ASSERT_OK(with_null.AppendNull());
  ASSERT_OK_AND_ASSIGN(Array null_one, with_null.Finish());
  auto strict = MakeSchema({Field("t", DataType::Int64(), /*nullable=*/false)});
  ASSERT_RAISES(kInvalidArgument, RecordBatch::Make(strict, 1, {null_one}));
}

TEST(RecordBatchTest, EmptyBatchOfSchema) {
  auto schema = MakeSchema({Field("host", DataType::TagDictionary()),
                            Field("time", DataType::Timestamp(), false)});
  RecordBatchPtr empty = RecordBatch::MakeEmpty(schema);
  EXPECT_EQ(empty->num_rows(), 0);
  EXPECT_EQ(empty->num_columns(), 2);
  EXPECT_EQ(empty->column(0).type(), DataType::TagDictionary());
}

}  // namespace
}  // namespace quiver
