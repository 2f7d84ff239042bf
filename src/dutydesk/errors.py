"""Errors that carry a message fit to show the officer as it is."""

from __future__ import annotations


class DutydeskError(Exception):
    """Base: the message is complete and readable; the CLI prints it on one line."""


class BadInput(DutydeskError):
    """Something typed or passed in is not acceptable; the message names what is accepted."""


class PolicyError(DutydeskError):
    """A policy table in data/ (or a user's file) is malformed: names the file, key and problem."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        self.file, self.key, self.problem = file, key, problem
        super().__init__(f"{file}: {key}: {problem}")
