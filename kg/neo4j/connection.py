"""Open a driver and turn the ways a connection fails into one clear line and exit code 3."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    DatabaseError,
    ServiceUnavailable,
    SessionExpired,
)

from kg.errors import KgError, UsageError
from kg.neo4j.settings import Neo4jSettings


class ServerProblem(KgError):
    """The server could not be reached, refused the credentials, or has no such database."""

    exit_code = 3


@contextmanager
def connect(settings: Neo4jSettings) -> Iterator[Driver]:
    """A verified driver for ``settings``; closed on exit. Connection failures inside the block
    become :class:`ServerProblem` with a message that names the server but never the password."""
    where = settings.describe()
    try:
        driver = GraphDatabase.driver(settings.uri, auth=settings.auth())
    except (ValueError, ConfigurationError) as err:
        raise UsageError(f"cannot use {settings.safe_uri()}: {err}") from None
    try:
        with driver:
            driver.execute_query("RETURN 1", database_=settings.database)
            yield driver
    except AuthError:
        raise ServerProblem(
            f"{where}: the server refused the user name or password; set NEO4J_USERNAME and "
            "NEO4J_PASSWORD (or use --password-stdin)"
        ) from None
    except (ServiceUnavailable, SessionExpired) as err:
        raise ServerProblem(
            f"{where}: cannot reach the server ({_first_line(err)}); is it running, and is NEO4J_URI right?"
        ) from None
    except ClientError as err:
        if err.code and "DatabaseNotFound" in err.code:
            raise ServerProblem(
                f"{where}: there is no database {settings.database!r}; check NEO4J_DATABASE"
            ) from None
        raise
    except DatabaseError as err:
        raise ServerProblem(f"{where}: the server failed ({_first_line(err)})") from None


def _first_line(err: Exception) -> str:
    message = getattr(err, "message", None) or str(err)
    return str(message).strip().splitlines()[0] if str(message).strip() else type(err).__name__
