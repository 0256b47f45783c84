"""Expected Arrow data for Quiver's interop tests, built independently with pyarrow.

Quiver's canonical sample data lives in src/columnar/interop/sample_batches.cc; each
builder here is its Python twin (change both together). Also: the dictionary index
normalisation Quiver applies on import (every index type becomes int32).
"""

import math

import pyarrow as pa

UNITS = ["s", "ms", "us", "ns"]
PER_SECOND = {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}


def primitives_batch() -> pa.RecordBatch:
    columns = {
        "null": pa.nulls(4),
        "bool": pa.array([True, False, None, True]),
        "i8": pa.array([-128, 127, None, 0], pa.int8()),
        "i16": pa.array([-32768, 32767, None, 1], pa.int16()),
        "i32": pa.array([-(2**31), 2**31 - 1, None, 2], pa.int32()),
        "i64": pa.array([-(2**63), 2**63 - 1, None, 3], pa.int64()),
        "u8": pa.array([0, 255, None, 4], pa.uint8()),
        "u16": pa.array([0, 65535, None, 5], pa.uint16()),
        "u32": pa.array([0, 2**32 - 1, None, 6], pa.uint32()),
        "u64": pa.array([0, 2**64 - 1, None, 7], pa.uint64()),
        "f32": pa.array([1.5, -2.25, None, math.inf], pa.float32()),
        "f64": pa.array([3.25, -0.0, None, -math.inf], pa.float64()),
        "utf8": pa.array(["", "héllo", None, "日本語 🚀"]),
        "binary": pa.array([b"", b"\x00\x01\xff", None, b"abc"]),
        "date32": pa.array([0, 19000, None, -1], pa.date32()),
    }
    for unit in UNITS:
        columns[f"ts_{unit}"] = pa.array([0, 1_700_000_000 * PER_SECOND[unit], None, -1], pa.timestamp(unit))
    columns["ts_utc"] = pa.array([0, 1_700_000_000 * 10**9, None, -1], pa.timestamp("ns", tz="UTC"))
    columns["ts_offset"] = pa.array([0, 1_700_000_000_000, None, -1], pa.timestamp("ms", tz="+07:30"))
    for unit in UNITS:
        columns[f"dur_{unit}"] = pa.array([0, 1, None, -86400], pa.duration(unit))
    columns["interval"] = pa.array(
        [pa.MonthDayNano([1, 2, 3]), pa.MonthDayNano([-1, -2, -3]), None, pa.MonthDayNano([0, 0, 0])],
        pa.month_day_nano_interval(),
    )
    return pa.record_batch(list(columns.values()), names=list(columns))


def list_with_mask(offsets, values, mask):
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), values, mask=pa.array(mask))


def nested_batch() -> pa.RecordBatch:
    point = pa.struct([("x", pa.float64()), ("y", pa.bool_())])
    columns = {
        "list_i64": pa.array([[1, 2], [], None, [None, 4]], pa.list_(pa.int64())),
        "list_utf8": pa.array([["a"], None, ["b", "c"], []], pa.list_(pa.string())),
        "struct": pa.array(
            [{"a": 1, "b": "x"}, None, {"a": None, "b": "z"}, {"a": 4, "b": None}],
            pa.struct([("a", pa.int32()), ("b", pa.string())]),
        ),
        "map": pa.array([[("k1", 1), ("k2", None)], [], None, [("k3", 3)]], pa.map_(pa.string(), pa.int64())),
        "union": pa.UnionArray.from_dense(
            pa.array([5, 7, 5, 7], pa.int8()),
            pa.array([0, 0, 1, 1], pa.int32()),
            [pa.array([1, None], pa.int64()), pa.array(["x", "y"])],
            ["i", "s"],
            [5, 7],
        ),
        "list_struct": pa.array(
            [[{"x": 1.0, "y": True}], None, [{"x": None, "y": False}, {"x": 2.5, "y": None}], []],
            pa.list_(point),
        ),
        "list_dict": list_with_mask(
            [0, 2, 2, 3, 3],
            pa.DictionaryArray.from_arrays(pa.array([0, 1, 0], pa.int32()), pa.array(["p", "q"])),
            [False, True, False, False],
        ),
    }
    return pa.record_batch(list(columns.values()), names=list(columns))


def dictionary(indices, values, index_type=pa.int32(), value_type=None):
    return pa.DictionaryArray.from_arrays(pa.array(indices, index_type), pa.array(values, value_type))


