"""One error hierarchy for every layer.

This module is a leaf: it imports nothing from the project, so the ontology,
ingest, store, query and visualise layers can all raise these errors and the
CLI can map each to a stable exit code (pySHACL-style): 0 ok, 1 problems
found, 2 usage or input error, 3 internal error.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class OverlegError(Exception):
    """Base of every error the project raises on purpose."""

    exit_code = EXIT_INTERNAL

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message} ({self.hint})"
        return self.message


class UsageError(OverlegError):
    """The user asked for something that cannot be done as asked."""

    exit_code = EXIT_USAGE


class InputError(UsageError):
    """An input file cannot be ingested. Always names the file and the reason."""

    def __init__(self, source: str, reason: str, *, hint: str | None = None) -> None:
        super().__init__(f"{source}: {reason}", hint=hint)
        self.source = source
        self.reason = reason


class QueryError(UsageError):
    """A query is unknown, malformed, or given wrong parameters."""


class UnsafeQueryError(QueryError):
    """A user query tries to reach the network, write, or load data."""


class StoreError(OverlegError):
    """The store cannot be opened, read or written."""

    exit_code = EXIT_USAGE


class EndpointError(OverlegError):
    """A remote SPARQL endpoint refused or failed a request."""

    exit_code = EXIT_USAGE


class StageError(OverlegError):
    """A pipeline stage broke its contract; names the stage (spaCy-style)."""

    def __init__(self, stage: str, source: str, reason: str) -> None:
        super().__init__(f"{source}: stage '{stage}' failed: {reason}")
        self.stage = stage
        self.source = source


class ProblemsFound(OverlegError):
    """A check ran and found problems (validation, evaluation floors, failed files)."""

    exit_code = EXIT_PROBLEMS
