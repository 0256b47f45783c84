#include "columnar/interop/sample_batches.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "columnar/interop/array_literals.h"

namespace quiver::samples {
namespace {

using literals::Opt;
constexpr auto kNone = std::nullopt;

struct Column {
  std::string name;
  Array array;
  bool nullable = true;
  KeyValueMetadata metadata = {};
};

Result<RecordBatchPtr> BatchOf(std::vector<Column> columns, int64_t rows,
                               KeyValueMetadata metadata = {}) {
  std::vector<Field> fields;
  std::vector<Array> arrays;
  for (Column& column : columns) {
    fields.emplace_back(column.name, column.array.type(), column.nullable, column.metadata);
    arrays.push_back(std::move(column.array));
  }
  return RecordBatch::Make(MakeSchema(std::move(fields), std::move(metadata)), rows,
                           std::move(arrays));
}

Field EntriesField(DataType key, DataType value) {
  return Field(
      "entries",
      DataType::Struct({Field("key", std::move(key), false), Field("value", std::move(value))}),
      false);
}

// Appends `values` to a (growing) dictionary builder and finishes one batch's column.
Result<Array> DictionaryColumn(StringDictionaryBuilder* builder,
                               const std::vector<Opt<std::string>>& values) {
  for (const auto& value : values) {
    if (value.has_value()) {
      RETURN_NOT_OK(builder->Append(*value));
    } else {
      RETURN_NOT_OK(builder->AppendNull());
    }
  }
  return builder->Finish();
}

Result<SampleStream> DictionaryStream(bool deltas) {
  StringDictionaryBuilder tags;
  ASSIGN_OR_RETURN(Array int_values, literals::Numbers<int64_t>({100, 200}));
  const std::vector<std::vector<Opt<std::string>>> tag_values = {
      {"a", "b", kNone, "a"}, {"c", "a", "d"}, {"b", "e", kNone}};
  const std::vector<std::vector<Opt<std::string>>> other_dictionaries = {
      {"x", "y"}, {"z", "x"}, {"z", "x", "w"}};
  const std::vector<std::vector<Opt<int64_t>>> other_indices = {
      {0, 1, kNone, 1}, {0, 1, 0}, {2, kNone, 0}};
  const std::vector<std::vector<Opt<int64_t>>> int_indices = {
      {1, 0, 0, 1}, {0, 0, 1}, {1, 1, kNone}};
  SampleStream stream;
  stream.options.emit_dictionary_deltas = deltas;
  for (size_t b = 0; b < 3; ++b) {
    ASSIGN_OR_RETURN(Array tag, DictionaryColumn(&tags, tag_values[b]));
    ASSIGN_OR_RETURN(Array other_dictionary, literals::Strings(other_dictionaries[b]));
    ASSIGN_OR_RETURN(Array other,
                     literals::Dictionary(DataType::Int32(), other_indices[b], other_dictionary));
    ASSIGN_OR_RETURN(Array ints,
                     literals::Dictionary(DataType::Int16(), int_indices[b], int_values));
    ASSIGN_OR_RETURN(RecordBatchPtr batch,
                     BatchOf({{"tag", tag}, {"other", other}, {"int_dict", ints}}, tag.length()));
    stream.schema = batch->schema();
    stream.batches.push_back(std::move(batch));
  }
  return stream;
}

Result<SampleStream> EmptyBatchesStream() {
  StringDictionaryBuilder tags;
  SampleStream stream;
  for (int b = 0; b < 3; ++b) {
    bool empty = b != 1;
    ASSIGN_OR_RETURN(Array a,
                     literals::Numbers<int64_t>(empty ? std::vector<Opt<int64_t>>{}
                                                      : std::vector<Opt<int64_t>>{1, kNone}));
    ASSIGN_OR_RETURN(Array s, literals::Strings(empty ? std::vector<Opt<std::string>>{}
                                                      : std::vector<Opt<std::string>>{"x", kNone}));
    ASSIGN_OR_RETURN(Array t,
                     DictionaryColumn(&tags, empty ? std::vector<Opt<std::string>>{}
                                                   : std::vector<Opt<std::string>>{"k", kNone}));
    ASSIGN_OR_RETURN(Array items,
                     literals::Numbers<int32_t>(empty ? std::vector<Opt<int32_t>>{}
                                                      : std::vector<Opt<int32_t>>{1, kNone}));
    ASSIGN_OR_RETURN(
        Array l,
        literals::List(Field("item", DataType::Int32()),
                       empty ? std::vector<int32_t>{0} : std::vector<int32_t>{0, 1, 2},
                       empty ? std::vector<bool>{} : std::vector<bool>{true, true}, items));
    ASSIGN_OR_RETURN(RecordBatchPtr batch,
                     BatchOf({{"a", a}, {"b", s}, {"t", t}, {"l", l}}, a.length()));
    stream.schema = batch->schema();
    stream.batches.push_back(std::move(batch));
  }
  return stream;
}

Result<SampleStream> ManyBatchesStream() {
  StringDictionaryBuilder hosts;
  StringDictionaryBuilder regions;
  SampleStream stream;
  const char* kRegions[] = {"us", "eu", "ap"};
  for (int b = 0; b < 20; ++b) {
    std::vector<Opt<std::string>> host, region, note;
    std::vector<Opt<double>> usage;
    std::vector<Opt<int64_t>> count, time;
    std::vector<Opt<bool>> ok;
    for (int r = 0; r < 50; ++r) {
      int64_t g = b * 50 + r;
      host.push_back(fmt::format("host-{}", g % (3 + 2 * b)));
      region.push_back(kRegions[g % 3]);
      usage.push_back(static_cast<double>(g) * 0.5);
      count.push_back(g);
      ok.push_back(g % 2 == 0);
      note.push_back(g % 5 == 0 ? Opt<std::string>() : Opt<std::string>(fmt::format("n{}", g)));
      time.push_back(1'700'000'000'000'000'000 + g * 1'000'000'000);
    }
    ASSIGN_OR_RETURN(Array host_col, DictionaryColumn(&hosts, host));
    ASSIGN_OR_RETURN(Array region_col, DictionaryColumn(&regions, region));
    ASSIGN_OR_RETURN(Array usage_col, literals::Numbers<double>(usage));
    ASSIGN_OR_RETURN(Array count_col, literals::Numbers<int64_t>(count));
    ASSIGN_OR_RETURN(Array ok_col, literals::Booleans(ok));
    ASSIGN_OR_RETURN(Array note_col, literals::Strings(note));
    ASSIGN_OR_RETURN(Array time_col,
                     literals::Numbers<int64_t>(time, DataType::Timestamp(TimeUnit::kNano)));
    ASSIGN_OR_RETURN(RecordBatchPtr batch, BatchOf({{"host", host_col},
                                                    {"region", region_col},
                                                    {"usage", usage_col},
                                                    {"count", count_col},
                                                    {"ok", ok_col},
                                                    {"note", note_col},
                                                    {"time", time_col, false}},
                                                   50));
    stream.schema = batch->schema();
    stream.batches.push_back(std::move(batch));
  }
  return stream;
}

Result<SampleStream> MetadataStream() {
  ASSIGN_OR_RETURN(Array a, literals::Numbers<int64_t>({1, 2}));
  ASSIGN_OR_RETURN(Array b, literals::Strings({"x", kNone}));
  ASSIGN_OR_RETURN(Array items, literals::Numbers<int32_t>({1, 2, 3}));
  ASSIGN_OR_RETURN(Array c, literals::List(Field("item", DataType::Int32(), false), {0, 1, 3},
                                           {true, true}, items));
  KeyValueMetadata schema_metadata;
  schema_metadata.Set("quiver:version", "1");
  schema_metadata.Set("empty", "");
  KeyValueMetadata b_metadata;
  b_metadata.Set("k", "v");
  b_metadata.Set("k2", "v2");
  ASSIGN_OR_RETURN(RecordBatchPtr batch,
                   BatchOf({{"a", a, false, KeyValueMetadata({{"unit", "ns"}})},
                            {"b", b, true, b_metadata},
                            {"c", c, false}},
                           2, schema_metadata));
  return SampleStream{batch->schema(), {batch}, {}};
}

Result<SampleStream> SingleBatchStream(Result<RecordBatchPtr> batch, IpcWriteOptions options = {}) {
  RETURN_NOT_OK(batch.status());
  return SampleStream{(*batch)->schema(), {*batch}, options};
}

}  // namespace

Result<RecordBatchPtr> PrimitivesBatch() {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<Column> columns;
  ASSIGN_OR_RETURN(Array nulls, literals::NullArray(4));
  columns.push_back({"null", nulls});
  ASSIGN_OR_RETURN(Array bools, literals::Booleans({true, false, kNone, true}));
  columns.push_back({"bool", bools});
  ASSIGN_OR_RETURN(Array i8, literals::Numbers<int8_t>({-128, 127, kNone, 0}));
  columns.push_back({"i8", i8});
  ASSIGN_OR_RETURN(Array i16, literals::Numbers<int16_t>({-32768, 32767, kNone, 1}));
  columns.push_back({"i16", i16});
  ASSIGN_OR_RETURN(Array i32,
                   literals::Numbers<int32_t>({std::numeric_limits<int32_t>::min(),
                                               std::numeric_limits<int32_t>::max(), kNone, 2}));
  columns.push_back({"i32", i32});
  ASSIGN_OR_RETURN(Array i64,
                   literals::Numbers<int64_t>({std::numeric_limits<int64_t>::min(),
                                               std::numeric_limits<int64_t>::max(), kNone, 3}));
  columns.push_back({"i64", i64});
  ASSIGN_OR_RETURN(Array u8, literals::Numbers<uint8_t>({0, 255, kNone, 4}));
  columns.push_back({"u8", u8});
  ASSIGN_OR_RETURN(Array u16, literals::Numbers<uint16_t>({0, 65535, kNone, 5}));
  columns.push_back({"u16", u16});
  ASSIGN_OR_RETURN(Array u32, literals::Numbers<uint32_t>({0, 4294967295u, kNone, 6}));
  columns.push_back({"u32", u32});
  ASSIGN_OR_RETURN(
      Array u64, literals::Numbers<uint64_t>({0, std::numeric_limits<uint64_t>::max(), kNone, 7}));
  columns.push_back({"u64", u64});
  ASSIGN_OR_RETURN(Array f32,
                   literals::Numbers<float>({1.5f, -2.25f, kNone, static_cast<float>(kInf)}));
  columns.push_back({"f32", f32});
  ASSIGN_OR_RETURN(Array f64, literals::Numbers<double>({3.25, -0.0, kNone, -kInf}));
  columns.push_back({"f64", f64});
  ASSIGN_OR_RETURN(Array utf8,
                   literals::Strings({"", "h\xc3\xa9llo", kNone,
                                      "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xf0\x9f\x9a\x80"}));
  columns.push_back({"utf8", utf8});
  ASSIGN_OR_RETURN(
      Array binary,
      literals::Strings({"", std::string("\x00\x01\xff", 3), kNone, "abc"}, DataType::Binary()));
  columns.push_back({"binary", binary});
  ASSIGN_OR_RETURN(Array date,
                   literals::Numbers<int32_t>({0, 19000, kNone, -1}, DataType::Date32()));
  columns.push_back({"date32", date});
  const std::pair<const char*, TimeUnit> units[] = {{"s", TimeUnit::kSecond},
                                                    {"ms", TimeUnit::kMilli},
                                                    {"us", TimeUnit::kMicro},
                                                    {"ns", TimeUnit::kNano}};
  for (const auto& [suffix, unit] : units) {
    int64_t second = 1'000'000'000 / TimeUnitNanos(unit);
    ASSIGN_OR_RETURN(Array ts, literals::Numbers<int64_t>({0, 1'700'000'000 * second, kNone, -1},
                                                          DataType::Timestamp(unit)));
    columns.push_back({fmt::format("ts_{}", suffix), ts});
  }
  ASSIGN_OR_RETURN(Array ts_utc,
                   literals::Numbers<int64_t>({0, 1'700'000'000'000'000'000, kNone, -1},
                                              DataType::Timestamp(TimeUnit::kNano, "UTC")));
  columns.push_back({"ts_utc", ts_utc});
  ASSIGN_OR_RETURN(Array ts_offset,
                   literals::Numbers<int64_t>({0, 1'700'000'000'000, kNone, -1},
                                              DataType::Timestamp(TimeUnit::kMilli, "+07:30")));
  columns.push_back({"ts_offset", ts_offset});
  for (const auto& [suffix, unit] : units) {
    ASSIGN_OR_RETURN(Array duration,
                     literals::Numbers<int64_t>({0, 1, kNone, -86400}, DataType::Duration(unit)));
    columns.push_back({fmt::format("dur_{}", suffix), duration});
  }
  ASSIGN_OR_RETURN(Array interval, literals::Intervals({std::make_tuple(1, 2, int64_t{3}),
                                                        std::make_tuple(-1, -2, int64_t{-3}), kNone,
                                                        std::make_tuple(0, 0, int64_t{0})}));
  columns.push_back({"interval", interval});
  return BatchOf(std::move(columns), 4);
}

Result<RecordBatchPtr> NestedBatch() {
  std::vector<Column> columns;
  ASSIGN_OR_RETURN(Array i64_items, literals::Numbers<int64_t>({1, 2, kNone, 4}));
  ASSIGN_OR_RETURN(Array list_i64, literals::List(Field("item", DataType::Int64()), {0, 2, 2, 2, 4},
                                                  {true, true, false, true}, i64_items));
  columns.push_back({"list_i64", list_i64});

  ASSIGN_OR_RETURN(Array str_items, literals::Strings({"a", "b", "c"}));
  ASSIGN_OR_RETURN(Array list_utf8, literals::List(Field("item", DataType::Utf8()), {0, 1, 1, 3, 3},
                                                   {true, false, true, true}, str_items));
  columns.push_back({"list_utf8", list_utf8});

  ASSIGN_OR_RETURN(Array struct_a, literals::Numbers<int32_t>({1, kNone, kNone, 4}));
  ASSIGN_OR_RETURN(Array struct_b, literals::Strings({"x", kNone, "z", kNone}));
  ASSIGN_OR_RETURN(Array structs,
                   literals::Struct({Field("a", DataType::Int32()), Field("b", DataType::Utf8())},
                                    {struct_a, struct_b}, {true, false, true, true}));
  columns.push_back({"struct", structs});

  ASSIGN_OR_RETURN(Array keys, literals::Strings({"k1", "k2", "k3"}));
  ASSIGN_OR_RETURN(Array map_values, literals::Numbers<int64_t>({1, kNone, 3}));
  Field entries = EntriesField(DataType::Utf8(), DataType::Int64());
  ASSIGN_OR_RETURN(Array entry_structs, literals::Struct(entries.type().children(),
                                                         {keys, map_values}, {true, true, true}));
  ASSIGN_OR_RETURN(
      Array map, literals::Map(entries, {0, 2, 2, 2, 3}, {true, true, false, true}, entry_structs));
  columns.push_back({"map", map});

  ASSIGN_OR_RETURN(Array union_ints, literals::Numbers<int64_t>({1, kNone}));
  ASSIGN_OR_RETURN(Array union_strs, literals::Strings({"x", "y"}));
  ASSIGN_OR_RETURN(Array dense, literals::DenseUnion(
                                    {Field("i", DataType::Int64()), Field("s", DataType::Utf8())},
                                    {5, 7}, {5, 7, 5, 7}, {0, 0, 1, 1}, {union_ints, union_strs}));
  columns.push_back({"union", dense});

  ASSIGN_OR_RETURN(Array xs, literals::Numbers<double>({1.0, kNone, 2.5}));
  ASSIGN_OR_RETURN(Array ys, literals::Booleans({true, false, kNone}));
  std::vector<Field> point_fields = {Field("x", DataType::Float64()),
                                     Field("y", DataType::Boolean())};
  ASSIGN_OR_RETURN(Array points, literals::Struct(point_fields, {xs, ys}, {true, true, true}));
  ASSIGN_OR_RETURN(Array list_struct,
                   literals::List(Field("item", DataType::Struct(point_fields)), {0, 1, 1, 3, 3},
                                  {true, false, true, true}, points));
  columns.push_back({"list_struct", list_struct});

  ASSIGN_OR_RETURN(Array dict_values, literals::Strings({"p", "q"}));
  ASSIGN_OR_RETURN(Array dict_items,
                   literals::Dictionary(DataType::Int32(), {0, 1, 0}, dict_values));
  ASSIGN_OR_RETURN(Array list_dict,
                   literals::List(Field("item", dict_items.type()), {0, 2, 2, 3, 3},
                                  {true, false, true, true}, dict_items));
  columns.push_back({"list_dict", list_dict});
  return BatchOf(std::move(columns), 4);
}

Result<RecordBatchPtr> SliceSourceBatch() {
  constexpr int kRows = 10;
  std::vector<Opt<int32_t>> ints;
  std::vector<Opt<bool>> bools;
  std::vector<Opt<std::string>> strings, tags, struct_b, union_strs, map_keys;
  std::vector<Opt<int64_t>> list_items, union_ints;
  std::vector<Opt<int16_t>> struct_a;
  std::vector<Opt<int32_t>> map_values;
  std::vector<int32_t> list_offsets = {0}, map_offsets = {0}, union_offsets;
  std::vector<int8_t> union_ids;
  std::vector<bool> list_valid, struct_valid, map_valid;
  StringDictionaryBuilder tag_builder;
  for (int i = 0; i < kRows; ++i) {
    ints.push_back(i % 3 == 0 ? Opt<int32_t>() : Opt<int32_t>(i));
    bools.push_back(i % 4 == 1 ? Opt<bool>() : Opt<bool>(i % 2 == 0));
    strings.push_back(i % 5 == 2 ? Opt<std::string>() : Opt<std::string>(fmt::format("s{}", i)));
    list_valid.push_back(i % 4 != 3);
    if (i % 4 != 3) {
      for (int k = 0; k < i % 3; ++k) list_items.push_back(i * 10 + k);
    }
    list_offsets.push_back(static_cast<int32_t>(list_items.size()));
    bool struct_ok = i % 5 != 4;
    struct_valid.push_back(struct_ok);
    struct_a.push_back(struct_ok ? Opt<int16_t>(static_cast<int16_t>(i)) : Opt<int16_t>());
    struct_b.push_back(struct_ok ? Opt<std::string>(fmt::format("b{}", i)) : Opt<std::string>());
    tags.push_back(i % 6 == 5 ? Opt<std::string>() : Opt<std::string>(fmt::format("t{}", i % 4)));
    if (i % 2 == 0) {
      union_ids.push_back(0);
      union_offsets.push_back(static_cast<int32_t>(union_ints.size()));
      union_ints.push_back(i * 100);
    } else {
      union_ids.push_back(1);
      union_offsets.push_back(static_cast<int32_t>(union_strs.size()));
      union_strs.push_back(fmt::format("u{}", i));
    }
    map_valid.push_back(i != 7);
    if (i != 7 && i % 2 == 0) {
      map_keys.push_back(fmt::format("k{}", i));
      map_values.push_back(i);
    }
    map_offsets.push_back(static_cast<int32_t>(map_keys.size()));
  }
  std::vector<Column> columns;
  ASSIGN_OR_RETURN(Array i32, literals::Numbers<int32_t>(ints));
  columns.push_back({"i32", i32});
  ASSIGN_OR_RETURN(Array b, literals::Booleans(bools));
  columns.push_back({"bool", b});
  ASSIGN_OR_RETURN(Array s, literals::Strings(strings));
  columns.push_back({"utf8", s});
  ASSIGN_OR_RETURN(Array items, literals::Numbers<int64_t>(list_items));
  ASSIGN_OR_RETURN(Array list, literals::List(Field("item", DataType::Int64()), list_offsets,
                                              list_valid, items));
  columns.push_back({"list", list});
  ASSIGN_OR_RETURN(Array a_col, literals::Numbers<int16_t>(struct_a));
  ASSIGN_OR_RETURN(Array b_col, literals::Strings(struct_b));
  ASSIGN_OR_RETURN(Array st,
                   literals::Struct({Field("a", DataType::Int16()), Field("b", DataType::Utf8())},
                                    {a_col, b_col}, struct_valid));
  columns.push_back({"struct", st});
  ASSIGN_OR_RETURN(Array tag, DictionaryColumn(&tag_builder, tags));
  columns.push_back({"dict", tag});
  ASSIGN_OR_RETURN(Array u_ints, literals::Numbers<int64_t>(union_ints));
  ASSIGN_OR_RETURN(Array u_strs, literals::Strings(union_strs));
  ASSIGN_OR_RETURN(Array dense, literals::DenseUnion(
                                    {Field("i", DataType::Int64()), Field("s", DataType::Utf8())},
                                    {0, 1}, union_ids, union_offsets, {u_ints, u_strs}));
  columns.push_back({"union", dense});
  Field entries = EntriesField(DataType::Utf8(), DataType::Int32());
  ASSIGN_OR_RETURN(Array k_col, literals::Strings(map_keys));
  ASSIGN_OR_RETURN(Array v_col, literals::Numbers<int32_t>(map_values));
  ASSIGN_OR_RETURN(Array entry_structs, literals::Struct(entries.type().children(), {k_col, v_col},
                                                         std::vector<bool>(map_keys.size(), true)));
  ASSIGN_OR_RETURN(Array map, literals::Map(entries, map_offsets, map_valid, entry_structs));
  columns.push_back({"map", map});
  return BatchOf(std::move(columns), kRows);
}

std::vector<std::string> CanonicalStreamNames() {
  return {"primitives",
          "nested",
          "dictionary_deltas",
          "dictionary_replacements",
          "empty_stream",
          "empty_batches",
          "sliced",
          "metadata",
          "zero_columns",
          "many_batches",
          "primitives_lz4",
          "nested_zstd",
          "primitives_aligned64"};
}

Result<SampleStream> MakeCanonicalStream(std::string_view name) {
  if (name == "primitives") return SingleBatchStream(PrimitivesBatch());
  if (name == "nested") return SingleBatchStream(NestedBatch());
  if (name == "dictionary_deltas") return DictionaryStream(true);
  if (name == "dictionary_replacements") return DictionaryStream(false);
  if (name == "empty_stream") {
    SchemaPtr schema = MakeSchema({Field("a", DataType::Int64()), Field("b", DataType::Utf8()),
                                   Field("c", DataType::TagDictionary())});
    return SampleStream{schema, {}, {}};
  }
  if (name == "empty_batches") return EmptyBatchesStream();
  if (name == "sliced") {
    ASSIGN_OR_RETURN(RecordBatchPtr source, SliceSourceBatch());
    return SampleStream{
        source->schema(), {source->Slice(3, 5), source->Slice(9, 1), source->Slice(1, 0)}, {}};
  }
  if (name == "metadata") return MetadataStream();
  if (name == "zero_columns") {
    SchemaPtr schema = MakeSchema({});
    return SampleStream{
        schema,
        {RecordBatch::MakeUnchecked(schema, 3, {}), RecordBatch::MakeUnchecked(schema, 0, {})},
        {}};
  }
  if (name == "many_batches") return ManyBatchesStream();
  if (name == "primitives_lz4") {
    IpcWriteOptions options;
    options.compression = IpcCompression::kLz4Frame;
    return SingleBatchStream(PrimitivesBatch(), options);
  }
  if (name == "nested_zstd") {
    IpcWriteOptions options;
    options.compression = IpcCompression::kZstd;
    return SingleBatchStream(NestedBatch(), options);
  }
  if (name == "primitives_aligned64") {
    IpcWriteOptions options;
    options.alignment = 64;
    return SingleBatchStream(PrimitivesBatch(), options);
  }
  return Status::NotFound("no canonical stream named '{}'", name);
}

}  // namespace quiver::samples
