"""The server skeleton end to end: health, ping, auth, limits, encodings, lifecycle, flags.

Routes that take bodies (writes) come later; until then POST /ping (public, ignores its
body) carries the request-body checks, which run before any handler.
"""

import base64
import gzip
import hashlib
import http.client
import os
import re
import signal
import socket
import stat
import subprocess
import time
import uuid

import pytest
import requests

from quiver_harness import DEFAULT_TOKEN, free_port, quiver_binary

UNAUTHENTICATED = '{"error": "the request was not authenticated"}'
MALFORMED = (
    '{"error": "Authorization header was malformed, the request was not in the form of '
    "'Authorization: <auth-scheme> <token>', supported auth-schemes are Bearer, Token and Basic\"}"
)
PROTECTED_PATHS = ["/api/v3/query_sql", "/api/v3/write_lp", "/write", "/query", "/no/such/path"]
ALL_FLAGS = [
    "--http-bind",
    "--data-dir",
    "--node-id",
    "--object-store",
    "--log-filter",
    "--max-http-request-size",
    "--http-threads",
    "--worker-threads",
    "--admin-token",
    "--without-auth",
]


def binary_version() -> str:
    out = subprocess.run([quiver_binary(), "--version"], capture_output=True, text=True, check=True)
    match = re.match(r"quiver (\S+) \(revision (\S+)\)", out.stdout.strip())
    assert match, out.stdout
    return match.group(1)


# ---- health and ping ----


@pytest.mark.parametrize("path", ["/health", "/api/v1/health"])
def test_health_is_public(quiver_server, path):
    response = quiver_server.get(path)
    assert response.status_code == 200
    assert response.text == "OK"
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_ping_json_and_headers(quiver_server, method):
    response = requests.request(method, quiver_server.url + "/ping", timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"product_name", "version", "revision", "process_id"}
    assert body["product_name"] == "Quiver"
    assert body["version"] == binary_version()
    assert body["revision"]
    uuid.UUID(body["process_id"])
    assert response.headers["X-Influxdb-Version"] == body["version"]
    assert response.headers["X-Influxdb-Build"] == "Quiver"
    request_id = uuid.UUID(response.headers["Request-Id"])
    assert request_id.version == 7
    assert response.headers["X-Request-Id"] == response.headers["Request-Id"]


def test_ping_process_id_is_stable_and_request_ids_differ(quiver_server):
    first = quiver_server.get("/ping")
    second = quiver_server.get("/ping")
    assert first.json()["process_id"] == second.json()["process_id"]
    assert first.headers["Request-Id"] != second.headers["Request-Id"]


def test_head_ping_is_204_with_version_headers(quiver_server):
    response = requests.head(quiver_server.url + "/ping", timeout=10)
    assert response.status_code == 204
    assert response.content == b""
    assert response.headers["X-Influxdb-Version"] == binary_version()
    assert response.headers["X-Influxdb-Build"] == "Quiver"


def test_influxdb_v2_client_ping(quiver_server):
    # (The 1.x `influxdb` package's ping() insists on 204, which InfluxDB 3 Core does not
    # send either; HEAD /ping above serves clients that only read the headers.)
    from influxdb_client import InfluxDBClient

    with InfluxDBClient(url=quiver_server.url, token=quiver_server.token, org="-") as client:
        assert client.ping() is True
        assert client.version() == binary_version()


# ---- routing and auth ----


def test_unknown_path_is_404_when_authenticated(quiver_server):
    response = quiver_server.get("/no/such/path", headers=quiver_server.headers())
    assert response.status_code == 404
    assert response.text == "Not found"
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize("path", PROTECTED_PATHS)
def test_protected_routes_need_the_token(quiver_server, path):
    missing = quiver_server.post(path, data=b"cpu v=1")
    assert missing.status_code == 401
    assert missing.text == UNAUTHENTICATED
    wrong = quiver_server.post(path, data=b"cpu v=1", headers={"Authorization": "Bearer apiv3_nope"})
    assert wrong.status_code == 401
    assert wrong.text == UNAUTHENTICATED


def basic(credentials: str) -> str:
    return "Basic " + base64.b64encode(credentials.encode()).decode()


