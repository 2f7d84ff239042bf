"""The office store's fixture, for the sync faults (issue 33)."""

from tests.office.conftest import office_url

__all__ = ["office_url"]
