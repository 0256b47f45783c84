"""Arrow IPC streaming format: Quiver's writer and reader against pyarrow.

Two directions, each through real interfaces (bytes over a pipe, no shared code):

* Quiver writes (``quiver_ipc_tool write NAME``) and pyarrow reads. The expected content
  of every canonical stream is rebuilt independently with pyarrow in arrow_samples.py
  (the C++ twin is src/columnar/interop/sample_batches.cc).
* pyarrow writes, Quiver reads and writes again (``quiver_ipc_tool roundtrip``), pyarrow
  reads the result: it must equal the input (dictionary indices come back as int32,
  which Quiver normalises to).

The tool is found through QUIVER_IPC_TOOL, else next to QUIVER_BINARY, else in
build/release. These tests do not start a server.
"""

import os
import subprocess
from pathlib import Path

import pyarrow as pa
import pytest

from arrow_samples import (
    dictionary,
    dictionary_batches,
    many_batches_rows,
    nested_batch,
    normalize_batch,
    normalize_schema,
    primitives_batch,
    slice_source_batch,
)

ROOT = Path(__file__).resolve().parents[2]


def _tool_path() -> Path:
    if os.environ.get("QUIVER_IPC_TOOL"):
        return Path(os.environ["QUIVER_IPC_TOOL"])
    if os.environ.get("QUIVER_BINARY"):
        return Path(os.environ["QUIVER_BINARY"]).parent / "quiver_ipc_tool"
    return ROOT / "build" / "release" / "quiver_ipc_tool"


TOOL = _tool_path()


def run_tool(*args: str, data: bytes = b"") -> bytes:
    assert TOOL.exists(), f"{TOOL} not built (it is built with the unit tests)"
    result = subprocess.run([str(TOOL), *args], input=data, capture_output=True, timeout=120)
    if result.returncode != 0:
        raise ToolError(result.stderr.decode(errors="replace"))
    return result.stdout


class ToolError(Exception):
    pass


def read_stream(data: bytes):
    reader = pa.ipc.open_stream(data)
    batches = list(reader)
    return reader.schema, batches, reader.stats


def write_stream(schema, batches, **options) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, schema, options=pa.ipc.IpcWriteOptions(**options)) as writer:
        for batch in batches:
            writer.write_batch(batch)
    return sink.getvalue().to_pybytes()


def assert_batches_equal(actual, expected):
    assert len(actual) == len(expected)
    for i, (got, want) in enumerate(zip(actual, expected)):
        assert got.schema.equals(want.schema, check_metadata=True), f"batch {i}: {got.schema} vs {want.schema}"
        assert got.equals(want), f"batch {i}:\n{got.to_pydict()}\n!=\n{want.to_pydict()}"


# ---- Quiver writes, pyarrow reads -----------------------------------------------------


def test_tool_lists_the_canonical_streams():
    names = run_tool("list").decode().split()
    assert set(names) == {
        "primitives", "nested", "dictionary_deltas", "dictionary_replacements", "empty_stream",
        "empty_batches", "sliced", "metadata", "zero_columns", "many_batches", "primitives_lz4",
        "nested_zstd", "primitives_aligned64",
    }


@pytest.mark.parametrize("name", ["primitives", "primitives_lz4", "primitives_aligned64"])
def test_pyarrow_reads_primitives(name):
    schema, batches, _ = read_stream(run_tool("write", name))
    assert_batches_equal(batches, [primitives_batch()])
    assert schema.field("ts_offset").type == pa.timestamp("ms", tz="+07:30")


@pytest.mark.parametrize("name", ["nested", "nested_zstd"])
def test_pyarrow_reads_nested(name):
    _, batches, _ = read_stream(run_tool("write", name))
    assert_batches_equal(batches, [nested_batch()])
    assert batches[0].column("union").type.type_codes == [5, 7]


def test_pyarrow_reads_growing_dictionaries_as_deltas():
    _, batches, stats = read_stream(run_tool("write", "dictionary_deltas"))
    assert_batches_equal(batches, dictionary_batches())
    assert stats.num_dictionary_deltas == 3
    assert stats.num_replaced_dictionaries == 1
    assert stats.num_dictionary_batches == 7