@pytest.mark.parametrize(
    "authorization",
    [
        f"Bearer {DEFAULT_TOKEN}",
        f"Token {DEFAULT_TOKEN}",
        basic(f"anyuser:{DEFAULT_TOKEN}"),
        basic(f":{DEFAULT_TOKEN}"),
    ],
    ids=["bearer", "token", "basic", "basic-no-user"],
)
def test_accepted_authorization_headers(quiver_server, authorization):
    # Authenticated requests get past auth to routing and the handlers (which may still
    # reject the request for other reasons, e.g. a missing parameter or a GET on a POST route).
    for path in PROTECTED_PATHS:
        response = quiver_server.get(path, headers={"Authorization": authorization})
        assert response.status_code not in (400, 401) or "not authenticated" not in response.text, path
        assert response.status_code != 401, path


@pytest.mark.parametrize("path", ["/write", "/query"])
def test_v1_password_parameter(quiver_server, path):
    ok = quiver_server.get(path, params={"u": "whoever", "p": DEFAULT_TOKEN, "db": "x"})
    assert ok.status_code != 401
    # `p` takes precedence over the header.
    wrong = quiver_server.get(
        path, params={"p": "wrong"}, headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"}
    )
    assert wrong.status_code == 401
    assert wrong.text == UNAUTHENTICATED


def test_password_parameter_only_counts_on_v1_paths(quiver_server):
    response = quiver_server.get("/api/v3/query_sql", params={"p": DEFAULT_TOKEN})
    assert response.status_code == 401


@pytest.mark.parametrize(
    "authorization",
    ["bearer " + DEFAULT_TOKEN, "Bearer", "Bearer a b", "Digest abc", "Basic !!!notbase64", basic("no-colon")],
)
def test_malformed_authorization_is_400(quiver_server, authorization):
    response = quiver_server.get("/api/v3/query_sql", headers={"Authorization": authorization})
    assert response.status_code == 400
    assert response.text == MALFORMED


def test_health_and_ping_ignore_bad_credentials(quiver_server):
    assert quiver_server.get("/health", headers={"Authorization": "Bearer wrong"}).status_code == 200
    assert quiver_server.get("/ping", headers={"Authorization": "Bearer wrong"}).status_code == 200


def test_options_is_cors_preflight_without_auth(quiver_server):
    response = requests.options(quiver_server.url + "/api/v3/write_lp", timeout=10)
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Access-Control-Allow-Methods"] == "*"
    assert response.headers["Access-Control-Allow-Headers"] == "*"
    assert response.headers["Access-Control-Max-Age"] == "86400"


# ---- request bodies ----

SMALL_LIMIT = 1024


@pytest.fixture
def small_limit_server(quiver_factory):
    return quiver_factory(extra_args=["--max-http-request-size", str(SMALL_LIMIT)])


def test_oversize_body_is_413(small_limit_server):
    response = small_limit_server.post("/ping", data=b"x" * (SMALL_LIMIT + 1))
    assert response.status_code == 413
    assert response.text == f"max request size ({SMALL_LIMIT} bytes) exceeded"
    # At the limit is fine, and the server is still healthy.
    assert small_limit_server.post("/ping", data=b"x" * SMALL_LIMIT).status_code == 200


def test_oversize_chunked_body_is_413(small_limit_server):
    def chunks():
        for _ in range(8):
            yield b"y" * 512

    response = small_limit_server.post("/ping", data=chunks())
    assert response.status_code == 413
    assert response.text == f"max request size ({SMALL_LIMIT} bytes) exceeded"


def test_default_limit_is_ten_mebibytes(quiver_server):
    response = quiver_server.post("/ping", data=b"z" * (10 * 1024 * 1024 + 1))
    assert response.status_code == 413
    assert response.text == "max request size (10485760 bytes) exceeded"


