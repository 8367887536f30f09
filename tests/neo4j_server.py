"""A real Neo4j 5 Community server for the tests, the benchmarks and ``make neo4j``.

The jars come from Maven Central at the version ``tools/neo4j/pom.xml`` pins, copied once into a
cache outside git (``$KG_NEO4J_CACHE``, else ``~/.cache/kg``). The server is Neo4j's own
``CommunityEntryPoint``, the main class the distribution's ``neo4j console`` runs, configured by a
``neo4j.conf`` in a home folder of its own: Bolt on a loopback port, HTTP off, authentication on.
A new home's ``neo4j`` user gets its password over Bolt (never on a command line).

    python -m tests.neo4j_server fetch          # the jars, into the cache
    python -m tests.neo4j_server serve HOME     # a server in the foreground (NEO4J_PASSWORD)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

ROOT = Path(__file__).resolve().parent.parent
POM = ROOT / "tools" / "neo4j" / "pom.xml"
INITIAL_PASSWORD = "neo4j"
"""The password a new Neo4j home gives its ``neo4j`` user, to be changed before any other use."""

JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-XX:+UseG1GC",
)
"""The flags Neo4j's own launcher gives Java 17."""


def neo4j_version() -> str:
    """The Neo4j version ``tools/neo4j/pom.xml`` pins."""
    namespace = {"m": "http://maven.apache.org/POM/4.0.0"}
    version = ElementTree.parse(POM).find("m:properties/m:neo4j.version", namespace)
    if version is None or not version.text:
        raise RuntimeError(f"{POM}: no <neo4j.version>")
    return version.text.strip()


def jar_folder() -> Path:
    """Where the jars of this pom are cached (named by version and the pom's hash, so a changed
    pom fetches anew)."""
    cache = Path(os.environ.get("KG_NEO4J_CACHE") or Path.home() / ".cache" / "kg")
    digest = hashlib.sha256(POM.read_bytes()).hexdigest()[:12]
    return cache / f"neo4j-{neo4j_version()}-{digest}" / "lib"


