"""The apps are layers: each builds only on the ones below it, in code and in the database.

`lint-imports` checks the imports between apps; these tests check what it cannot see: that
the layer order it enforces is the order the apps are installed in, that migrations follow
it, and templates too, and that no two modules import each other.
"""

import tomllib
from pathlib import Path

import grimp
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.template import TemplateDoesNotExist, engines
from django.template.base import Lexer, TokenType
from django.template.loader import get_template
from django.urls import URLResolver, get_resolver
from wagtail.blocks import Block

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


def test_no_two_modules_import_each_other():
    # Every import counts, a function's own included: one inside a function only hides the
    # cycle, and the two modules still cannot be read, tested or moved apart.
    graph = grimp.build_graph(*project_apps(), include_external_packages=False)
    both_ways = sorted(
        {
            tuple(sorted((module, imported)))
            for module in graph.modules
            for imported in graph.find_modules_directly_imported_by(module)
            if module in graph.find_modules_directly_imported_by(imported)
        }
    )
    assert both_ways == []


def test_a_database_that_linked_authors_in_the_people_app_does_not_link_them_again(db):
    # As a database migrated before the step moved to the publications app records it.
    recorder = MigrationRecorder(connection)
    recorder.record_unapplied(*MOVED_TO)
    recorder.record_applied(*MOVED)

    loader = MigrationLoader(connection)

    assert MOVED_TO in loader.applied_migrations
    assert MOVED not in loader.graph.nodes


def layer_of():
    """Each project app's layer, from the import contract: 0 for the lowest."""
    layers = list(reversed(contract_layers()))
    return {app: rank for rank, layer in enumerate(layers) for app in layer}


def template_dirs():
    """Each folder of the project's templates, with the app it belongs to: the root
    templates/ folder is the core's."""
    root = settings.ROOT_URLCONF.split(".")[0]
    yield Path(settings.BASE_DIR) / "templates", root
    for app in project_apps():
        folder = Path(settings.BASE_DIR) / app / "templates"
        if folder.is_dir():
            yield folder, app


def owner_of_path(path):
    for folder, app in template_dirs():
        if path.is_relative_to(folder):
            return app
    return None  # Wagtail's, Django's: no layer of ours.


def url_names(resolver=None, owner=None, namespace=""):
    """Every URL name (with its namespaces), and the app whose urls module names it."""
    if resolver is None:
        resolver = get_resolver()
        owner = settings.ROOT_URLCONF.split(".")[0]
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            module = getattr(pattern.urlconf_module, "__name__", None)
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern, module.split(".")[0] if module else owner, prefix)
        elif pattern.name:
            yield f"{namespace}{pattern.name}", owner


def references(source):
    """What a template's tags name literally: ("library", name) for each tag library it
    loads, ("template", name) for each one it includes or extends, ("url", name) for each
    URL name it reverses."""
    for token in Lexer(source).tokenize():
        if token.token_type != TokenType.BLOCK:
            continue
        bits = token.split_contents()
        literal = [bit[1:-1] for bit in bits[1:2] if bit[:1] in "\"'" and bit[-1:] == bit[:1]]
        if bits[0] == "load":
            # {% load a b %}, or {% load name from a %}
            libraries = bits[-1:] if "from" in bits else bits[1:]
            yield from (("library", library) for library in libraries)
        elif bits[0] in ("include", "extends"):
            yield from (("template", name) for name in literal)
        elif bits[0] == "url":
            yield from (("url", name) for name in literal)


def test_no_template_reaches_up_a_layer():
    """A template of a lower app never loads a tag library, includes or extends a template,
    or reverses a URL name that belongs to an app of its own layer or above: a page of a
    lower app offers a slot instead (kindness.slots). import-linter cannot see templates."""
    layer = layer_of()
    engine = engines["django"].engine
    libraries = {name: module.split(".")[0] for name, module in engine.libraries.items()}
    urls = dict(url_names())

    def owner(kind, name):
        if kind == "library":
            return libraries.get(name)
        if kind == "url":
            return urls.get(name)
        try:
            return owner_of_path(Path(get_template(name).origin.name))
        except TemplateDoesNotExist:  # Django's form widgets': not a template of ours.
            return None

    templates = [
        (path, app)
        for folder, app in template_dirs()
        for path in folder.rglob("*")
        if path.is_file()
    ]
    assert len(templates) > 50, "the templates were found"
    reaching_up = [
        f"{path.relative_to(settings.BASE_DIR)} ({app}) -> {kind} {name} ({target})"
        for path, app in templates
        for kind, name in references(path.read_text(encoding="utf-8"))
        if (target := owner(kind, name)) in layer and target != app and layer[target] >= layer[app]
    ]
    assert reaching_up == []


def subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from subclasses(subclass)


def test_each_apps_block_templates_live_in_that_app():
    """The root templates/blocks/ folder is the core's: a block of another app renders
    with a template from that app's own templates/ folder."""
    apps = set(project_apps())
    elsewhere = []
    for block in set(subclasses(Block)):
        app = block.__module__.split(".")[0]
        name = getattr(block._meta_class, "template", None)
        if app not in apps or not name:
            continue
        owner = owner_of_path(Path(get_template(name).origin.name))
        if owner is not None and owner != app:
            elsewhere.append(f"{block.__module__}.{block.__name__}: {name} ({owner})")
    assert elsewhere == []
