import pytest

from events.models import EventIndexPage


@pytest.fixture
def events_index(demo):
    """The demo's events index, which lists no event until a test adds some."""
    return EventIndexPage.objects.get()
