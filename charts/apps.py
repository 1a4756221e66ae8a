from django.apps import AppConfig


class ChartsConfig(AppConfig):
    """Charts an editor makes from a small table: drawn on the server as SVG
    (`rendering.py`), offered as a block (`blocks.py`), with their data as a CSV download
    (`views.py`, `urls.py`) that the page cache forgets with its page (`wagtail_hooks.py`),
    and a script that reads a value out on hover or focus (`static/charts/chart.js`).

    The lowest layer, beside `delivery`: it imports no other app of the project. The
    core's shared body block offers the chart to every page type.
    """

    name = "charts"
    verbose_name = "Charts"
