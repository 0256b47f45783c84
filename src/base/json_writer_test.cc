#include "base/json_writer.h"

#include <gtest/gtest.h>

#include <limits>

namespace quiver {
namespace {

TEST(JsonWriterTest, NestedStructure) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Field("name", "cpu");
  w.Field("rows", int64_t{3});
  w.Key("values");
  w.BeginArray();
  w.Int(1);
  w.Double(0.5);
  w.Null();
  w.Bool(true);
  w.BeginObject();
  w.EndObject();
  w.EndArray();
  w.Key("empty");
  w.BeginArray();
  w.EndArray();
  w.EndObject();
  EXPECT_EQ(out, R"({"name":"cpu","rows":3,"values":[1,0.5,null,true,{}],"empty":[]})");
}

TEST(JsonWriterTest, EscapesStrings) {
  std::string out;
  AppendJsonString(&out, "a\"b\\c\nd\x01\xE2\x9C\x93");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\u0001\xE2\x9C\x93\"");
}

TEST(JsonWriterTest, Doubles) {
  std::string out;
  AppendJsonDouble(&out, 2.0);
  out += ' ';
  AppendJsonDouble(&out, 2.0, /*keep_point_zero=*/true);
  out += ' ';
  AppendJsonDouble(&out, 0.1);
  out += ' ';
  AppendJsonDouble(&out, std::numeric_limits<double>::quiet_NaN());
  out += ' ';
  AppendJsonDouble(&out, 1e300, true);
  EXPECT_EQ(out, "2 2.0 0.1 null 1e+300");
}

}  // namespace
}  // namespace quiver
