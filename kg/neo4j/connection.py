"""Open a driver and turn the ways a connection fails into one clear line and exit code 3."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from kg.errors import KgError, UsageError
from kg.neo4j.settings import Neo4jSettings


class ServerProblem(KgError):
    """The server could not be reached, refused the credentials, or has no such database."""

    exit_code = 3


def _driver(settings: Neo4jSettings, with_password: bool = True) -> Driver:
    try:
        auth = settings.auth() if with_password else None
        return GraphDatabase.driver(settings.uri, auth=auth, **settings.driver_options())
    except (ValueError, ConfigurationError) as err:
        raise UsageError(f"cannot use {settings.safe_uri()}: {err}") from None


def _unreachable(settings: Neo4jSettings, err: Exception) -> ServerProblem:
    return ServerProblem(
        f"{settings.describe()}: cannot reach the server ({_first_line(err)}); is it running, and is NEO4J_URI right?"
    )


def check_reachable(settings: Neo4jSettings) -> None:
    """Raise :class:`ServerProblem` when no server answers at ``settings.uri``, without sending
    credentials (so that nobody is asked for a password for a server that is not there)."""
    try:
        with _driver(settings, with_password=False) as driver:
            driver.verify_connectivity()
    except (ServiceUnavailable, SessionExpired) as err:
        raise _unreachable(settings, err) from None
    except Neo4jError:
        return  # it answered, if only to ask who we are


@contextmanager
def connect(settings: Neo4jSettings) -> Iterator[Driver]:
    """A verified driver for ``settings``; closed on exit. Connection failures inside the block
    become :class:`ServerProblem` with a message that names the server but never the password."""
    driver = _driver(settings)
    try:
        with driver:
            _verify(driver, settings)
            yield driver
    except (ServiceUnavailable, SessionExpired) as err:
        raise _unreachable(settings, err) from None
    except Neo4jError as err:
        raise ServerProblem(f"{settings.describe()}: the server failed ({_first_line(err)})") from None


def _verify(driver: Driver, settings: Neo4jSettings) -> None:
    """Log in and run a trivial query, so that a wrong address, password or database name is
    reported at once (an auto-commit query: the driver does not spend its retry time on it)."""
    where = settings.describe()
    try:
        with driver.session(database=settings.database) as session:
            session.run("RETURN 1").consume()
    except AuthError:
        raise ServerProblem(
            f"{where}: the server refused the user name or password; set NEO4J_USERNAME and "
            "NEO4J_PASSWORD (or use --password-stdin)"
        ) from None
    except ClientError as err:
        if err.code and "DatabaseNotFound" in err.code:
            raise ServerProblem(
                f"{where}: there is no database {settings.database!r}; check NEO4J_DATABASE"
            ) from None
        raise ServerProblem(f"{where}: the server refused the connection ({_first_line(err)})") from None


def _first_line(err: Exception) -> str:
    """The gist of a driver error: the operating system's reason when there is one (e.g.
    "Connection refused"), otherwise the first line of its message."""
    message = str(getattr(err, "message", None) or err).strip()
    reason = re.search(r"reason (?:\[Errno \d+\] )?([^)]+)\)", message)
    if reason:
        return reason.group(1)
    return message.splitlines()[0].rstrip(":") if message else type(err).__name__
