from importlib import import_module
from pathlib import Path

from django.apps import AppConfig, apps
from django.conf import settings
from django.utils.module_loading import module_has_submodule


class KindnessConfig(AppConfig):
    """The core every app builds on: settings and URLs, the base page models and mixins,
    the shared body blocks, site settings, navigation, sharing, site search
    (`kindness/search/`), the template tags, the error pages and demo loading.

    It imports no app of the project but the two below it, `delivery` (how pages reach
    readers) and `charts`, and finds what the apps above add through the app registry
    (`project_submodules`) and Wagtail hooks.
    """

    name = "kindness"
    verbose_name = "Site-wide"


def project_apps():
    """The project's own apps, the packages beside manage.py, in INSTALLED_APPS order.

    INSTALLED_APPS lists them lowest layer first (README, "Where things are"), so each app
    comes after every app it builds on. Third-party apps are left out: their `urls` or
    `demo` modules are not ours to mount or run.
    """
    base = Path(settings.BASE_DIR).resolve()
    return [app for app in apps.get_app_configs() if Path(app.path).resolve().parent == base]


def project_submodules(name, *, exclude=()):
    """Each project app's `<app>.<name>` module, for the apps that have one, in layer order.

    This is how the core finds what every app contributes (its URLs, its demo content)
    without importing any app by name.
    """
    modules = []
    for app in project_apps():
        dotted = f"{app.name}.{name}"
        if dotted not in exclude and module_has_submodule(app.module, name):
            modules.append(import_module(dotted))
    return modules
