"""Parquet interoperability: Quiver's writer and reader against pyarrow and DuckDB.

Both directions go through files on disk and a small test-only program
(``quiver_parquet_tool``, built with the unit tests; see src/parquet/interop/):

* Quiver writes (``quiver_parquet_tool write|convert``) and pyarrow.parquet and DuckDB
  read. The expected rows of the canonical sample are rebuilt independently here
  (``all_types_table``; the C++ twin is src/parquet/interop/parquet_samples.cc).
* pyarrow and DuckDB write files with many encodings and codecs, Quiver reads them
  (``quiver_parquet_tool read`` prints an Arrow IPC stream) and the rows must match what
  pyarrow itself reads.

The tool is found through QUIVER_PARQUET_TOOL, else next to QUIVER_BINARY, else in
build/release. No server is started.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

ROOT = Path(__file__).resolve().parents[2]
TAG = pa.dictionary(pa.int32(), pa.string())
BASE_TIME = 1_700_000_000_000_000_000


def _tool_path() -> Path:
    if os.environ.get("QUIVER_PARQUET_TOOL"):
        return Path(os.environ["QUIVER_PARQUET_TOOL"])
    if os.environ.get("QUIVER_BINARY"):
        return Path(os.environ["QUIVER_BINARY"]).parent / "quiver_parquet_tool"
    return ROOT / "build" / "release" / "quiver_parquet_tool"


TOOL = _tool_path()


class ToolError(Exception):
    pass


def run_tool(*args: str, data: bytes = b"") -> bytes:
    assert TOOL.exists(), f"{TOOL} not built (it is built with the unit tests)"
    result = subprocess.run([str(TOOL), *map(str, args)], input=data, capture_output=True, timeout=300)
    if result.returncode != 0:
        raise ToolError(result.stderr.decode(errors="replace"))
    return result.stdout


def quiver_read(path, *args) -> pa.Table:
    """Quiver reads the file; the rows come back as an Arrow IPC stream."""
    reader = pa.ipc.open_stream(run_tool("read", path, *args))
    return reader.read_all()


def quiver_meta(path, *args) -> dict:
    return json.loads(run_tool("meta", path, *args))


def quiver_convert(table: pa.Table, out, *args) -> None:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    run_tool("convert", out, *args, data=sink.getvalue().to_pybytes())


# ---- the canonical sample (twin of parquet_samples.cc AllTypesBatch) --------------------


def role(kind: str) -> dict:
    return {b"iox::column::type": kind.encode()}


def all_types_table(rows: int) -> pa.Table:
    r = range(rows)
    columns = {
        "host": pa.array([None if i % 37 == 5 else f"host-{i // 100 % 7}" for i in r]).dictionary_encode(),
        "region": pa.array([f"r{i % 3}" for i in r]).dictionary_encode(),
        "f64": pa.array([None if i % 11 == 0 else i * 0.25 - 100 for i in r], pa.float64()),
        "i64": pa.array([None if i % 13 == 0 else (i * i) % 1000 - 500 for i in r], pa.int64()),
        "u64": pa.array([None if i % 17 == 0 else (i if i % 2 == 0 else 2**64 - 1 - i) for i in r], pa.uint64()),
        "b": pa.array([None if i % 19 == 0 else i % 3 == 0 for i in r], pa.bool_()),
        "s": pa.array([None if i % 23 == 0 else f"str-{i % 50}" for i in r], pa.string()),
        "u": pa.array([f"unique-{i}-" + "x" * (i % 5) for i in r], pa.string()),
        "time": pa.array([BASE_TIME + i * 1_000_000_000 for i in r], pa.timestamp("ns")),
    }
    schema = pa.schema(
        [
            pa.field("host", TAG, metadata=role("iox::column_type::tag")),
            pa.field("region", TAG, nullable=False, metadata=role("iox::column_type::tag")),
            pa.field("f64", pa.float64(), metadata=role("iox::column_type::field::float")),
            pa.field("i64", pa.int64(), metadata=role("iox::column_type::field::integer")),
            pa.field("u64", pa.uint64(), metadata=role("iox::column_type::field::uinteger")),
            pa.field("b", pa.bool_(), metadata=role("iox::column_type::field::boolean")),
            pa.field("s", pa.string(), metadata=role("iox::column_type::field::string")),
            pa.field("u", pa.string(), metadata=role("iox::column_type::field::string")),
            pa.field("time", pa.timestamp("ns"), nullable=False, metadata=role("iox::column_type::timestamp")),
        ],
        metadata={"iox::measurement::name": "cpu"},
    )
    return pa.table(columns).cast(schema)


def plain_rows(table: pa.Table) -> dict:
    """Column -> Python values with dictionaries decoded (for comparisons across types)."""
    out = {}
    for name in table.column_names:
        column = table.column(name)
        if pa.types.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        if pa.types.is_timestamp(column.type):
            column = column.cast(pa.timestamp("ns", column.type.tz)).cast(pa.int64())
        out[name] = column.to_pylist()
    return out


def assert_tables_equal(got: pa.Table, want: pa.Table, check_types: bool = True):
    assert got.num_rows == want.num_rows
    assert got.column_names == want.column_names
    if check_types:
        for field in want.schema:
            if field.name == "ts_s":
                # pyarrow reads timestamp[s] back as the stored milliseconds; Quiver restores
                # the unit the Arrow schema names.
                assert got.schema.field(field.name).type == pa.timestamp("s")
                continue
            assert got.schema.field(field.name).type == field.type, field.name
    g, w = plain_rows(got), plain_rows(want)
    for name in want.column_names:
        assert g[name] == w[name], name


ROWS = 4321

# Writer variants: every file must be read by pyarrow and DuckDB with the same rows.
WRITE_VARIANTS = {
    "default": [],
    "snappy": ["--compression=snappy"],
    "gzip": ["--compression=gzip"],
    "lz4": ["--compression=lz4"],
    "uncompressed": ["--compression=none"],
    "zstd_level9": ["--level=9"],
    "v2_pages": ["--v2"],
    "plain": ["--float=plain", "--int=plain", "--no-dict-strings", "--encoding=b:plain"],
    "dlba_strings": ["--no-dict-strings", "--strings=dlba"],
    "dba_strings": ["--no-dict-strings", "--strings=dba", "--encoding=host:plain"],
    "checksums": ["--checksums"],
    "no_page_index": ["--no-page-index", "--no-stats"],
    "big_groups": ["--row-group-rows=100000", "--page-rows=20000"],
    "nibble_delta": ["--delta-granularity=4", "--delta-block=256,8"],
}


@pytest.fixture(scope="module")
def quiver_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("quiver_written")
    files = {}
    for name, args in WRITE_VARIANTS.items():
        path = folder / f"{name}.parquet"
        run_tool("write", path, f"--rows={ROWS}", *args)
        files[name] = path
    return files


# ---- Quiver writes, pyarrow and DuckDB read ------------------------------------------------


@pytest.mark.parametrize("variant", list(WRITE_VARIANTS))
def test_pyarrow_reads_quiver_files(quiver_files, variant):
    table = pq.read_table(quiver_files[variant])
    expected = all_types_table(ROWS)
    assert_tables_equal(table, expected)
    # Arrow schema restored: tags as dictionaries, exact types, field and schema metadata.
    assert table.schema.field("host").type == TAG
    assert table.schema.field("u64").type == pa.uint64()
    assert table.schema.field("time").type == pa.timestamp("ns")
    assert not table.schema.field("time").nullable
    assert table.schema.field("host").metadata == role("iox::column_type::tag")
    assert table.schema.metadata[b"iox::measurement::name"] == b"cpu"


@pytest.mark.parametrize("variant", list(WRITE_VARIANTS))
def test_duckdb_reads_quiver_files(quiver_files, variant):
    got = duckdb.sql(f"SELECT * FROM '{quiver_files[variant]}'").arrow()
    expected = all_types_table(ROWS)
    assert_tables_equal(got, expected, check_types=False)
    types = {f.name: f.type for f in got.schema}
    assert types["host"] == pa.string()  # tags are plain strings in DuckDB
    assert types["u64"] == pa.uint64()
    assert types["time"] == pa.timestamp("ns")
    # DuckDB's own filters over statistics agree with a full scan.
    count = duckdb.sql(
        f"SELECT count(*) FROM '{quiver_files[variant]}' WHERE host = 'host-3' AND time >= make_timestamp(0) "
    ).fetchone()[0]
    assert count == sum(1 for h in expected.column("host").to_pylist() if h == "host-3")


def test_pyarrow_sees_statistics_page_index_and_sorting_columns(quiver_files):
    pf = pq.ParquetFile(quiver_files["default"])
    md = pf.metadata
    assert md.num_row_groups == 5
    assert md.created_by.startswith("Quiver version")
    expected = all_types_table(ROWS).slice(0, 1000)
    rg = md.row_group(0)
    assert rg.num_rows == 1000
    by_name = {rg.column(i).path_in_schema: rg.column(i) for i in range(rg.num_columns)}
    for name, column in by_name.items():
        stats = column.statistics
        assert stats is not None and stats.has_null_count, name
        assert column.has_column_index and column.has_offset_index, name
        values = [v for v in plain_rows(expected)[name] if v is not None]
        assert stats.null_count == 1000 - len(values), name
        assert stats.has_min_max, name
        if name == "time":
            assert stats.min.value == min(values) and stats.max.value == max(values)
        else:
            assert stats.min == min(values), name
            assert stats.max == max(values), name
    # Unsigned order for UInt64, byte-wise for strings.
    assert by_name["u64"].statistics.max == 2**64 - 2
    assert by_name["u"].statistics.max == "unique-999-xxxx"
    assert by_name["host"].encodings == ("PLAIN", "RLE", "RLE_DICTIONARY")
    assert by_name["time"].encodings == ("RLE", "DELTA_BINARY_PACKED")
    assert by_name["f64"].encodings == ("RLE", "BYTE_STREAM_SPLIT")
    assert by_name["time"].compression == "ZSTD"
    assert rg.sorting_columns == (pq.SortingColumn(8),)
    # The logical types pyarrow sees.
    schema = pf.schema
    assert str(schema.column(8).logical_type) == "Timestamp(isAdjustedToUTC=false, timeUnit=nanoseconds, is_from_converted_type=false, force_set_converted_type=false)"
    assert str(schema.column(4).logical_type) == "Int(bitWidth=64, isSigned=false)"
    assert str(schema.column(0).logical_type) == "String"


def test_pyarrow_reads_row_groups_and_columns_separately(quiver_files):
    pf = pq.ParquetFile(quiver_files["v2_pages"])
    expected = all_types_table(ROWS)
    offset = 0
    for g in range(pf.num_row_groups):
        part = pf.read_row_group(g, columns=["time", "host"])
        want = expected.slice(offset, part.num_rows).select(["time", "host"])
        assert_tables_equal(part, want)
        offset += part.num_rows
    assert offset == ROWS


def test_quiver_reads_its_own_files_back(quiver_files):
    for name, path in quiver_files.items():
        got = quiver_read(path)
        assert_tables_equal(got, all_types_table(ROWS))
        assert got.schema.field("host").metadata == role("iox::column_type::tag"), name


def test_pyarrow_and_duckdb_read_converted_tsbs_like_data(tmp_path):
    # pyarrow builds a table, Quiver sorts it by (tags, time) and writes it.
    hosts, points = 30, 400
    rows = [(h, p) for p in range(points) for h in range(hosts)]  # time-major, as ingested
    table = pa.table(
        {
            "hostname": pa.array([f"host_{h}" for h, _ in rows]).dictionary_encode(),
            "region": pa.array([["eu-west-1", "us-east-1", "ap-south-1"][h % 3] for h, _ in rows]).dictionary_encode(),
            "usage_user": pa.array([(h * 31 + p * 7) % 100 for h, p in rows], pa.int64()),
            "usage_idle": pa.array([((h + p) % 100) * 0.5 for h, p in rows], pa.float64()),
            "time": pa.array([BASE_TIME + p * 10_000_000_000 for _, p in rows], pa.timestamp("ns")),
        }
    )
    out = tmp_path / "tsbs.parquet"
    quiver_convert(table, out, "--sort=hostname,region,time", "--sorting-columns=hostname,region,time", "--page-rows=500")
    want = (
        table.to_pandas()
        .astype({"hostname": str, "region": str})
        .sort_values(["hostname", "region", "time"], kind="stable")
        .reset_index(drop=True)
    )
    got = pq.read_table(out)
    assert got.schema.field("hostname").type == pa.dictionary(pa.int32(), pa.string())
    assert got.to_pandas().astype({"hostname": str, "region": str}).equals(want.astype({"hostname": str, "region": str}))
    rg = pq.ParquetFile(out).metadata.row_group(0)
    assert [s.column_index for s in rg.sorting_columns] == [0, 1, 4]
    duck = duckdb.sql(f"SELECT * FROM '{out}'").df()
    assert duck.equals(want.astype({"hostname": str, "region": str}))


# ---- pruning ---------------------------------------------------------------------------------


def test_time_range_read_decodes_only_overlapping_pages(tmp_path):
    path = tmp_path / "series.parquet"
    # 20 hosts x 500 points, sorted by (host, time), 1,000-row groups, 100-row pages.
    run_tool("write", path, "--sample=series", "--rows=10000", "--hosts=20")
    t0 = BASE_TIME + 100 * 10_000_000_000
    t1 = BASE_TIME + 149 * 10_000_000_000
    full = quiver_meta(path)
    assert all(c["has_column_index"] for g in full["row_groups"] for c in g["columns"])
    meta = quiver_meta(path, f"--time-min={t0}", f"--time-max={t1}")
    scan = meta["scan"]
    # Each host's 50 matching points lie in one 100-row page per column: 20 pages x 5 columns.
    assert scan["rows"] == 20 * 100
    assert scan["pages_decoded"] == 20 * 5
    assert scan["pages_skipped"] == 100 * 5 - 20 * 5
    got = quiver_read(path, f"--time-min={t0}", f"--time-max={t1}")
    times = got.column("time").cast(pa.int64()).to_pylist()
    assert got.num_rows == 2000
    matching = [t for t in times if t0 <= t <= t1]
    assert len(matching) == 20 * 50  # every match is there (pages also hold neighbours)
    # The rows of every column line up with the time column.
    everything = pq.read_table(path)
    mask = [t0 <= t <= t1 for t in everything.column("time").cast(pa.int64()).to_pylist()]
    want = everything.filter(pa.array(mask))
    got_filtered = got.filter(pa.array([t0 <= t <= t1 for t in times]))
    assert_tables_equal(got_filtered, want)


def test_tag_equality_prunes_row_groups_and_pages(tmp_path):
    path = tmp_path / "series.parquet"
    run_tool("write", path, "--sample=series", "--rows=10000", "--hosts=20")
    meta = quiver_meta(path, "--tag=host=host_0007|host_0012")
    scan = meta["scan"]
    assert [g["row_group"] for g in scan["row_groups"]] == [3, 6]  # 2 hosts per 1,000-row group
    assert scan["rows"] == 1000
    got = quiver_read(path, "--tag=host=host_0007|host_0012", "--columns=host,time")
    hosts = got.column("host").cast(pa.string()).to_pylist()
    assert sorted(set(hosts)) == ["host_0007", "host_0012"]
    assert got.num_rows == 1000
    nothing = quiver_meta(path, "--tag=host=nope")
    assert nothing["scan"]["rows"] == 0 and nothing["scan"]["pages_decoded"] == 0


# ---- pyarrow and DuckDB write, Quiver reads ------------------------------------------------


def pyarrow_sample(rows: int = 3000) -> pa.Table:
    base = all_types_table(rows)
    extra = {
        "i32": pa.array([None if i % 7 == 0 else i * 1000 - 1_000_000 for i in range(rows)], pa.int32()),
        "i8": pa.array([i % 256 - 128 for i in range(rows)], pa.int8()),
        "u32": pa.array([4_000_000_000 + i for i in range(rows)], pa.uint32()),
        "f32": pa.array([i / 3 for i in range(rows)], pa.float32()),
        "d": pa.array([19_000 + i for i in range(rows)], pa.date32()),
        "ts_us_utc": pa.array([1_700_000_000_000_000 + i for i in range(rows)], pa.timestamp("us", tz="UTC")),
        "ts_ms": pa.array([1_700_000_000_000 + i for i in range(rows)], pa.timestamp("ms")),
        "ts_s": pa.array([1_700_000_000 + i for i in range(rows)], pa.timestamp("s")),
        "bin": pa.array([bytes([i % 256, 0, 255]) for i in range(rows)], pa.binary()),
    }
    for name, column in extra.items():
        base = base.append_column(name, column)
    return base


PYARROW_VARIANTS = {
    "default": {},
    "snappy_v1": {"compression": "snappy", "data_page_version": "1.0"},
    "zstd_v2": {"compression": "zstd", "data_page_version": "2.0"},
    "gzip": {"compression": "gzip"},
    "lz4": {"compression": "lz4"},
    "brotli_none": {"compression": "none"},
    "no_dictionary": {"use_dictionary": False},
    "small_pages": {"data_page_size": 512, "write_batch_size": 64, "dictionary_pagesize_limit": 256},
    "delta_encodings": {
        "use_dictionary": ["host", "region"],
        "column_encoding": {
            "i64": "DELTA_BINARY_PACKED",
            "i32": "DELTA_BINARY_PACKED",
            "u64": "DELTA_BINARY_PACKED",
            "time": "DELTA_BINARY_PACKED",
            "s": "DELTA_LENGTH_BYTE_ARRAY",
            "u": "DELTA_BYTE_ARRAY",
            "bin": "DELTA_BYTE_ARRAY",
            "f64": "BYTE_STREAM_SPLIT",
            "f32": "BYTE_STREAM_SPLIT",
            "b": "RLE",
        },
        "data_page_version": "2.0",
    },
    "page_index_stats": {"write_page_index": True, "write_statistics": True, "row_group_size": 700},
    "format_1_0": {"version": "1.0", "coerce_timestamps": "us", "allow_truncated_timestamps": True},
    "int96": {"use_deprecated_int96_timestamps": True},
    "checksums": {"write_page_checksum": True},
}


@pytest.mark.parametrize("variant", list(PYARROW_VARIANTS))
def test_quiver_reads_pyarrow_files(tmp_path, variant):
    table = pyarrow_sample()
    path = tmp_path / f"{variant}.parquet"
    pq.write_table(table, path, **PYARROW_VARIANTS[variant])
    expected = pq.read_table(path)  # what pyarrow itself makes of the file
    got = quiver_read(path)
    # Coerced timestamps (format 1.0, INT96): pyarrow returns the stored unit, Quiver the
    # unit the embedded Arrow schema names; the instants are the same.
    assert_tables_equal(got, expected, check_types=variant not in ("format_1_0", "int96"))
    if variant in ("format_1_0", "int96"):
        assert got.schema.field("time").type == pa.timestamp("ns")
        assert got.schema.field("ts_us_utc").type == pa.timestamp("us", tz="UTC")
    assert got.schema.field("host").type == TAG
    assert got.schema.metadata[b"iox::measurement::name"] == b"cpu"


def test_quiver_reads_pyarrow_files_without_arrow_schema(tmp_path):
    table = pyarrow_sample(500).drop_columns(["ts_s"])
    path = tmp_path / "no_arrow_schema.parquet"
    pq.write_table(table, path, store_schema=False)
    got = quiver_read(path, "--dictionary=host,region")
    expected = pq.read_table(path)
    assert got.schema.field("host").type == TAG
    assert got.schema.field("u64").type == pa.uint64()
    assert got.schema.field("time").type == pa.timestamp("ns")
    assert got.schema.field("ts_us_utc").type == pa.timestamp("us", tz="UTC")
    assert_tables_equal(got, expected, check_types=False)


def test_quiver_reads_projections_and_row_groups(tmp_path):
    table = pyarrow_sample(2000)
    path = tmp_path / "groups.parquet"
    pq.write_table(table, path, row_group_size=300)
    got = quiver_read(path, "--columns=time,host,u")
    assert got.column_names == ["time", "host", "u"]
    assert_tables_equal(got, pq.read_table(path, columns=["time", "host", "u"]))


DUCKDB_VARIANTS = {
    "zstd": "COMPRESSION zstd",
    "snappy": "COMPRESSION snappy",
    "uncompressed": "COMPRESSION uncompressed",
    "gzip": "COMPRESSION gzip",
    "small_groups": "COMPRESSION zstd, ROW_GROUP_SIZE 1000",
}


@pytest.mark.parametrize("variant", list(DUCKDB_VARIANTS))
def test_quiver_reads_duckdb_files(tmp_path, variant):
    path = tmp_path / f"duck_{variant}.parquet"
    duckdb.sql(
        f"""
        COPY (
          SELECT 'host_' || (i % 17)::VARCHAR AS hostname,
                 CASE WHEN i % 5 = 0 THEN NULL ELSE 'note ' || i::VARCHAR END AS note,
                 i * 0.5::DOUBLE AS usage,
                 (i * 0.25)::DECIMAL(10, 2) AS price,
                 (i * 7919) % 1000 - 500 AS delta,
                 (i % 3 = 0) AS flag,
                 CAST(i AS UBIGINT) * 1000000007 AS big,
                 make_timestamp(1700000000000000 + i * 10000000)::TIMESTAMP_NS AS time,
                 make_timestamp(1700000000000000 + i) AS time_us,
                 i::INTEGER AS small
          FROM range(5000) t(i)
          ORDER BY hostname, time
        ) TO '{path}' (FORMAT PARQUET, {DUCKDB_VARIANTS[variant]})
        """
    )
    expected = duckdb.sql(f"SELECT * EXCLUDE (price) FROM '{path}'").arrow()
    columns = ",".join(expected.column_names)
    got = quiver_read(path, f"--columns={columns}")
    assert_tables_equal(got, expected, check_types=False)
    # DECIMAL is not supported: the column is in the schema, reading it fails clearly.
    with pytest.raises(ToolError, match="DECIMAL"):
        quiver_read(path, "--columns=price")
    assert got.schema.field("time").type == pa.timestamp("ns")
    assert got.schema.field("big").type == pa.uint64()
    assert got.schema.field("hostname").type == pa.string()
    # Without an Arrow schema, tags can still be requested as dictionaries.
    tags = quiver_read(path, "--dictionary=hostname", "--columns=hostname")
    assert tags.schema.field("hostname").type == TAG
    assert tags.column("hostname").cast(pa.string()).to_pylist() == expected.column("hostname").to_pylist()


def test_quiver_rejects_corrupt_files_with_the_file_name(tmp_path):
    path = tmp_path / "broken.parquet"
    run_tool("write", path, "--rows=500")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ToolError) as error:
        quiver_read(path)
    assert "Corruption" in str(error.value) and "broken.parquet" in str(error.value)
