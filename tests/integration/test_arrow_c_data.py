"""Arrow C Data Interface and C Stream Interface: Quiver against pyarrow, in one process.

libquiver_cdata_testlib.so (built with the unit tests; src/columnar/interop/
cdata_testlib.cc) exposes Quiver's export and import through a few extern "C"
functions. The ABI structs are declared here with ctypes (pyarrow.cffi would need cffi,
which the test venv does not carry) and handed to pyarrow's _import_from_c /
_export_to_c. Release callbacks are checked from both sides: Quiver's count of live
exported structs, and pyarrow's allocated bytes.

The library is found through QUIVER_CDATA_TESTLIB, else next to QUIVER_BINARY, else in
build/release. A sanitizer build of the library can only be loaded with the ASan runtime
preloaded; without it these tests skip (the C++ unit tests cover the same paths under
ASan). With it they run:
  LD_PRELOAD=$(gcc -print-file-name=libasan.so) ASAN_OPTIONS=detect_leaks=0 \
    QUIVER_CDATA_TESTLIB=build/debug/libquiver_cdata_testlib.so pytest tests/integration/test_arrow_c_data.py
"""

import ctypes
import gc
import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

from arrow_samples import (
    dictionary,
    dictionary_batches,
    many_batches_rows,
    nested_batch,
    normalize_batch,
    normalize_field,
    normalize_schema,
    primitives_batch,
    slice_source_batch,
)

ROOT = Path(__file__).resolve().parents[2]


class ArrowSchema(ctypes.Structure):
    pass


ArrowSchema._fields_ = [
    ("format", ctypes.c_char_p),
    ("name", ctypes.c_char_p),
    ("metadata", ctypes.c_void_p),
    ("flags", ctypes.c_int64),
    ("n_children", ctypes.c_int64),
    ("children", ctypes.POINTER(ctypes.POINTER(ArrowSchema))),
    ("dictionary", ctypes.POINTER(ArrowSchema)),
    ("release", ctypes.c_void_p),
    ("private_data", ctypes.c_void_p),
]


class ArrowArray(ctypes.Structure):
    pass


ArrowArray._fields_ = [
    ("length", ctypes.c_int64),
    ("null_count", ctypes.c_int64),
    ("offset", ctypes.c_int64),
    ("n_buffers", ctypes.c_int64),
    ("n_children", ctypes.c_int64),
    ("buffers", ctypes.POINTER(ctypes.c_void_p)),
    ("children", ctypes.POINTER(ctypes.POINTER(ArrowArray))),
    ("dictionary", ctypes.POINTER(ArrowArray)),
    ("release", ctypes.c_void_p),
    ("private_data", ctypes.c_void_p),
]


class ArrowArrayStream(ctypes.Structure):
    _fields_ = [
        ("get_schema", ctypes.c_void_p),
        ("get_next", ctypes.c_void_p),
        ("get_last_error", ctypes.c_void_p),
        ("release", ctypes.c_void_p),
        ("private_data", ctypes.c_void_p),
    ]


def _library_path() -> Path:
    if os.environ.get("QUIVER_CDATA_TESTLIB"):
        return Path(os.environ["QUIVER_CDATA_TESTLIB"])
    if os.environ.get("QUIVER_BINARY"):
        return Path(os.environ["QUIVER_BINARY"]).parent / "libquiver_cdata_testlib.so"
    return ROOT / "build" / "release" / "libquiver_cdata_testlib.so"