def test_gzip_bodies(small_limit_server):
    server = small_limit_server
    gz = {"Content-Encoding": "gzip"}
    body = gzip.compress(b"cpu,host=a usage=1\n") + gzip.compress(b"cpu,host=b usage=2\n")
    assert server.post("/ping", data=body, headers=gz).status_code == 200

    bomb = gzip.compress(b"a" * (SMALL_LIMIT * 100))
    assert len(bomb) < SMALL_LIMIT
    response = server.post("/ping", data=bomb, headers=gz)
    assert response.status_code == 413
    assert response.text == f"max request size ({SMALL_LIMIT} bytes) exceeded"

    response = server.post("/ping", data=b"not gzip", headers=gz)
    assert response.status_code == 400
    assert "invalid gzip body" in response.text

    response = server.post("/ping", data=b"x", headers={"Content-Encoding": "br"})
    assert response.status_code == 400
    assert response.text == "unacceptable content-encoding: br"

    response = server.post("/ping", data=b"x", headers={"Content-Encoding": "identity"})
    assert response.status_code == 200


def test_unauthenticated_gzip_is_rejected_before_decoding(quiver_server):
    response = quiver_server.post(
        "/api/v3/write_lp", data=b"garbage", headers={"Content-Encoding": "gzip"}
    )
    assert response.status_code == 401


# ---- connections ----


def test_keep_alive_reuses_one_connection(quiver_server):
    connection = http.client.HTTPConnection("127.0.0.1", quiver_server.port, timeout=10)
    connection.request("GET", "/health")
    first = connection.getresponse()
    assert first.read() == b"OK"
    sock = connection.sock
    assert sock is not None
    local = sock.getsockname()
    connection.request("POST", "/ping", body=b"{}")
    second = connection.getresponse()
    assert second.status == 200
    second.read()
    assert connection.sock is sock and sock.getsockname() == local
    connection.close()

    # A requests.Session (urllib3 pool) reuses its connection: the server's access log
    # shows every request coming from the same client port.
    with requests.Session() as session:
        for _ in range(3):
            assert session.get(quiver_server.url + "/api/v1/health", timeout=10).status_code == 200
    deadline = time.monotonic() + 5
    while True:
        ports = re.findall(r"127\.0\.0\.1:(\d+) GET /api/v1/health 200", quiver_server.log_text())
        if len(ports) >= 3 or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert len(ports) == 3 and len(set(ports)) == 1, ports


