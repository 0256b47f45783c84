"""Runs the real `quiver` binary as a subprocess for integration tests.

QuiverServer is one `quiver serve` process on a free loopback port with its own data
directory. Tests normally get one through the fixtures in conftest.py (`quiver_server`,
`quiver_factory`); import helpers from here: `from quiver_harness import DEFAULT_TOKEN`.

Binary: $QUIVER_BINARY, default build/release/quiver.
"""

from __future__ import annotations

import os
import pathlib
import re
import signal
import socket
import subprocess
import time
from typing import Iterable, Optional

import requests

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
DEFAULT_TOKEN = "apiv3_integration-test-token"
STARTUP_TIMEOUT_S = 20.0
STOP_TIMEOUT_S = 15.0


def quiver_binary() -> str:
    return os.environ.get("QUIVER_BINARY", str(REPO_ROOT / "build" / "release" / "quiver"))


def free_port() -> int:
    """A loopback port that was free a moment ago (the server binds it right after)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class QuiverServer:
    """One `quiver serve` process. Not thread-safe; one test drives it."""

    def __init__(
        self,
        workdir: pathlib.Path,
        *,
        token: Optional[str] = DEFAULT_TOKEN,
        without_auth: bool = False,
        extra_args: Iterable[str] = (),
        env: Optional[dict] = None,
        pass_bind_flag: bool = True,
        pass_token_flag: bool = True,
        port: Optional[int] = None,
    ):
        self.workdir = workdir
        self.data_dir = workdir / "data"
        self._port_is_ours = port is None  # free to pick another if it gets taken
        self.port = port or free_port()
        # With token=None and auth on, the server generates one; read_generated_token()
        # fetches it from stdout and stores it here.
        self.token = token
        self.without_auth = without_auth
        self.extra_args = list(extra_args)
        self.extra_env = dict(env or {})
        # False: leave --http-bind / --admin-token off the command line (e.g. to set them
        # through QUIVER_HTTP_BIND / QUIVER_ADMIN_TOKEN in `env`).
        self.pass_bind_flag = pass_bind_flag
        self.pass_token_flag = pass_token_flag
        self._token_was_generated = False  # the server owns the token (hash in data dir)
        self.process: Optional[subprocess.Popen] = None
        self.starts = 0
        self._log_paths: list[pathlib.Path] = []
        self._stdout_paths: list[pathlib.Path] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # ---- lifecycle ----

    def command(self) -> list[str]:
        args = [quiver_binary(), "serve", "--data-dir", str(self.data_dir)]
        if self.pass_bind_flag:
            args += ["--http-bind", f"127.0.0.1:{self.port}"]
        if self.without_auth:
            args.append("--without-auth")
        elif self.token is not None and self.pass_token_flag and not self._token_was_generated:
            args += ["--admin-token", self.token]
        return args + self.extra_args

    def start(self, wait: bool = True) -> "QuiverServer":
        """Starts the process; with `wait`, until /health answers. If another process
        grabbed our (self-picked) port in the meantime, retries on a new one."""
        for attempt in range(3):
            try:
                return self._start_once(wait)
            except RuntimeError as error:
                if not (self._port_is_ours and self.pass_bind_flag and "cannot bind" in str(error)):
                    raise
                if attempt == 2:
                    raise
                self.port = free_port()
        raise AssertionError("unreachable")

    def _start_once(self, wait: bool) -> "QuiverServer":
        assert self.process is None or self.process.poll() is not None, "already running"
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.starts += 1
        log_path = self.workdir / f"quiver.{self.starts}.stderr.log"
        stdout_path = self.workdir / f"quiver.{self.starts}.stdout.log"
        self._log_paths.append(log_path)
        self._stdout_paths.append(stdout_path)
        env = {k: v for k, v in os.environ.items() if not k.startswith("QUIVER_")}
        env.setdefault("QUIVER_LOG_FILTER", "info,http=debug")
        env.update(self.extra_env)
        with open(log_path, "wb") as stderr, open(stdout_path, "wb") as stdout:
            self.process = subprocess.Popen(
                self.command(), stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL, env=env
            )
        if wait:
            self.wait_ready()
        return self

    def wait_ready(self, timeout: float = STARTUP_TIMEOUT_S) -> None:
        """Waits until GET /health answers 200; fails with the server log otherwise."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"quiver exited with {self.process.returncode} during startup\n"
                    f"--- stderr ---\n{self.log_text()}\n--- stdout ---\n{self.stdout_text()}"
                )
            try:
                if requests.get(self.url + "/health", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"quiver did not become healthy in {timeout}s\n{self.log_text()}")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = STOP_TIMEOUT_S) -> int:
        """Signals the process by PID (SIGTERM: graceful) and returns its exit code."""
        if self.process is None:
            return 0
        if self.process.poll() is None:
            os.kill(self.process.pid, sig)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()
                raise RuntimeError(f"quiver did not exit within {timeout}s of signal {sig}")
        return self.process.returncode

    def kill9(self) -> None:
        """Kills the process with SIGKILL (a crash: nothing is flushed or closed)."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def restart(self, wait: bool = True) -> "QuiverServer":
        """Stops (gracefully, if still running) and starts again on the same data dir and
        port. After kill9() this is a crash-recovery start."""
        self.stop()
        return self.start(wait=wait)

    def is_running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    # ---- output ----

    def log_text(self) -> str:
        """stderr of every start so far (logs), oldest first."""
        return "".join(
            f"--- start {index + 1} ---\n" + path.read_text(errors="replace")
            for index, path in enumerate(self._log_paths)
            if path.exists()
        )

    def stdout_text(self, start: Optional[int] = None) -> str:
        """stdout of the latest start (or of start number `start`, 1-based)."""
        if not self._stdout_paths:
            return ""
        path = self._stdout_paths[-1 if start is None else start - 1]
        return path.read_text(errors="replace") if path.exists() else ""

    def read_generated_token(self) -> str:
        """The admin token the server printed on its first start (generated-token flow)."""
        match = re.search(r"\b(apiv3_[A-Za-z0-9_-]+)", self.stdout_text(start=1))
        if not match:
            raise AssertionError(f"no generated token on stdout:\n{self.stdout_text(start=1)}")
        self.token = match.group(1)
        self._token_was_generated = True
        return self.token

    # ---- requests ----

    def headers(self, **extra: str) -> dict:
        """Headers with `Authorization: Bearer <token>` (none without a token)."""
        headers = dict(extra)
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def get(self, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 30)
        return requests.get(self.url + path, **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 30)
        return requests.post(self.url + path, **kwargs)

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        """A request carrying the admin token (merged into any given headers)."""
        kwargs.setdefault("timeout", 30)
        kwargs["headers"] = self.headers(**kwargs.get("headers", {}))
        return requests.request(method, self.url + path, **kwargs)

    def api_get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def api_post(self, path: str, **kwargs) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def api_put(self, path: str, **kwargs) -> requests.Response:
        return self.request("PUT", path, **kwargs)

    def api_delete(self, path: str, **kwargs) -> requests.Response:
        return self.request("DELETE", path, **kwargs)
