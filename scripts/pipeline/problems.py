"""Problems found in the data.

A problem names a file, a line and a column, carries a stable code (declared in validate/catalogue.py) and a French
message with a hint. Errors block the build; advice (« avertissement ») never does.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "erreur"
ADVICE = "avertissement"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, located in a data file (path relative to the project root)."""

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: str = ERROR

    def format(self) -> str:
        prefix = "avertissement : " if self.severity == ADVICE else ""
        # One problem, one line: a value quoted in a message may hold line breaks.
        message = " ".join(self.message.split())
        return f"{self.path}:{self.line}:{self.column} : {self.code} {prefix}{message}"


def is_error(problem: Problem) -> bool:
    return problem.severity == ERROR