def test_http2_preface_without_grpc_server_is_closed(quiver_server):
    with socket.create_connection(("127.0.0.1", quiver_server.port), timeout=5) as sock:
        sock.sendall(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
        try:
            assert sock.recv(100) == b""  # closed...
        except ConnectionResetError:
            pass  # ...or reset, since the preface was never read
    assert quiver_server.get("/health").status_code == 200


def test_access_log_at_debug_level(quiver_server):
    quiver_server.get("/health")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if re.search(r"DEBUG http: 127\.0\.0\.1:\d+ GET /health 200 2 bytes [\d.]+ms", quiver_server.log_text()):
            return
        time.sleep(0.05)
    pytest.fail("no access-log line for GET /health")


# ---- lifecycle ----


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_graceful_shutdown(quiver_server, sig):
    start = time.monotonic()
    assert quiver_server.stop(sig) == 0
    assert time.monotonic() - start < 5
    assert "shutdown complete" in quiver_server.log_text()
    with pytest.raises(requests.ConnectionError):
        requests.get(quiver_server.url + "/health", timeout=2)


def test_kill9_and_restart_on_the_same_data_dir(quiver_server):
    quiver_server.kill9()
    assert not quiver_server.is_running()
    quiver_server.restart()
    assert quiver_server.get("/health").status_code == 200
    assert quiver_server.get("/nope", headers=quiver_server.headers()).status_code == 404


def test_generated_token_flow(quiver_factory):
    server = quiver_factory(token=None, extra_args=["--node-id", "node-a"])
    token = server.read_generated_token()
    assert re.fullmatch(r"apiv3_[A-Za-z0-9_-]{86}", token)
    assert server.get("/nope", headers={"Authorization": f"Bearer {token}"}).status_code == 404
    assert server.get("/nope").status_code == 401

    hash_file = server.data_dir / "node-a" / "auth" / "admin-token.sha256"
    assert hash_file.read_text() == hashlib.sha256(token.encode()).hexdigest() + "\n"
    assert token not in hash_file.read_text()
    assert stat.S_IMODE(hash_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(hash_file.parent.stat().st_mode) == 0o700
    assert sorted(p.name for p in hash_file.parent.iterdir()) == ["admin-token.sha256"]

    server.restart()
    assert "apiv3_" not in server.stdout_text()  # printed only once
    assert server.get("/nope", headers=server.headers()).status_code == 404
    assert server.get("/nope", headers={"Authorization": "Bearer apiv3_other"}).status_code == 401

    # A malformed hash file stops startup with a clear error.
    server.stop()
    hash_file.write_text("garbage\n")
    with pytest.raises(RuntimeError, match="admin token hash file is malformed"):
        server.start()


def test_explicit_token_does_not_touch_the_token_file(quiver_server):
    assert not (quiver_server.data_dir / "quiver" / "auth").exists()


def test_without_auth(quiver_factory):
    server = quiver_factory(without_auth=True)
    assert server.get("/nope").status_code == 404
    response = server.post("/api/v3/write_lp", data=b"x")
    assert response.status_code == 400  # past auth: the handler wants a `db`
    assert response.text == "missing query parameter 'db'"
    assert "authentication is disabled" in server.log_text()
    assert not (server.data_dir / "quiver" / "auth").exists()


def test_configuration_from_environment(quiver_factory):
    port = free_port()
    server = quiver_factory(
        token="apiv3_from-env",
        env={
            "QUIVER_HTTP_BIND": f"127.0.0.1:{port}",
            "QUIVER_MAX_HTTP_REQUEST_SIZE": "100",
            "QUIVER_ADMIN_TOKEN": "apiv3_from-env",
        },
        pass_bind_flag=False,
        pass_token_flag=False,
        port=port,
    )
    assert f"listening on http://127.0.0.1:{port}" in server.stdout_text()
    assert server.get("/nope", headers=server.headers()).status_code == 404
    assert server.get("/nope", headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"}).status_code == 401
    assert server.post("/ping", data=b"x" * 101).status_code == 413


def test_flag_wins_over_environment(quiver_factory):
    server = quiver_factory(env={"QUIVER_HTTP_BIND": "127.0.0.1:1"})
    assert server.get("/health").status_code == 200


def test_prints_bound_address(quiver_server):
    assert f"Quiver {binary_version()} listening on {quiver_server.url}" in quiver_server.stdout_text()


# ---- command line ----


def run_quiver(*args, env=None, timeout=20):
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("QUIVER_")}
    clean_env.update(env or {})
    return subprocess.run(
        [quiver_binary(), *args], capture_output=True, text=True, timeout=timeout, env=clean_env
    )


def test_help_explains_every_flag():
    result = run_quiver("serve", "--help")
    assert result.returncode == 0
    for flag in ALL_FLAGS:
        assert flag in result.stdout, flag
        env_name = "QUIVER_" + flag[2:].upper().replace("-", "_")
        assert env_name in result.stdout, env_name
    # Each flag has an explanation, not just a name.
    assert result.stdout.count("\n") > 2 * len(ALL_FLAGS)


def test_version():
    result = run_quiver("--version")
    assert result.returncode == 0
    assert re.fullmatch(r"quiver \d+\.\d+\.\d+ \(revision \S+\)\n", result.stdout)


@pytest.mark.parametrize(
    "args",
    [
        ["--object-store", "s3"],
        ["--max-http-request-size", "0"],
        ["--http-threads", "0"],
        ["--admin-token", "x", "--without-auth"],
        ["--no-such-flag"],
    ],
)
def test_invalid_flags_fail_fast(tmp_path, args):
    result = run_quiver("serve", "--data-dir", str(tmp_path), "--http-bind", "127.0.0.1:0", *args)
    assert result.returncode != 0
    assert result.stderr or result.stdout


def test_invalid_log_filter_and_node_id(tmp_path):
    result = run_quiver("serve", "--data-dir", str(tmp_path), "--log-filter", "loud")
    assert result.returncode == 2
    assert "invalid log level 'loud'" in result.stderr
    result = run_quiver("serve", "--data-dir", str(tmp_path), "--node-id", "a/b")
    assert result.returncode == 2
    assert "--node-id" in result.stderr


def test_port_in_use_fails_with_a_clear_error(quiver_server, tmp_path):
    result = run_quiver(
        "serve", "--data-dir", str(tmp_path), "--without-auth", "--http-bind", f"127.0.0.1:{quiver_server.port}"
    )
    assert result.returncode == 1
    assert f"cannot bind 127.0.0.1:{quiver_server.port}" in result.stderr
