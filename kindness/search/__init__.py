"""Site search, in one place: the search page (`views.py`, its GET parameters in `forms.py`,
its templates in templates/kindness/search/), the words around a match that a result shows
(`text.py`, which the library's search uses too), and the count of what readers search for
(`statistics.py`, counted by `middleware.py`).

Search is part of the core because every page's header offers it. Two pieces sit where
Django and the task worker look for them: the `flush_search_statistics` command
(kindness/management/commands/) and its task (kindness/tasks.py, whose path the queued
hourly run is stored under).
"""
