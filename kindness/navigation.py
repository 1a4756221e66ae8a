"""Pages as their specific types in one query, and the site's sections once per request.

Wagtail's `specific()` costs a query per page type; joining every page type's table costs
one, whatever the types. The sections (the home page's children: the programme, people,
the library and the content pages) are asked for by the main navigation, the footer and
the routing of every request, so they are kept in memory until the site changes.
"""

from functools import cache

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import Http404
from wagtail.models import Page, PageViewRestriction, get_page_models

from delivery import compat, site_memo


@cache
def specific_paths():
    """Each concrete page type and its path from Page down its parent links: for
    PublicationPage, ("libraryitempage", "publicationpage")."""
    paths = {}
    for model in get_page_models():
        chain = []
        current = model
        while current is not Page:
            chain.append(current._meta.model_name)
            current = next(iter(current._meta.parents))
        paths[model] = tuple(reversed(chain))
    return paths


def with_specific_tables(pages, models=None):
    """`pages` with the tables of `models` (every page type by default) joined, for
    `as_specific()`. Naming the types a list can hold keeps the query small: compiling a
    join of every type's table costs milliseconds of its own."""
    paths = specific_paths()
    chosen = paths if models is None else {model: paths.get(model) for model in models}
    return pages.select_related(*{"__".join(path) for path in chosen.values() if path})


def as_specific(page, models=None):
    """The specific page of a row from `with_specific_tables()`, without a query.

    Django fills a child row's inherited fields from the parent's, so the specific page is
    whole. Wagtail's own values kept on the page (its cached parent) are carried over. A
    page of a type whose table was not joined is fetched the usual way.
    """
    if models is not None and page.specific_class not in models:
        return page.specific
    specific = page
    for name in specific_paths().get(page.specific_class, ()):
        specific = getattr(specific, name)
    if specific is not page:
        for key, value in page.__dict__.items():
            specific.__dict__.setdefault(key, value)
    return specific


def as_their_types(rows):
    """The pages of `rows` (pages fetched with at least their id and content type) as their
    specific types, in the same order, in one query that joins the tables of the types among
    them only: a search's results, found and ranked without any of those tables."""
    models = {row.specific_class for row in rows}
    found = with_specific_tables(Page.objects.filter(pk__in=[row.pk for row in rows]), models)
    pages = {page.pk: as_specific(page, models) for page in found}
    return [pages[row.pk] for row in rows if row.pk in pages]


def covering_restriction():
    """A view restriction on the outer page or one of its ancestors, for Exists()."""
    return PageViewRestriction.objects.filter(
        # The restricted page's path is a prefix of the page's path.
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )


def with_view_restrictions(pages):
    """`pages`, each marked `is_private` when a view restriction covers it (as Wagtail's
    `public()` sees it), and `has_no_view_restrictions` when serving it needs no check:
    nothing covers it and nothing above it is an alias, whose source's restrictions would
    apply (OneQueryViewRestrictionsMixin)."""
    aliased = Page.objects.filter(
        path=Substr(OuterRef("path"), 1, Length("path")), alias_of__isnull=False
    )
    return pages.annotate(
        is_private=Exists(covering_restriction()),
        in_alias=Exists(aliased),
    )


def mark_view_restrictions(page, row):
    page.is_private = row.is_private
    page.has_no_view_restrictions = not (row.is_private or row.in_alias)
    return page


def sections(request, root):
    """`root`'s children, live or not, as specific pages, each marked `is_private` when a
    view restriction covers it: one query while the site is unchanged (delivery/site_memo.py),
    however many requests and templates ask, and the same copies for one request."""
    if root is None:
        return []
    memo = getattr(request, "_kindness_sections", None) if request is not None else None
    if memo is not None and memo[0] == root.pk:
        return memo[1]
    kept = site_memo.remembered(request, ("sections", root.pk), lambda: _fetch_sections(root))
    pages = [compat.keep_parent(site_memo.fresh(page), root) for page in kept]
    if request is not None:
        request._kindness_sections = (root.pk, pages)
    return pages


def _fetch_sections(root):
    models = root.specific_class.allowed_subpage_models()
    children = with_specific_tables(with_view_restrictions(root.get_children()), models)
    return [mark_view_restrictions(as_specific(child, models), child) for child in children]


class OneQueryViewRestrictionsMixin:
    """Finds the view restrictions (password, login) that apply to a page in one query.

    Wagtail's own `get_view_restrictions()`, which serving every page asks, costs two: the
    ancestors, then their restrictions. As there, an alias's restrictions are its source's.
    """

    def get_view_restrictions(self):
        if getattr(self, "has_no_view_restrictions", False):
            # Routing found it so (with_view_restrictions), in this request.
            return PageViewRestriction.objects.none()
        if not self.path:  # Not saved yet: Wagtail's way handles it.
            return super().get_view_restrictions()
        steps = range(self.steplen, len(self.path) + 1, self.steplen)
        chain = Page.objects.filter(path__in=[self.path[:end] for end in steps])
        return PageViewRestriction.objects.filter(
            Q(page__in=chain.filter(alias_of__isnull=True))
            | Q(page__in=chain.filter(alias_of__isnull=False).values("alias_of"))
        )


class OneQueryRouteMixin:
    """Routes a request to a child page in one query, the child as its specific type.

    Wagtail's own `route()` costs two: the child, then its specific type. Nothing else
    changes: a missing child is a 404, and the child routes the rest of the path.
    """

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        child = self.child_for_route(request, path_components[0])
        if child is None:
            raise Http404
        compat.keep_parent(child, self)
        return child.route(request, path_components[1:])

    def child_for_route(self, request, slug):
        models = self.allowed_subpage_models()
        children = with_view_restrictions(self.get_children().filter(slug=slug))
        # A slug names one child at most: no order to sort by (which costs Django more to
        # write, for every column joined, than Postgres to run).
        row = next(iter(with_specific_tables(children, models).order_by()[:1]), None)
        if row is None:
            return None
        return mark_view_restrictions(as_specific(row, models), row)
