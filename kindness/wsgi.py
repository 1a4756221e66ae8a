import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kindness.settings")

application = get_wsgi_application()

# This process answers readers: no wait for the database may outlast DB_ANSWER_TIMEOUT (a
# change, longer), so a database that stops answering gives the 503 page, not a worker hung
# until it is killed.
# (Commands and the worker import no WSGI module: a long migration is not cut short.)
from delivery.database.base import bound_waits  # noqa: E402

bound_waits(settings.DB_ANSWER_TIMEOUT, changes=settings.DB_CHANGES_ANSWER_TIMEOUT)