def dictionary_batches():
    tags = [
        dictionary([0, 1, None, 0], ["a", "b"]),
        dictionary([2, 0, 3], ["a", "b", "c", "d"]),
        dictionary([1, 4, None], ["a", "b", "c", "d", "e"]),
    ]
    others = [
        dictionary([0, 1, None, 1], ["x", "y"]),
        dictionary([0, 1, 0], ["z", "x"]),
        dictionary([2, None, 0], ["z", "x", "w"]),
    ]
    ints = [
        dictionary([1, 0, 0, 1], [100, 200], pa.int16(), pa.int64()),
        dictionary([0, 0, 1], [100, 200], pa.int16(), pa.int64()),
        dictionary([1, 1, None], [100, 200], pa.int16(), pa.int64()),
    ]
    return [pa.record_batch([t, o, i], names=["tag", "other", "int_dict"]) for t, o, i in zip(tags, others, ints)]


def slice_source_batch() -> pa.RecordBatch:
    rows = range(10)
    items, list_offsets, list_mask = [], [0], []
    for i in rows:
        list_mask.append(i % 4 == 3)
        if i % 4 != 3:
            items += [i * 10 + k for k in range(i % 3)]
        list_offsets.append(len(items))
    union_ids, union_offsets, union_ints, union_strs = [], [], [], []
    for i in rows:
        if i % 2 == 0:
            union_ids.append(0)
            union_offsets.append(len(union_ints))
            union_ints.append(i * 100)
        else:
            union_ids.append(1)
            union_offsets.append(len(union_strs))
            union_strs.append(f"u{i}")
    columns = {
        "i32": pa.array([None if i % 3 == 0 else i for i in rows], pa.int32()),
        "bool": pa.array([None if i % 4 == 1 else i % 2 == 0 for i in rows]),
        "utf8": pa.array([None if i % 5 == 2 else f"s{i}" for i in rows]),
        "list": list_with_mask(list_offsets, pa.array(items, pa.int64()), list_mask),
        "struct": pa.array(
            [None if i % 5 == 4 else {"a": i, "b": f"b{i}"} for i in rows],
            pa.struct([("a", pa.int16()), ("b", pa.string())]),
        ),
        "dict": dictionary([None if i % 6 == 5 else i % 4 for i in rows], ["t0", "t1", "t2", "t3"]),
        "union": pa.UnionArray.from_dense(
            pa.array(union_ids, pa.int8()),
            pa.array(union_offsets, pa.int32()),
            [pa.array(union_ints, pa.int64()), pa.array(union_strs)],
            ["i", "s"],
            [0, 1],
        ),
        "map": pa.array(
            [None if i == 7 else ([(f"k{i}", i)] if i % 2 == 0 else []) for i in rows],
            pa.map_(pa.string(), pa.int32()),
        ),
    }
    return pa.record_batch(list(columns.values()), names=list(columns))


def many_batches_rows():
    regions = ["us", "eu", "ap"]
    rows = []
    for b in range(20):
        for r in range(50):
            g = b * 50 + r
            rows.append(
                {
                    "host": f"host-{g % (3 + 2 * b)}",
                    "region": regions[g % 3],
                    "usage": g * 0.5,
                    "count": g,
                    "ok": g % 2 == 0,
                    "note": None if g % 5 == 0 else f"n{g}",
                    "time": 1_700_000_000_000_000_000 + g * 1_000_000_000,
                }
            )
    return rows



def normalize_type(t: pa.DataType) -> pa.DataType:
    """The type Quiver returns: dictionary indices are int32."""
    if pa.types.is_dictionary(t):
        return pa.dictionary(pa.int32(), normalize_type(t.value_type), t.ordered)
    if pa.types.is_map(t):
        return pa.map_(normalize_field(t.key_field), normalize_field(t.item_field), t.keys_sorted)
    if pa.types.is_list(t):
        return pa.list_(normalize_field(t.value_field))
    if pa.types.is_struct(t):
        return pa.struct([normalize_field(t.field(i)) for i in range(t.num_fields)])
    if pa.types.is_union(t):
        return pa.union([normalize_field(t.field(i)) for i in range(t.num_fields)], t.mode, t.type_codes)
    return t


def normalize_field(f: pa.Field) -> pa.Field:
    return f.with_type(normalize_type(f.type))


def normalize_schema(schema: pa.Schema) -> pa.Schema:
    return pa.schema([normalize_field(f) for f in schema], metadata=schema.metadata)


def normalize_batch(batch: pa.RecordBatch) -> pa.RecordBatch:
    schema = normalize_schema(batch.schema)
    if schema.equals(batch.schema, check_metadata=True):
        return batch
    table = pa.Table.from_batches([batch], schema=batch.schema).cast(schema)
    return pa.RecordBatch.from_arrays([column.combine_chunks() for column in table.columns], schema=schema)
