"""Integration-test fixtures.

quiver_server   a running server with a known admin token (DEFAULT_TOKEN) and a fresh data
                dir per test
quiver_factory  makes servers with other options, e.g. quiver_factory(extra_args=[...]),
                quiver_factory(token=None) (generated-token flow),
                quiver_factory(without_auth=True), quiver_factory(env={"QUIVER_...": ...}),
                quiver_factory(start=False) (configure, then .start())

A server (quiver_harness.QuiverServer) has `url`, `token`, `data_dir`, `port`, `headers()`,
`get()`/`post()`, `stop()` (SIGTERM by PID, waits, returns the exit code), `kill9()` and
`restart()` (same data dir and port: crash-recovery tests), `stdout_text()`, `log_text()`.
Every server is stopped after its test; the stderr log (with the HTTP access log) of each
server is attached to the report of a failing test.
"""

from __future__ import annotations

from typing import Optional

import pytest

from quiver_harness import QuiverServer

# Reports of the sanitizer build (scripts/test.sh with QUIVER_PRESET=debug).
SANITIZER_MARKERS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:")

# ---- fixtures ----


@pytest.fixture
def quiver_factory(request, tmp_path):
    servers: list[QuiverServer] = []
    request.node._quiver_servers = servers

    def make(start: bool = True, name: Optional[str] = None, **kwargs) -> QuiverServer:
        server = QuiverServer(tmp_path / (name or f"server{len(servers)}"), **kwargs)
        servers.append(server)
        if start:
            server.start()
        return server

    yield make
    problems = []
    for index, server in enumerate(servers):
        was_running = server.is_running()
        try:
            code = server.stop()
        except Exception as error:  # noqa: BLE001 - teardown must reach every server
            server.kill9()
            problems.append(f"server {index}: {error}")
            continue
        if was_running and code != 0:
            problems.append(f"server {index} exited with {code} after SIGTERM")
        log = server.log_text()
        for marker in SANITIZER_MARKERS:
            if marker in log:
                problems.append(f"server {index} log contains '{marker}'")
    if problems:
        pytest.fail("; ".join(problems) + "\n" + "\n".join(s.log_text() for s in servers))


@pytest.fixture
def quiver_server(quiver_factory) -> QuiverServer:
    return quiver_factory()


# ---- attach server logs to failing tests ----


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        for index, server in enumerate(getattr(item, "_quiver_servers", [])):
            report.sections.append(
                (f"quiver server {index} ({server.url}) stderr", server.log_text() or "(empty)")
            )
            stdout = server.stdout_text()
            if stdout:
                report.sections.append((f"quiver server {index} stdout", stdout))


def pytest_collection_modifyitems(items):
    # A hung server must not hang CI: default per-test timeout (pytest-timeout).
    for item in items:
        if item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(120))