def test_pyarrow_reads_replaced_dictionaries():
    _, batches, stats = read_stream(run_tool("write", "dictionary_replacements"))
    assert_batches_equal(batches, dictionary_batches())
    assert stats.num_dictionary_deltas == 0
    assert stats.num_replaced_dictionaries == 4


def test_pyarrow_reads_a_stream_without_batches():
    schema, batches, _ = read_stream(run_tool("write", "empty_stream"))
    assert batches == []
    assert schema == pa.schema([("a", pa.int64()), ("b", pa.string()), ("c", pa.dictionary(pa.int32(), pa.string()))])


def test_pyarrow_reads_empty_batches():
    _, batches, _ = read_stream(run_tool("write", "empty_batches"))
    assert [b.num_rows for b in batches] == [0, 2, 0]
    middle = batches[1]
    assert middle.column("a").to_pylist() == [1, None]
    assert middle.column("b").to_pylist() == ["x", None]
    assert middle.column("t").to_pylist() == ["k", None]
    assert middle.column("l").to_pylist() == [[1], [None]]
    assert middle.schema.field("l").type == pa.list_(pa.int32())


def test_pyarrow_reads_slices():
    _, batches, _ = read_stream(run_tool("write", "sliced"))
    source = slice_source_batch()
    assert_batches_equal(batches, [source.slice(3, 5), source.slice(9, 1), source.slice(1, 0)])


def test_pyarrow_reads_metadata_and_nullability():
    schema, batches, _ = read_stream(run_tool("write", "metadata"))
    expected = pa.schema(
        [
            pa.field("a", pa.int64(), nullable=False, metadata={"unit": "ns"}),
            pa.field("b", pa.string(), metadata={"k": "v", "k2": "v2"}),
            pa.field("c", pa.list_(pa.field("item", pa.int32(), nullable=False)), nullable=False),
        ],
        metadata={"quiver:version": "1", "empty": ""},
    )
    assert schema.equals(expected, check_metadata=True), schema
    assert batches[0].to_pydict() == {"a": [1, 2], "b": ["x", None], "c": [[1], [2, 3]]}


def test_pyarrow_reads_batches_without_columns():
    schema, batches, _ = read_stream(run_tool("write", "zero_columns"))
    assert len(schema) == 0
    assert [b.num_rows for b in batches] == [3, 0]


def test_pyarrow_reads_many_batches_with_growing_tags():
    schema, batches, stats = read_stream(run_tool("write", "many_batches"))
    assert len(batches) == 20 and all(b.num_rows == 50 for b in batches)
    assert schema.field("host").type == pa.dictionary(pa.int32(), pa.string())
    assert schema.field("time").type == pa.timestamp("ns") and not schema.field("time").nullable
    table = pa.Table.from_batches(batches)
    expected = many_batches_rows()
    for column in ["host", "region", "usage", "count", "ok", "note"]:
        assert table.column(column).to_pylist() == [row[column] for row in expected], column
    assert table.column("time").cast(pa.int64()).to_pylist() == [row["time"] for row in expected]
    assert stats.num_dictionary_deltas == 19  # host grows in every batch after the first
    assert stats.num_replaced_dictionaries == 0


# ---- pyarrow writes, Quiver reads and writes, pyarrow reads ----------------------------


def through_quiver(schema, batches, tool_args=(), **write_options):
    data = write_stream(schema, batches, **write_options)
    out_schema, out_batches, stats = read_stream(run_tool("roundtrip", *tool_args, data=data))
    assert out_schema.equals(normalize_schema(schema), check_metadata=True), f"{out_schema}\nvs\n{schema}"
    expected = [normalize_batch(b) for b in batches]
    assert len(out_batches) == len(expected)
    for i, (got, want) in enumerate(zip(out_batches, expected)):
        assert got.equals(want), f"batch {i}:\n{got.to_pydict()}\n!=\n{want.to_pydict()}"
    return out_batches, stats