@pytest.fixture(scope="module")
def lib():
    path = _library_path()
    assert path.exists(), f"{path} not built (it is built with the unit tests)"
    # A sanitizer build aborts the whole process when loaded without its runtime
    # preloaded, so probe in a child first.
    probe = subprocess.run([sys.executable, "-c", "import ctypes, sys; ctypes.CDLL(sys.argv[1])", str(path)],
                           capture_output=True, text=True, timeout=60)
    if probe.returncode != 0:
        if "ASan runtime" in probe.stderr:
            pytest.skip("the test library is an ASan build; run these tests with "
                        "LD_PRELOAD=$(gcc -print-file-name=libasan.so) ASAN_OPTIONS=detect_leaks=0")
        raise AssertionError(f"cannot load {path}: {probe.stderr}")
    library = ctypes.CDLL(str(path))
    p = ctypes.POINTER
    signatures = {
        "quiver_cdata_last_error": (ctypes.c_char_p, []),
        "quiver_cdata_live_exports": (ctypes.c_int64, []),
        "quiver_cdata_export_sample": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_int, p(ArrowArray), p(ArrowSchema)]),
        "quiver_cdata_export_sample_column": (
            ctypes.c_int, [ctypes.c_char_p, ctypes.c_int, ctypes.c_int, p(ArrowArray), p(ArrowSchema)]),
        "quiver_cdata_roundtrip_batch": (ctypes.c_int, [p(ArrowArray), p(ArrowSchema), p(ArrowArray), p(ArrowSchema)]),
        "quiver_cdata_roundtrip_array": (ctypes.c_int, [p(ArrowArray), p(ArrowSchema), p(ArrowArray), p(ArrowSchema)]),
        "quiver_cdata_roundtrip_schema": (ctypes.c_int, [p(ArrowSchema), p(ArrowSchema)]),
        "quiver_cdata_hold_batch": (ctypes.c_int, [p(ArrowArray), p(ArrowSchema)]),
        "quiver_cdata_held_rows": (ctypes.c_int64, []),
        "quiver_cdata_drop_held": (None, []),
        "quiver_cdata_export_stream": (ctypes.c_int, [ctypes.c_char_p, p(ArrowArrayStream)]),
        "quiver_cdata_export_failing_stream": (ctypes.c_int, [p(ArrowArrayStream)]),
        "quiver_cdata_roundtrip_stream": (ctypes.c_int, [p(ArrowArrayStream), p(ArrowArrayStream)]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(library, name)
        function.restype = restype
        function.argtypes = argtypes
    return library


def address(struct) -> int:
    return ctypes.addressof(struct)


def check(lib, code: int):
    assert code == 0, lib.quiver_cdata_last_error().decode()


@pytest.fixture
def no_leaks(lib):
    """Every struct Quiver exports must be released, and pyarrow memory handed to Quiver
    must come back, by the end of the test."""
    gc.collect()
    exports = lib.quiver_cdata_live_exports()
    allocated = pa.total_allocated_bytes()
    yield
    gc.collect()
    assert lib.quiver_cdata_live_exports() == exports, "Quiver exports were not released"
    assert pa.total_allocated_bytes() == allocated, "pyarrow memory imported by Quiver was not released"


def import_sample(lib, name: str, index: int) -> pa.RecordBatch:
    array, schema = ArrowArray(), ArrowSchema()
    check(lib, lib.quiver_cdata_export_sample(name.encode(), index, array, schema))
    assert array.release and schema.release
    batch = pa.RecordBatch._import_from_c(address(array), address(schema))
    assert not array.release and not schema.release  # pyarrow moved them out
    return batch


def through_quiver(lib, batch: pa.RecordBatch) -> pa.RecordBatch:
    in_array, in_schema = ArrowArray(), ArrowSchema()
    batch._export_to_c(address(in_array), address(in_schema))
    out_array, out_schema = ArrowArray(), ArrowSchema()
    check(lib, lib.quiver_cdata_roundtrip_batch(in_array, in_schema, out_array, out_schema))
    assert not in_array.release and not in_schema.release  # consumed by Quiver
    return pa.RecordBatch._import_from_c(address(out_array), address(out_schema))


# ---- Quiver exports, pyarrow imports ------------------------------------------------


def test_pyarrow_imports_quiver_batches(lib, no_leaks):
    assert import_sample(lib, "primitives", 0).equals(primitives_batch())
    assert import_sample(lib, "nested", 0).equals(nested_batch())
    for index, expected in enumerate(dictionary_batches()):
        got = import_sample(lib, "dictionary_deltas", index)
        assert got.equals(expected), index
        assert got.schema.field("int_dict").type.index_type == pa.int16()  # exported as it is
    source = slice_source_batch()
    for index, (offset, length) in enumerate([(3, 5), (9, 1), (1, 0)]):
        got = import_sample(lib, "sliced", index)
        assert got.equals(source.slice(offset, length))
    metadata = import_sample(lib, "metadata", 0)
    assert metadata.schema.metadata == {b"quiver:version": b"1", b"empty": b""}
    assert metadata.schema.field("a").metadata == {b"unit": b"ns"}
    assert not metadata.schema.field("a").nullable
    assert import_sample(lib, "zero_columns", 0).num_rows == 3


def test_imported_batch_keeps_quiver_memory_until_released(lib, no_leaks):
    before = lib.quiver_cdata_live_exports()
    batch = import_sample(lib, "many_batches", 3)
    column = batch.column("host")
    assert lib.quiver_cdata_live_exports() > before
    del batch
    gc.collect()
    assert lib.quiver_cdata_live_exports() > before  # the column still points into Quiver memory
    assert column.to_pylist() == [row["host"] for row in many_batches_rows()[150:200]]
    del column
    gc.collect()
    assert lib.quiver_cdata_live_exports() == before


def test_pyarrow_imports_quiver_arrays(lib, no_leaks):
    expected = nested_batch()
    for index, name in enumerate(expected.schema.names):
        array, schema = ArrowArray(), ArrowSchema()
        check(lib, lib.quiver_cdata_export_sample_column(b"nested", 0, index, array, schema))
        got = pa.Array._import_from_c(address(array), address(schema))
        assert got.equals(expected.column(index)), name


# ---- pyarrow exports, Quiver imports (and re-exports) -------------------------------


def test_quiver_imports_pyarrow_batches(lib, no_leaks):
    for batch in (primitives_batch(), nested_batch(), slice_source_batch()):
        for piece in (batch, batch.slice(1, 2), batch.slice(3), batch.slice(0, 0)):
            got = through_quiver(lib, piece)
            assert got.equals(normalize_batch(piece))


def test_import_is_zero_copy(lib, no_leaks):
    batch = pa.record_batch([pa.array(range(1000), pa.int64()), pa.array([f"s{i}" for i in range(1000)])],
                            names=["i", "s"])
    got = through_quiver(lib, batch)
    for column in range(2):
        assert got.column(column).buffers()[1].address == batch.column(column).buffers()[1].address
    sliced = through_quiver(lib, batch.slice(17, 100))
    assert sliced.column(0).offset == 17
    assert sliced.column(0).to_pylist() == list(range(17, 117))


@pytest.mark.parametrize(
    "index_type", [pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(), pa.uint32(), pa.uint64()]
)
def test_dictionary_indices_become_int32(lib, no_leaks, index_type):
    batch = pa.record_batch(
        [dictionary([0, 1, None, 1], ["a", "b"], index_type),
         pa.DictionaryArray.from_arrays(pa.array([1, 0, 0, None], index_type), pa.array([2.5, 1.5]), ordered=True)],
        names=["s", "f"],
    )
    got = through_quiver(lib, batch)
    assert got.schema.field("s").type == pa.dictionary(pa.int32(), pa.string())
    assert got.schema.field("f").type == pa.dictionary(pa.int32(), pa.float64(), ordered=True)
    assert got.equals(normalize_batch(batch))


def test_quiver_holds_pyarrow_memory_until_it_lets_go(lib, no_leaks):
    baseline = pa.total_allocated_bytes()
    batch = pa.record_batch([pa.array(range(1_000_000), pa.int64())], names=["i"])
    array, schema = ArrowArray(), ArrowSchema()
    batch._export_to_c(address(array), address(schema))
    del batch
    check(lib, lib.quiver_cdata_hold_batch(array, schema))
    gc.collect()
    assert lib.quiver_cdata_held_rows() == 1_000_000
    assert pa.total_allocated_bytes() >= baseline + 8_000_000  # still referenced by Quiver
    lib.quiver_cdata_drop_held()
    assert pa.total_allocated_bytes() == baseline  # Quiver called pyarrow's release


def test_arrays_and_fields_round_trip(lib, no_leaks):
    for array in nested_batch().columns + primitives_batch().columns:
        in_array, in_schema = ArrowArray(), ArrowSchema()
        array._export_to_c(address(in_array), address(in_schema))
        out_array, out_schema = ArrowArray(), ArrowSchema()
        check(lib, lib.quiver_cdata_roundtrip_array(in_array, in_schema, out_array, out_schema))
        assert pa.Array._import_from_c(address(out_array), address(out_schema)).equals(array)
    fields = [
        pa.field("m", pa.map_(pa.string(), pa.int32(), keys_sorted=True), nullable=False, metadata={"k": "v"}),
        pa.field("d", pa.dictionary(pa.int8(), pa.string(), ordered=True)),
        pa.field("t", pa.timestamp("us", tz="America/New_York")),
        pa.field("u", pa.dense_union([pa.field("a", pa.int32()), pa.field("b", pa.string())], [3, 9])),
    ]
    for field in fields:
        in_schema, out_schema = ArrowSchema(), ArrowSchema()
        field._export_to_c(address(in_schema))
        check(lib, lib.quiver_cdata_roundtrip_schema(in_schema, out_schema))
        got = pa.Field._import_from_c(address(out_schema))
        assert got.equals(normalize_field(field), check_metadata=True), f"{got} != {field}"


def test_unsupported_types_are_rejected_and_released(lib, no_leaks):
    batch = pa.record_batch([pa.array(["x"], pa.large_string())], names=["big"])
    in_array, in_schema = ArrowArray(), ArrowSchema()
    batch._export_to_c(address(in_array), address(in_schema))
    out_array, out_schema = ArrowArray(), ArrowSchema()
    assert lib.quiver_cdata_roundtrip_batch(in_array, in_schema, out_array, out_schema) != 0
    message = lib.quiver_cdata_last_error().decode()
    assert "Not implemented" in message and "'U'" in message, message
    assert not in_array.release and not in_schema.release  # consumed even on error
    assert not out_array.release and not out_schema.release


# ---- Streams -------------------------------------------------------------------------


def test_pyarrow_reads_a_quiver_stream(lib, no_leaks):
    stream = ArrowArrayStream()
    check(lib, lib.quiver_cdata_export_stream(b"many_batches", stream))
    reader = pa.RecordBatchReader._import_from_c(address(stream))
    assert not stream.release
    table = reader.read_all()
    del reader
    expected = many_batches_rows()
    assert table.num_rows == len(expected)
    assert table.column("host").to_pylist() == [row["host"] for row in expected]
    assert table.column("time").cast(pa.int64()).to_pylist() == [row["time"] for row in expected]
    del table


def test_stream_round_trip(lib, no_leaks):
    batches = dictionary_batches()
    source = pa.RecordBatchReader.from_batches(batches[0].schema, batches)
    in_stream, out_stream = ArrowArrayStream(), ArrowArrayStream()
    source._export_to_c(address(in_stream))
    check(lib, lib.quiver_cdata_roundtrip_stream(in_stream, out_stream))
    assert not in_stream.release
    reader = pa.RecordBatchReader._import_from_c(address(out_stream))
    assert reader.schema.equals(normalize_schema(batches[0].schema))
    got = list(reader)
    assert len(got) == len(batches)
    for g, want in zip(got, batches):
        assert g.equals(normalize_batch(want))
    del reader, got, source


def test_stream_errors_surface_in_pyarrow(lib, no_leaks):
    stream = ArrowArrayStream()
    check(lib, lib.quiver_cdata_export_failing_stream(stream))
    reader = pa.RecordBatchReader._import_from_c(address(stream))
    first = reader.read_next_batch()
    assert first.equals(primitives_batch())
    with pytest.raises(OSError, match="boom"):
        reader.read_next_batch()
    del reader, first
