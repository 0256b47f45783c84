#!/usr/bin/env python3
"""TSBS devops query types in SQL: Quiver vs DuckDB on the same rows (issue 4 item 7,
performance-anchors.md B3).

Generates TSBS cpu-only data once (quiver_tsbs_cpu_gen, seed 123), loads it into an
in-memory Quiver (quiver_query_bench: line protocol through the normal write path, rows in
the write buffer) and into DuckDB (from CSV of the same rows, 2 threads), builds N
instances of each query type with fixed random parameters (seed 123) in both dialects
(InfluxDB 3 SQL for Quiver; for DuckDB date_bin -> time_bucket and
last_value(x ORDER BY t) -> arg_max(x, t)), runs each instance `--repeat` times after a
warm-up, and reports per type the median over instances of the per-instance median, and
the ratio Quiver / DuckDB (< 1 means Quiver is faster). DuckDB is timed engine-side by
wrapping the query in CREATE TEMP TABLE ... AS (client conversion excluded); Quiver's
time includes pulling every result batch (no serialisation).

    .venv/bin/python bench/tsbs_query_bench.py --hosts 4000 --hours 24      # D1
    .venv/bin/python bench/tsbs_query_bench.py --hosts 100 --hours 24       # D0, quick
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import pathlib
import random
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
START = dt.datetime(2016, 1, 1, tzinfo=dt.timezone.utc)
FIELDS = ["usage_user", "usage_system", "usage_idle", "usage_nice", "usage_iowait", "usage_irq",
          "usage_softirq", "usage_steal", "usage_guest", "usage_guest_nice"]
TAGS = ["region", "datacenter", "rack", "os", "arch", "team", "service", "service_version",
        "service_environment"]


def literal(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def duck_literal(t: dt.datetime) -> str:
    return "TIMESTAMP '" + t.strftime("%Y-%m-%d %H:%M:%S") + "'"


class QueryGenerator:
    """TSBS's parameter rules: windows placed uniformly (to the second) inside the data,
    hosts drawn without replacement, the first M metrics."""

    def __init__(self, hosts: int, hours: int, seed: int = 123):
        self.rng = random.Random(seed)
        self.hosts = hosts
        self.end = START + dt.timedelta(hours=hours)

    def window(self, length: dt.timedelta):
        span = (self.end - START - length).total_seconds()
        offset = self.rng.randrange(int(max(span, 1)))
        start = START + dt.timedelta(seconds=offset)
        return start, start + length

    def host_list(self, n):
        return [f"host_{h}" for h in self.rng.sample(range(self.hosts), n)]

    def make(self, kind: str):
        """(quiver_sql, duckdb_sql) for one instance of `kind`."""
        if kind.startswith("single-groupby"):
            _, _, metrics, nhosts, hours = kind.split("-")
            return self.bucketed(int(metrics), int(nhosts), dt.timedelta(hours=int(hours)), "1 minute", "minute")
        if kind.startswith("cpu-max-all"):
            return self.bucketed(10, int(kind.split("-")[-1]), dt.timedelta(hours=8), "1 hour", "hour")
        if kind.startswith("double-groupby"):
            metrics = 10 if kind.endswith("all") else int(kind.split("-")[-1])
            start, end = self.window(dt.timedelta(hours=12))
            cols = FIELDS[:metrics]
            aggs = ", ".join(f"avg({c}) AS avg_{c}" for c in cols)
            where = lambda lit: f"time >= {lit(start)} AND time < {lit(end)}"
            q = (f"SELECT date_bin(INTERVAL '1 hour', time) AS hour, hostname, {aggs} FROM cpu "
                 f"WHERE {where(lambda t: repr(literal(t)))} GROUP BY 1, hostname ORDER BY 1 ASC, hostname ASC")
            d = (f"SELECT time_bucket(INTERVAL '1 hour', time) AS hour, hostname, {aggs} FROM cpu "
                 f"WHERE {where(duck_literal)} GROUP BY 1, hostname ORDER BY 1 ASC, hostname ASC")
            return q, d
        if kind.startswith("high-cpu"):
            start, end = self.window(dt.timedelta(hours=12))
            host = "" if kind.endswith("all") else f" AND hostname IN ('{self.host_list(1)[0]}')"
            q = (f"SELECT * FROM cpu WHERE usage_user > 90.0 AND time >= '{literal(start)}' AND time < "
                 f"'{literal(end)}'{host} ORDER BY time ASC, hostname ASC")
            d = (f"SELECT * FROM cpu WHERE usage_user > 90.0 AND time >= {duck_literal(start)} AND time < "
                 f"{duck_literal(end)}{host} ORDER BY time ASC, hostname ASC")
            return q, d
        if kind == "lastpoint":
            cols = TAGS + FIELDS
            q = ("SELECT hostname, last_value(time ORDER BY time) AS time, " +
                 ", ".join(f"last_value({c} ORDER BY time) AS {c}" for c in cols) +
                 " FROM cpu GROUP BY hostname ORDER BY hostname ASC")
            d = ("SELECT hostname, max(time) AS time, " + ", ".join(f"arg_max({c}, time) AS {c}" for c in cols) +
                 " FROM cpu GROUP BY hostname ORDER BY hostname ASC")
            return q, d
        if kind == "groupby-orderby-limit":
            _, end = self.window(dt.timedelta(hours=1))
            q = (f"SELECT date_bin(INTERVAL '1 minute', time) AS minute, max(usage_user) AS max_usage_user FROM cpu "
                 f"WHERE time < '{literal(end)}' GROUP BY 1 ORDER BY 1 DESC LIMIT 5")
            d = (f"SELECT time_bucket(INTERVAL '1 minute', time) AS minute, max(usage_user) AS max_usage_user "
                 f"FROM cpu WHERE time < {duck_literal(end)} GROUP BY 1 ORDER BY 1 DESC LIMIT 5")
            return q, d
        raise ValueError(kind)

    def bucketed(self, metrics, nhosts, length, interval, alias):
        start, end = self.window(length)
        hosts = ", ".join(f"'{h}'" for h in self.host_list(nhosts))
        aggs = ", ".join(f"max({c}) AS max_{c}" for c in FIELDS[:metrics])
        q = (f"SELECT date_bin(INTERVAL '{interval}', time) AS {alias}, {aggs} FROM cpu WHERE hostname IN ({hosts}) "
             f"AND time >= '{literal(start)}' AND time < '{literal(end)}' GROUP BY 1 ORDER BY 1 ASC")
        d = (f"SELECT time_bucket(INTERVAL '{interval}', time) AS {alias}, {aggs} FROM cpu WHERE hostname IN ({hosts}) "
             f"AND time >= {duck_literal(start)} AND time < {duck_literal(end)} GROUP BY 1 ORDER BY 1 ASC")
        return q, d


KINDS = ["single-groupby-1-1-1", "single-groupby-1-1-12", "single-groupby-1-8-1", "single-groupby-5-1-1",
         "single-groupby-5-1-12", "single-groupby-5-8-1", "cpu-max-all-1", "cpu-max-all-8", "double-groupby-1",
         "double-groupby-5", "double-groupby-all", "high-cpu-1", "high-cpu-all", "lastpoint",
         "groupby-orderby-limit"]


def run_duckdb(csv: pathlib.Path, queries: list[str], repeat: int, threads: int):
    import duckdb

    con = duckdb.connect()
    con.execute(f"SET threads TO {threads}")
    started = time.perf_counter()
    columns = ", ".join([f"{t} VARCHAR" for t in ["hostname"] + TAGS] + [f"{f} BIGINT" for f in FIELDS])
    con.execute(f"CREATE TABLE raw AS SELECT * FROM read_csv('{csv}', header=true, "
                f"columns={{'hostname': 'VARCHAR', " + ", ".join(f"'{t}': 'VARCHAR'" for t in TAGS) + ", " +
                ", ".join(f"'{f}': 'BIGINT'" for f in FIELDS) + ", 'time': 'BIGINT'})")
    con.execute("CREATE TABLE cpu AS SELECT * EXCLUDE (time), make_timestamp(time // 1000) AS time FROM raw")
    con.execute("DROP TABLE raw")
    print(f"duckdb: loaded in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    results = []
    for i, q in enumerate(queries):
        times = []
        rows = 0
        for r in range(repeat + 1):
            con.execute("DROP TABLE IF EXISTS result")
            t0 = time.perf_counter()
            con.execute(f"CREATE TEMP TABLE result AS {q}")
            elapsed = (time.perf_counter() - t0) * 1000
            if r > 0:
                times.append(elapsed)
        rows = con.execute("SELECT count(*) FROM result").fetchone()[0]
        times.sort()
        results.append({"query": i, "rows": rows, "median_ms": times[len(times) // 2], "min_ms": times[0]})
    return results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hosts", type=int, default=100)
    parser.add_argument("--hours", type=int, default=24)
    parser.add_argument("--instances", type=int, default=5, help="query instances per type")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--build", default=str(ROOT / "build/release"))
    parser.add_argument("--kinds", nargs="*", default=KINDS)
    parser.add_argument("--workdir", default=None, help="keep generated data here (reused if present)")
    args = parser.parse_args()

    rows = args.hosts * args.hours * 360
    tmp = tempfile.TemporaryDirectory(prefix="quiver-tsbs-") if args.workdir is None else None
    work = pathlib.Path(args.workdir or tmp.name)
    work.mkdir(parents=True, exist_ok=True)
    gen = pathlib.Path(args.build) / "bench/quiver_tsbs_cpu_gen"
    lp = work / f"cpu-{args.hosts}-{args.hours}.lp"
    csv = work / f"cpu-{args.hosts}-{args.hours}.csv"
    if not lp.exists():
        with open(lp, "wb") as out:
            subprocess.run([str(gen), str(args.hosts), str(rows)], stdout=out, check=True)
    if not csv.exists():
        with open(csv, "wb") as out:
            subprocess.run([str(gen), str(args.hosts), str(rows), "--csv"], stdout=out, check=True)

    generator = QueryGenerator(args.hosts, args.hours)
    instances = [(kind, *generator.make(kind)) for kind in args.kinds for _ in range(args.instances)]
    query_file = work / "quiver_queries.sql"
    query_file.write_text("\n".join(q for _, q, _ in instances) + "\n")

    print(f"data: {args.hosts} hosts x {args.hours} h = {rows:,} rows; {args.instances} instances per type, "
          f"{args.repeat} timed runs each", flush=True)
    proc = subprocess.run([str(pathlib.Path(args.build) / "bench/quiver_query_bench"), str(lp), str(query_file),
                           str(args.repeat)], capture_output=True, text=True)
    print(proc.stderr.strip(), file=sys.stderr)
    if proc.returncode != 0:
        return 1
    quiver = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    duck = run_duckdb(csv, [d for _, _, d in instances], args.repeat, args.threads)

    print(f"{'query type':24s} {'quiver ms':>10s} {'duckdb ms':>10s} {'ratio':>7s}  rows (quiver/duckdb)")
    ratios = []
    for kind in args.kinds:
        idx = [i for i, inst in enumerate(instances) if inst[0] == kind]
        q_ms = statistics.median(quiver[i]["median_ms"] for i in idx)
        d_ms = statistics.median(duck[i]["median_ms"] for i in idx)
        ratio = q_ms / d_ms
        ratios.append(ratio)
        q_rows = statistics.median(quiver[i]["rows"] for i in idx)
        d_rows = statistics.median(duck[i]["rows"] for i in idx)
        flag = "" if q_rows == d_rows else "  ROW COUNT MISMATCH"
        print(f"{kind:24s} {q_ms:10.2f} {d_ms:10.2f} {ratio:7.2f}  {q_rows:g}/{d_rows:g}{flag}", flush=True)
    geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
    print(f"geometric mean of ratios: {geo:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
