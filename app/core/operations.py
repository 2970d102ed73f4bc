"""What every part's operations share."""

from __future__ import annotations


class OperationError(Exception):
    """An operation that cannot be done now; ``code`` says why, for the view to explain.

    Each part has its own subclass (``HelpboardError``, ``PushError``, ``NeighbourhoodError``),
    so a view catches only its own part's refusals.
    """

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code