def test_roundtrip_primitives_and_nested():
    for batch in (primitives_batch(), nested_batch(), slice_source_batch()):
        through_quiver(batch.schema, [batch, batch.slice(1, 2), batch.slice(3)])


@pytest.mark.parametrize(
    "index_type", [pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(), pa.uint32(), pa.uint64()]
)
def test_roundtrip_dictionary_index_widths(index_type):
    strings = dictionary([0, 1, None, 1, 0], ["alpha", "beta"], index_type)
    ordered = pa.DictionaryArray.from_arrays(pa.array([2, 0, 1, None, 2], index_type), pa.array([1.5, 2.5, 3.5]), ordered=True)
    batch = pa.record_batch([strings, ordered], names=["s", "f"])
    out, _ = through_quiver(batch.schema, [batch])
    assert out[0].schema.field("s").type == pa.dictionary(pa.int32(), pa.string())
    assert out[0].schema.field("f").type.ordered
    assert out[0].column("s").to_pylist() == ["alpha", "beta", None, "beta", "alpha"]


@pytest.mark.parametrize("emit_deltas", [True, False])
def test_roundtrip_changing_dictionaries(emit_deltas):
    batches = [
        pa.record_batch([dictionary([0, 1], ["a", "b"], pa.int8())], names=["d"]),
        pa.record_batch([dictionary([2, 0], ["a", "b", "c"], pa.int8())], names=["d"]),  # extends
        pa.record_batch([dictionary([0, None], ["z"], pa.int8())], names=["d"]),  # replaces
        pa.record_batch([dictionary([1, 0], ["z", "y"], pa.int8())], names=["d"]),  # extends
    ]
    data = write_stream(batches[0].schema, batches, emit_dictionary_deltas=emit_deltas)
    _, _, input_stats = read_stream(data)
    assert (input_stats.num_dictionary_deltas > 0) == emit_deltas
    out, stats = through_quiver(batches[0].schema, batches, emit_dictionary_deltas=emit_deltas)
    # Quiver sends deltas for growing dictionaries whatever its input used.
    assert stats.num_dictionary_deltas == 2
    assert stats.num_replaced_dictionaries == 1
    assert [b.column("d").to_pylist() for b in out] == [["a", "b"], ["c", "a"], ["z", None], ["y", "z"]]
    # And replacements only when asked to.
    _, _, replaced = read_stream(run_tool("roundtrip", "--no-deltas", data=data))
    assert replaced.num_dictionary_deltas == 0 and replaced.num_replaced_dictionaries == 3


def test_roundtrip_nested_dictionaries():
    inner = dictionary([0, 1, 0, None], ["p", "q"], pa.int16())
    lists = pa.ListArray.from_arrays(pa.array([0, 2, 4], pa.int32()), inner)
    structs = pa.StructArray.from_arrays([dictionary([1, 0], ["m", "n"], pa.int8()), pa.array([1, 2])], names=["tag", "v"])
    batch = pa.record_batch([lists, structs], names=["lists", "structs"])
    out, _ = through_quiver(batch.schema, [batch])
    assert out[0].column("lists").to_pylist() == [["p", "q"], ["p", None]]
    assert out[0].column("structs").to_pylist() == [{"tag": "n", "v": 1}, {"tag": "m", "v": 2}]


def test_roundtrip_empty_and_many_batches():
    schema = pa.schema([("a", pa.int64()), ("b", pa.string()), ("d", pa.dictionary(pa.int16(), pa.string()))])
    through_quiver(schema, [])
    empty = pa.record_batch(
        [pa.array([], pa.int64()), pa.array([], pa.string()), dictionary([], [], pa.int16(), pa.string())], schema=schema
    )
    full = pa.record_batch([pa.array([1, None]), pa.array(["x", None]), dictionary([0, None], ["v"], pa.int16())], schema=schema)
    through_quiver(schema, [empty, full, empty, full])
    many = [
        pa.record_batch([pa.array(range(i * 100, i * 100 + 100)), pa.array([f"r{j}" for j in range(100)]),
                         dictionary([j % 7 for j in range(100)], [f"t{k}" for k in range(7)], pa.int16())], schema=schema)
        for i in range(30)
    ]
    through_quiver(schema, many)


