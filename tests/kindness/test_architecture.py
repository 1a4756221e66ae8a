"""The apps are layers: each builds only on the ones below it, in code and in the database.

`lint-imports` checks the imports; these tests check what it cannot see: that the layer
order it enforces is the order the apps are installed in, and that migrations follow it.
"""

import tomllib
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

PYPROJECT = Path(settings.BASE_DIR) / "pyproject.toml"
MOVED = ("people", "0004_link_plain_name_authors_to_person_pages")
MOVED_TO = ("publications", "0005_link_plain_name_authors_to_person_pages")


def project_apps():
    """The project's own apps (the packages beside manage.py), lowest layer first."""
    return [app for app in settings.INSTALLED_APPS if (Path(settings.BASE_DIR) / app).is_dir()]


def contract_layers():
    """The import contract's layers, top first, as sets of app names."""
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["type"] == "layers"]
    return [{name.strip().strip("()") for name in line.split("|")} for line in contract["layers"]]


def test_the_apps_are_installed_in_the_import_contracts_layer_order():
    installed = project_apps()
    layers = [layer & set(installed) for layer in reversed(contract_layers())]
    position = {app: installed.index(app) for app in installed}
    assert set().union(*layers) == set(installed), "every app is in exactly one layer"
    for lower, higher in zip(layers, layers[1:], strict=False):
        assert max(position[app] for app in lower) < min(position[app] for app in higher)


def test_no_migration_depends_on_an_app_in_a_higher_layer():
    installed = project_apps()
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    against_the_flow = [
        f"{app}.{name} depends on {dependency[0]}.{dependency[1]}"
        for (app, name), migration in graph.nodes.items()
        if app in installed
        for dependency in migration.dependencies
        if dependency[0] in installed and installed.index(dependency[0]) > installed.index(app)
    ]
    assert against_the_flow == []


def test_a_database_that_linked_authors_in_the_people_app_does_not_link_them_again(db):
    # As a database migrated before the step moved to the publications app records it.
    recorder = MigrationRecorder(connection)
    recorder.record_unapplied(*MOVED_TO)
    recorder.record_applied(*MOVED)

    loader = MigrationLoader(connection)

    assert MOVED_TO in loader.applied_migrations
    assert MOVED not in loader.graph.nodes
