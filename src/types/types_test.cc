#include <gtest/gtest.h>

#include "types/column_type.h"
#include "types/data_type.h"
#include "types/schema.h"
#include "types/time_range.h"

namespace quiver {
namespace {

TEST(DataTypeTest, ToStringMatchesArrowNames) {
  EXPECT_EQ(DataType::Int64().ToString(), "int64");
  EXPECT_EQ(DataType::Float64().ToString(), "double");
  EXPECT_EQ(DataType::Utf8().ToString(), "string");
  EXPECT_EQ(DataType::Timestamp().ToString(), "timestamp[ns]");
  EXPECT_EQ(DataType::Timestamp(TimeUnit::kMilli, "UTC").ToString(), "timestamp[ms, tz=UTC]");
  EXPECT_EQ(DataType::TagDictionary().ToString(), "dictionary<values=string, indices=int32>");
  EXPECT_EQ(DataType::List(Field("item", DataType::Utf8())).ToString(), "list<item: string>");
}

TEST(DataTypeTest, EqualityComparesParameters) {
  EXPECT_EQ(DataType::Timestamp(), DataType::Timestamp(TimeUnit::kNano));
  EXPECT_FALSE(DataType::Timestamp() == DataType::Timestamp(TimeUnit::kMicro));
  EXPECT_FALSE(DataType::Timestamp() == DataType::Timestamp(TimeUnit::kNano, "UTC"));
  EXPECT_EQ(DataType::TagDictionary(), DataType::Dictionary(DataType::Int32(), DataType::Utf8()));
  EXPECT_FALSE(DataType::TagDictionary() ==
               DataType::Dictionary(DataType::Int16(), DataType::Utf8()));
  EXPECT_FALSE(DataType::Int64() == DataType::UInt64());
  auto s1 = DataType::Struct({Field("a", DataType::Int64()), Field("b", DataType::Utf8())});
  auto s2 = DataType::Struct({Field("a", DataType::Int64()), Field("b", DataType::Utf8())});
  auto s3 = DataType::Struct({Field("a", DataType::Int64()), Field("c", DataType::Utf8())});
  EXPECT_EQ(s1, s2);
  EXPECT_FALSE(s1 == s3);
}

TEST(DataTypeTest, Widths) {
  EXPECT_EQ(DataType::Boolean().bit_width(), 1);
  EXPECT_EQ(DataType::Int64().bit_width(), 64);
  EXPECT_EQ(DataType::IntervalMonthDayNano().bit_width(), 128);
  EXPECT_EQ(DataType::TagDictionary().bit_width(), 32);
  EXPECT_FALSE(DataType::TagDictionary().is_fixed_width());
  EXPECT_EQ(DataType::Utf8().bit_width(), 0);
  EXPECT_TRUE(DataType::UInt64().is_unsigned_integer());
  EXPECT_TRUE(DataType::Float64().is_numeric());
}

TEST(ColumnTypeTest, InfluxMappings) {
  EXPECT_EQ(ArrowTypeOf(ColumnType::Tag()), DataType::TagDictionary());
  EXPECT_EQ(ArrowTypeOf(ColumnType::Time()), DataType::Timestamp(TimeUnit::kNano));
  EXPECT_EQ(ArrowTypeOf(ColumnType::OfField(FieldType::kUInteger)), DataType::UInt64());
  EXPECT_EQ(IoxColumnTypeName(ColumnType::OfField(FieldType::kBoolean)),
            "iox::column_type::field::boolean");
  for (auto t : {ColumnType::Tag(), ColumnType::Time(), ColumnType::OfField(FieldType::kString)}) {
    auto parsed = ParseIoxColumnTypeName(IoxColumnTypeName(t));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, t);
  }
  EXPECT_FALSE(ParseIoxColumnTypeName("nope").has_value());
  EXPECT_EQ(FieldTypeOf(DataType::Int64()), FieldType::kInteger);
  EXPECT_FALSE(FieldTypeOf(DataType::TagDictionary()).has_value());
}

TEST(SchemaTest, LookupAndMetadata) {
  KeyValueMetadata md{{"k", "v"}};
  md.Set("k", "v2");
  EXPECT_EQ(md.size(), 1u);
  EXPECT_EQ(*md.Get("k"), "v2");
  auto schema = MakeSchema({Field("host", DataType::TagDictionary()),
                            Field("time", DataType::Timestamp(), false)},
                           md);
  EXPECT_EQ(schema->GetFieldIndex("time"), 1);
  EXPECT_EQ(schema->GetFieldIndex("nope"), -1);
  EXPECT_FALSE(schema->field(1).nullable());
  EXPECT_EQ(schema->field(1).ToString(), "time: timestamp[ns] not null");
}

TEST(TimeRangeTest, SetOperations) {
  TimeRange a{10, 20};
  TimeRange b{15, 30};
  EXPECT_TRUE(a.Overlaps(b));
  EXPECT_EQ(a.Intersect(b), (TimeRange{15, 20}));
  EXPECT_EQ(a.Union(b), (TimeRange{10, 30}));
  EXPECT_FALSE(a.Overlaps(TimeRange{21, 25}));
  EXPECT_TRUE(a.Overlaps(TimeRange{20, 25}));
  EXPECT_TRUE(TimeRange::Empty().empty());
  EXPECT_FALSE(TimeRange::Empty().Overlaps(TimeRange::All()));
  TimeRange e = TimeRange::Empty();
  e.Extend(5);
  EXPECT_EQ(e, TimeRange::Point(5));
  EXPECT_TRUE(TimeRange::All().Covers(a));
  EXPECT_FALSE(a.Covers(b));
}

}  // namespace
}  // namespace quiver