def test_roundtrip_metadata_and_nullability():
    schema = pa.schema(
        [
            pa.field("t", pa.timestamp("ns"), nullable=False, metadata={"iox::column::type": "iox::column_type::timestamp"}),
            pa.field("v", pa.float64(), metadata={"b": "2", "a": "1"}),
            pa.field("l", pa.list_(pa.field("element", pa.int32(), nullable=False))),
        ],
        metadata={"iox::measurement::name": "cpu", "": "empty key"},
    )
    batch = pa.record_batch([pa.array([1, 2], pa.timestamp("ns")), pa.array([0.5, None]), pa.array([[1], []])], schema=schema)
    out, _ = through_quiver(schema, [batch])
    assert out[0].schema.metadata == {b"iox::measurement::name": b"cpu", b"": b"empty key"}


@pytest.mark.parametrize("codec", ["lz4", "zstd"])
def test_roundtrip_compressed_input(codec):
    batch = pa.record_batch([pa.array(range(10_000)), pa.array([f"value {i % 97}" for i in range(10_000)]),
                             dictionary([i % 5 for i in range(10_000)], list("abcde"), pa.int8())],
                            names=["i", "s", "d"])
    through_quiver(batch.schema, [batch, batch.slice(10, 100)], compression=codec)
    # Quiver can compress its output too.
    through_quiver(batch.schema, [batch], tool_args=(f"--compression={codec}",))


def test_roundtrip_alignment_64():
    batch = primitives_batch()
    through_quiver(batch.schema, [batch], tool_args=("--alignment=64",))


def test_roundtrip_legacy_and_v4_metadata():
    batch = nested_batch()  # Includes a dense union: V4 unions carry a validity buffer.
    through_quiver(batch.schema, [batch], metadata_version=pa.ipc.MetadataVersion.V4)
    through_quiver(batch.schema, [batch], use_legacy_format=True)


def test_roundtrip_large_batch():
    n = 200_000
    batch = pa.record_batch(
        [pa.array(range(n), pa.int64()), pa.array([i * 0.25 for i in range(n)]), pa.array([f"s{i}" for i in range(n)]),
         pa.array([None if i % 3 == 0 else i % 2 == 0 for i in range(n)])],
        names=["i", "f", "s", "b"],
    )
    through_quiver(batch.schema, [batch])


UNSUPPORTED = {
    "large_string": lambda: pa.array(["x"], pa.large_string()),
    "decimal": lambda: pa.array([1], pa.decimal128(10, 2)),
    "time32": lambda: pa.array([1], pa.time32("s")),
    "date64": lambda: pa.array([1], pa.date64()),
    "fixed_size_binary": lambda: pa.array([b"ab"], pa.binary(2)),
    "sparse_union": lambda: pa.UnionArray.from_sparse(pa.array([0], pa.int8()), [pa.array([1])]),
    "float16": lambda: pa.array(__import__("numpy").array([1.5], dtype="float16")),
}


@pytest.mark.parametrize("type_name", sorted(UNSUPPORTED))
def test_unsupported_types_fail_clearly(type_name):
    batch = pa.record_batch([UNSUPPORTED[type_name]()], names=["x"])
    with pytest.raises(ToolError) as error:
        run_tool("roundtrip", data=write_stream(batch.schema, [batch]))
    message = str(error.value)
    assert "Not implemented" in message and type_name in message, message


def test_garbage_input_fails_cleanly():
    data = write_stream(primitives_batch().schema, [primitives_batch()])
    for damaged in (data[: len(data) // 2], b"\xff\xff\xff\xff" + b"\x10\x00\x00\x00" + b"\x00" * 16, b"not arrow"):
        with pytest.raises(ToolError) as error:
            run_tool("roundtrip", data=damaged)
        assert "Corruption" in str(error.value), str(error.value)
