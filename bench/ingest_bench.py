#!/usr/bin/env python3
"""End-to-end durable ingest: Quiver vs InfluxDB 1.6.7 on the same TSBS cpu-only file.

Both servers run on loopback with their data in a temporary directory. The file is sent
through POST /write (v1 API) in 10,000-line batches over C concurrent connections; each
request is acknowledged only once durable (Quiver: WAL fdatasync; InfluxDB 1.x: its WAL).
Reported per server and connection count: rows/s, server CPU microseconds per row
(utime + stime of the server process, from /proc) and peak RSS (VmHWM). Numbers are
medians of `--repeat` runs, each on a fresh server; the ratio Quiver / InfluxDB is what
to compare (the machine is shared and noisy).

    .venv/bin/python bench/ingest_bench.py --rows 1000000 --connections 1 2 4
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import pathlib
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import requests

ROOT = pathlib.Path(__file__).resolve().parent.parent
BATCH_LINES = 10_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 30.0) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            requests.get(url, timeout=1)
            return
        except requests.RequestException:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


def cpu_seconds(pid: int) -> float:
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


def peak_rss_mib(pid: int) -> float:
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Server:
    name = ""

    def write_url(self) -> str:
        raise NotImplementedError

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


class QuiverServer(Server):
    name = "quiver"

    def __init__(self, binary: str, workdir: pathlib.Path):
        self.port = free_port()
        self.process = subprocess.Popen(
            [binary, "serve", "--data-dir", str(workdir / "quiver"), "--http-bind", f"127.0.0.1:{self.port}",
             "--without-auth", "--log-filter", "warn"],
            stdout=subprocess.DEVNULL, stderr=open(workdir / "quiver.log", "w"))
        wait_http(f"http://127.0.0.1:{self.port}/health")

    def write_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/write?db=benchmark&precision=ns"


class InfluxServer(Server):
    name = "influxdb-1.6.7"

    def __init__(self, workdir: pathlib.Path):
        self.port = free_port()
        rpc = free_port()
        d = workdir / "influx"
        d.mkdir()
        (d / "influxdb.conf").write_text(f"""
reporting-enabled = false
bind-address = "127.0.0.1:{rpc}"
[meta]
  dir = "{d}/meta"
[data]
  dir = "{d}/data"
  wal-dir = "{d}/wal"
  query-log-enabled = false
[monitor]
  store-enabled = false
[http]
  enabled = true
  bind-address = "127.0.0.1:{self.port}"
  log-enabled = false
[ifql]
  enabled = false
[subscriber]
  enabled = false
""")
        self.process = subprocess.Popen(["influxd", "-config", str(d / "influxdb.conf")],
                                        stdout=subprocess.DEVNULL, stderr=open(workdir / "influx.log", "w"))
        wait_http(f"http://127.0.0.1:{self.port}/ping")
        requests.post(f"http://127.0.0.1:{self.port}/query", data={"q": "CREATE DATABASE benchmark"}).raise_for_status()

    def write_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/write?db=benchmark&precision=n"


def load_batches(path: pathlib.Path, rows: int) -> list[bytes]:
    batches, lines = [], []
    with open(path, "rb") as f:
        for line in f:
            lines.append(line)
            if len(lines) == BATCH_LINES:
                batches.append(b"".join(lines))
                lines = []
    if lines:
        batches.append(b"".join(lines))
    return batches


def run_load(server: Server, batches: list[bytes], connections: int) -> float:
    url = server.write_url()
    sessions = [requests.Session() for _ in range(connections)]

    def send(index: int) -> None:
        session = sessions[index % connections]
        for i in range(index, len(batches), connections):
            r = session.post(url, data=batches[i], timeout=300)
            if r.status_code != 204:
                raise RuntimeError(f"{server.name}: HTTP {r.status_code}: {r.text[:200]}")

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(connections) as pool:
        list(pool.map(send, range(connections)))
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--hosts", type=int, default=100)
    parser.add_argument("--connections", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quiver", default=str(ROOT / "build/release/quiver"))
    parser.add_argument("--generator", default=str(ROOT / "build/release/bench/quiver_tsbs_cpu_gen"))
    parser.add_argument("--skip-influx", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="quiver-ingest-") as tmp:
        tmp_path = pathlib.Path(tmp)
        data = tmp_path / "cpu.lp"
        with open(data, "wb") as out:
            subprocess.run([args.generator, str(args.hosts), str(args.rows)], stdout=out, check=True)
        batches = load_batches(data, args.rows)
        size_mb = data.stat().st_size / 1e6
        print(f"data: {args.rows} rows, {args.hosts} hosts, {size_mb:.0f} MB, {len(batches)} batches of "
              f"{BATCH_LINES} lines")
        results = {}
        kinds = ["quiver"] + ([] if args.skip_influx else ["influxdb-1.6.7"])
        for connections in args.connections:
            for kind in kinds:
                runs = []
                for repeat in range(args.repeat):
                    workdir = tmp_path / f"{kind}-{connections}-{repeat}"
                    workdir.mkdir()
                    server = QuiverServer(args.quiver, workdir) if kind == "quiver" else InfluxServer(workdir)
                    try:
                        cpu_before = cpu_seconds(server.process.pid)
                        seconds = run_load(server, batches, connections)
                        cpu = cpu_seconds(server.process.pid) - cpu_before
                        rss = peak_rss_mib(server.process.pid)
                    finally:
                        server.stop()
                        shutil.rmtree(workdir, ignore_errors=True)
                    runs.append((args.rows / seconds, cpu * 1e6 / args.rows, rss))
                rate = statistics.median(r[0] for r in runs)
                cpu_us = statistics.median(r[1] for r in runs)
                rss = max(r[2] for r in runs)
                results[(kind, connections)] = rate
                print(f"{kind:15s} connections={connections}: {rate:12,.0f} rows/s  "
                      f"{cpu_us:6.2f} server CPU-us/row  peak RSS {rss:7.0f} MiB  "
                      f"(runs: {', '.join(f'{r[0]:,.0f}' for r in runs)})", flush=True)
            if not args.skip_influx:
                ratio = results[("quiver", connections)] / results[("influxdb-1.6.7", connections)]
                print(f"  -> Quiver / InfluxDB 1.6.7 at {connections} connection(s): {ratio:.2f}x", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
