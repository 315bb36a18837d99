"""The Elasticsearch-API test server: noida-db (an emulator of the ES 8 REST API) or a real cluster.

``NoidaServer`` starts ``<site-packages>/noida_db/noida-db start --only elasticsearch``
on 127.0.0.1 with a temporary data folder, in its own process group, and can
stop and restart it on the same data folder (the outage tests). With
``ELASTICSEARCH_URL`` in the environment the tests use that cluster instead
(``ExternalCluster``), which cannot be stopped: the outage tests then simulate
the outage with an unreachable address.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def noida_binary() -> Path:
    import noida_db

    return Path(noida_db.__file__).resolve().parent / ("noida-db.exe" if os.name == "nt" else "noida-db")


class ServerError(RuntimeError):
    pass


class NoidaServer:
    controllable = True

    def __init__(self, data_dir: Path, port: int | None = None):
        self.data_dir = Path(data_dir)
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None
        self.log_path = self.data_dir.parent / f"noida-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/", timeout=1) as response:  # noqa: S310 - local test server
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def start(self, timeout: float = 30.0) -> None:
        binary = noida_binary()
        if not binary.is_file():
            raise ServerError(f"noida-db binary not found at {binary} (pip install -r requirements-dev.txt)")
        os.chmod(binary, 0o755)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")  # noqa: SIM115 - kept open for the process's lifetime
        command = [
            str(binary),
            "start",
            "--data-dir",
            str(self.data_dir),
            "--host",
            "127.0.0.1",
            "--only",
            "elasticsearch",
            "--elasticsearch-port",
            str(self.port),
        ]
        self.process = subprocess.Popen(  # noqa: S603 - fixed argument list
            command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerError(f"noida-db exited with status {self.process.returncode}: {self.log_tail()}")
            if self.answers():
                return
            time.sleep(0.1)
        self.stop()
        raise ServerError(f"noida-db did not answer on {self.url} within {timeout:.0f} s: {self.log_tail()}")

    def stop(self) -> None:
        """Stop the process we started (its own process group), waiting until the port is closed."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while self.answers() and time.monotonic() < deadline:
            time.sleep(0.1)

    def restart(self) -> None:
        self.stop()
        self.start()

    def log_tail(self, size: int = 2000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-size:]
        except OSError:
            return "(no log)"


class ExternalCluster:
    """A real cluster given by ELASTICSEARCH_URL: used as is, never stopped."""

    controllable = False

    def __init__(self, url: str):
        self.url = url

    def start(self):
        pass

    def stop(self):
        pass
