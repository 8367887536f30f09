"""Connection settings, the way the Neo4j ecosystem names them.

``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE`` are read from the
environment (and kg's own ``KG_NEO4J_RETRY_SECONDS``); CLI options override them, except the
password, which is never a command-line argument (use the environment, ``--password-stdin`` or the prompt). The password is never
printed, logged or written: it is kept out of ``repr`` and :meth:`Neo4jSettings.describe`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from kg.errors import UsageError

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
DEFAULT_URI = "neo4j://localhost:7687"
DEFAULT_RETRY_SECONDS = 30.0


@dataclass(frozen=True)
class Neo4jSettings:
    """Where and how to connect. ``database`` None means the server's default database."""

    uri: str = DEFAULT_URI
    username: str = "neo4j"
    password: str | None = field(default=None, repr=False)
    database: str | None = None
    retry_seconds: float = DEFAULT_RETRY_SECONDS
    """How long the driver keeps retrying a transaction that failed for a transient reason."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: str | None) -> Neo4jSettings:
        """Settings from ``NEO4J_*`` environment variables, then non-None ``overrides``
        (``uri``, ``username``, ``password``, ``database``)."""
        env = os.environ if env is None else env
        values: dict[str, str | None] = {
            "uri": env.get("NEO4J_URI") or DEFAULT_URI,
            "username": env.get("NEO4J_USERNAME") or "neo4j",
            "password": env.get("NEO4J_PASSWORD") or None,
            "database": env.get("NEO4J_DATABASE") or None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(retry_seconds=_retry_seconds(env), **values)  # type: ignore[arg-type]
        settings.check()
        return settings

    def check(self) -> None:
        """Raise :class:`UsageError` for a URI the driver cannot use."""
        try:
            parts = urlsplit(self.uri)
            parts.port  # noqa: B018  (reading it checks the port: a number from 0 to 65535)
        except ValueError as err:
            raise UsageError(
                f"NEO4J_URI is not a Neo4j address ({err}); use e.g. neo4j://localhost:7687"
            ) from None
        if parts.scheme not in SCHEMES or not parts.hostname:
            raise UsageError(
                f"NEO4J_URI {self.safe_uri()!r} is not a Neo4j address; use e.g. neo4j://localhost:7687 "
                f"(schemes: {', '.join(SCHEMES)})"
            )
        if parts.username or parts.password:
            raise UsageError(
                "put the user name and password in NEO4J_USERNAME/NEO4J_PASSWORD, not in the URI"
            )

    def with_password(self, password: str | None) -> Neo4jSettings:
        """These settings with ``password``."""
        return replace(self, password=password)

    def auth(self) -> tuple[str, str] | None:
        """The driver's auth: basic auth when a password is set, otherwise none."""
        return (self.username, self.password) if self.password else None

    def driver_options(self) -> dict[str, float]:
        """Driver configuration: how long a failed transaction is retried."""
        return {"max_transaction_retry_time": self.retry_seconds}

    def safe_uri(self) -> str:
        """The URI without any user information."""
        parts = urlsplit(self.uri)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""  # check() has made sure it reads
        return f"{parts.scheme}://{host}{port}{parts.path}" if parts.scheme else self.uri.split("@")[-1]

    def describe(self) -> str:
        """Where this connects, for messages: never includes the password."""
        database = self.database or "the default database"
        return f"{self.safe_uri()} ({database}, user {self.username})"


def _retry_seconds(env: Mapping[str, str]) -> float:
    text = env.get("KG_NEO4J_RETRY_SECONDS") or str(DEFAULT_RETRY_SECONDS)
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if seconds < 0:
        raise UsageError(f"KG_NEO4J_RETRY_SECONDS must be a number of seconds, not {text!r}")
    return seconds
