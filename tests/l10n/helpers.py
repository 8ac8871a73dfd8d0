from __future__ import annotations


def raw_at(sample: str, line: int, column: int, width: int) -> str:
    """The file text at a 1-based (line, column), ``width`` characters long."""
    text = sample.split("\n")[line - 1]
    return text[column - 1 : column - 1 + width]