def fetch_jars() -> Path:
    """The jars of the pinned version, fetched from Maven Central with Maven when not cached
    (into a staging folder first, so an interrupted fetch is never taken for a complete one)."""
    folder = jar_folder()
    if (folder / ".complete").exists():
        return folder
    if shutil.which("mvn") is None or shutil.which("java") is None:
        raise RuntimeError(
            "a real Neo4j needs Java 17 and Maven (apt-get install openjdk-17-jdk-headless maven)"
        )
    staging = folder.with_name(folder.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    command = [
        "mvn", "-q", "-B", "-Dstyle.color=never", "-f", str(POM), "dependency:copy-dependencies", f"-DoutputDirectory={staging}",
    ]  # fmt: skip
    subprocess.run(command, check=True)
    (staging / ".complete").touch()
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)
    return folder


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Neo4jServer:
    """A Neo4j Community server on loopback, with its own home folder; ``uri`` is its Bolt
    address, ``password`` the ``neo4j`` user's (generated unless given)."""

    home: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="kg-neo4j-")))
    port: int = field(default_factory=free_port)
    password: str = field(default_factory=lambda: secrets.token_urlsafe(18), repr=False)
    heap: str = "2g"
    page_cache: str = "1g"
    process: subprocess.Popen[bytes] | None = None

    username = "neo4j"

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        """The environment that points ``kg`` at this server."""
        return {
            "NEO4J_URI": self.uri,
            "NEO4J_USERNAME": self.username,
            "NEO4J_PASSWORD": self.password,
            "NEO4J_DATABASE": "",
        }

    def configuration(self) -> str:
        """The ``neo4j.conf`` this server runs with."""
        address = f"127.0.0.1:{self.port}"
        settings = {
            "server.bolt.enabled": "true",
            "server.bolt.listen_address": address,
            "server.bolt.advertised_address": address,
            "server.http.enabled": "false",
            "server.https.enabled": "false",
            "dbms.security.auth_enabled": "true",
            "server.memory.pagecache.size": self.page_cache,
            "db.tx_log.preallocate": "false",
            "dbms.usage_report.enabled": "false",
            "internal.dbms.bolt.netty_server_shutdown_quiet_period": "0",
            "internal.dbms.bolt.netty_server_shutdown_timeout": "1",
        }
        return "".join(f"{key}={value}\n" for key, value in settings.items())

    def start(self, timeout: float = 120) -> Neo4jServer:
        """Start the server (on its existing data, if any) and wait until it accepts this
        server's password; a new home's password is set on first start."""
        new_home = not (self.home / "data" / "databases" / "system").exists()
        self.write_configuration()
        command = [
            "java", f"-Xms{self.heap}", f"-Xmx{self.heap}", *JVM_FLAGS, "-cp", f"{fetch_jars()}/*",
            "org.neo4j.server.CommunityEntryPoint", f"--home-dir={self.home}", f"--config-dir={self.home / 'conf'}",
        ]  # fmt: skip
        (self.home / "logs").mkdir(exist_ok=True)
        with (self.home / "logs" / "console.log").open("ab") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, env=self.home_env()
            )
        self._wait_for_login(INITIAL_PASSWORD if new_home else self.password, time.monotonic() + timeout)
        if new_home:
            self._set_password()
        return self

    def _wait_for_login(self, password: str, deadline: float) -> None:
        while True:
            if self.process is not None and self.process.poll() is not None:
                log = (self.home / "logs" / "console.log").read_text(errors="replace")
                raise RuntimeError(f"Neo4j exited with code {self.process.returncode}:\n{log[-3000:]}")
            try:
                with GraphDatabase.driver(self.uri, auth=(self.username, password)) as driver:
                    driver.verify_connectivity()
                return
            except (ServiceUnavailable, OSError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Neo4j did not accept connections at {self.uri} in time") from None
                time.sleep(0.25)

    def _set_password(self) -> None:
        with GraphDatabase.driver(self.uri, auth=(self.username, INITIAL_PASSWORD)) as driver:
            driver.execute_query(
                "ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
                old=INITIAL_PASSWORD, new=self.password, database_="system",
            )  # fmt: skip
        try:
            with GraphDatabase.driver(self.uri, auth=(self.username, self.password)) as driver:
                driver.verify_connectivity()
        except AuthError as err:
            raise RuntimeError("Neo4j did not take the new password") from err

    def tool_command(self, main_class: str) -> list[str]:
        """The command line of one of Neo4j's Java tools: ``org.neo4j.cli.AdminTool`` is
        ``neo4j-admin``, ``org.neo4j.shell.Main`` is ``cypher-shell``."""
        return ["java", *JVM_FLAGS, "-cp", f"{fetch_jars()}/*", main_class]

    def home_env(self) -> dict[str, str]:
        """The environment that names this home to Neo4j's programs (the server among them)."""
        return os.environ | {"NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.home / "conf")}

    def tool_env(self) -> dict[str, str]:
        """The environment Neo4j's tools need to find this home and log in to this server."""
        return self.home_env() | {"NEO4J_USERNAME": self.username, "NEO4J_PASSWORD": self.password}

    def admin_env(self, folder: Path) -> dict[str, str]:
        """An environment whose ``neo4j-admin`` (a script written into ``folder``) is Neo4j's
        AdminTool for this home, so that scripts such as an export's ``import.sh`` run as written."""
        folder.mkdir(parents=True, exist_ok=True)
        script = folder / "neo4j-admin"
        command = " ".join(shlex.quote(part) for part in self.tool_command("org.neo4j.cli.AdminTool"))
        script.write_text(f'#!/bin/sh\nexec {command} "$@"\n')
        script.chmod(0o755)
        return self.tool_env() | {"PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"}

    def write_configuration(self) -> None:
        """Write this home's ``neo4j.conf`` (``start`` does it too), e.g. before an import."""
        (self.home / "conf").mkdir(parents=True, exist_ok=True)
        (self.home / "conf" / "neo4j.conf").write_text(self.configuration())

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def _pid(self) -> int:
        if self.process is None or self.process.poll() is not None:
            raise RuntimeError("the server is not running")
        return self.process.pid

    def cpu_seconds(self) -> float:
        """The CPU time the running server's process has used so far, all its threads (user and
        system), from ``/proc``."""
        fields = Path(f"/proc/{self._pid()}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def compiling_seconds(self) -> float:
        """The time the running server's JVM has spent so far compiling its code to machine code
        (the JIT), as the JDK's ``jstat -compiler`` reports it."""
        command = ["jstat", "-compiler", str(self._pid())]
        header, values = subprocess.run(
            command, capture_output=True, text=True, check=True
        ).stdout.splitlines()[:2]
        return float(values.split()[header.split().index("Time")])

    def kill(self) -> None:
        """Stop the server at once (SIGKILL), as a crash would."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self, timeout: float = 60) -> None:
        """Shut the server down cleanly (SIGTERM: Neo4j checkpoints and closes its stores)."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()

    def remove(self) -> None:
        """Stop the server and delete its home folder."""
        self.stop()
        shutil.rmtree(self.home, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("fetch", help="fetch the pinned Neo4j jars into the cache")
    serve = commands.add_parser("serve", help="run a server in the foreground until Ctrl-C")
    serve.add_argument("home", type=Path, help="its home folder (data, logs, conf); kept between runs")
    serve.add_argument("--port", type=int, default=7687)
    serve.add_argument("--heap", default="2g")
    serve.add_argument("--page-cache", default="1g")
    arguments = parser.parse_args()
    if arguments.command == "fetch":
        print(fetch_jars())
        return
    password = os.environ.get("NEO4J_PASSWORD", "")
    if len(password) < 8:
        sys.exit("set NEO4J_PASSWORD (at least 8 characters): the server's neo4j user gets it")
    server = Neo4jServer(
        arguments.home.resolve(), arguments.port, password, arguments.heap, arguments.page_cache
    )
    server.start()
    print(f"Neo4j {neo4j_version()} at {server.uri} (user neo4j, NEO4J_PASSWORD); Ctrl-C stops it")
    try:
        while server.alive():
            time.sleep(1)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
