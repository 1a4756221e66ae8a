from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from kindness.search.text import MAX_QUERY_LENGTH, clean_query
from people.models import PersonPage
from programme.models import StrandPage

from .models.publications import PublicationType


class FilterSelect(forms.Select):
    """A filter's <select>, its options written by its own template.

    Django's draws each option through two templates of its own (the option, its
    attributes): 3 ms of the library page, whose author filter lists every author.
    """

    template_name = "publications/widgets/filter_select.html"


class PageChoiceField(forms.ChoiceField):
    """A choice among pages by slug. Their slugs, titles and ids are fetched in one query
    (`page_choices()`), for listing them and checking the choice together: a
    ModelChoiceField costs a query for each, and builds every page only to print its title.
    The choice is the page's id."""

    def __init__(self, *, empty_label, **kwargs):
        super().__init__(required=False, widget=FilterSelect, **kwargs)
        self.empty_label = empty_label
        self.pages = {}

    def set_pages(self, rows):
        """`rows`: each page's (slug, title, id), from `page_choices()`."""
        self.pages = {slug: pk for slug, _, pk in rows}
        self.choices = [("", self.empty_label)] + [(slug, title) for slug, title, _ in rows]

    def clean(self, value):
        return self.pages.get(super().clean(value))


def page_choices(pages):
    return tuple(pages.values_list("slug", "title", "pk"))


def name_key(name):
    """A name as a reader might type it: any case, any spacing."""
    return " ".join(name.split()).casefold()


class AuthorField(forms.CharField):
    """An author, typed by name, among the people with work in the library.

    A list of every author would grow with the library (hundreds of people make a select
    no one can use and a page ten times its size), so the field is a text box: the page
    carries an empty <datalist>, which a small script fills with the authors' names from
    the library's list of authors when the box is first used, and without JavaScript a
    name typed in full still finds its author. A link to the library filtered by a person
    (their page has one) gives their page's slug, which is accepted too. The choice is
    the person's page id; a name nobody has is an error shown beside the box.
    """

    def __init__(self, **kwargs):
        widget = forms.TextInput(attrs={"list": "library-authors", "autocomplete": "off"})
        widget.template_name = "publications/widgets/author_input.html"
        super().__init__(required=False, max_length=200, widget=widget, **kwargs)
        self.people = {}

    def set_people(self, people):
        """`people`: each author's (page id, name), keyed by slug and by `name_key(name)`."""
        self.people = people

    def find(self, value):
        return self.people.get(value) or self.people.get(name_key(value or ""))

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        found = self.find(value)
        if found is None:
            raise ValidationError(
                "No one of that name has work in the library: choose a name as you type, "
                "or find the person under People.",
                code="unknown_author",
            )
        return found[0]


def author_lookup(rows):
    """`rows`: each author's (slug, name, page id). Found by slug or by name as typed."""
    people = {}
    for slug, title, pk in rows:
        people.setdefault(name_key(title), (pk, title))
        people[slug] = (pk, title)
    return people


class LibraryFilterForm(forms.Form):
    """The library's filters, read from the query string. A bad value is simply ignored."""

    # The same words, length and cleaning as the site's search box.
    q = forms.CharField(
        label="Search the library",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )
    type = forms.ChoiceField(
        required=False,
        widget=FilterSelect,
        choices=[("", "All types"), *PublicationType.choices, ("film", "Film")],
    )
    strand = PageChoiceField(empty_label="All strands")
    year = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, widget=FilterSelect)
    author = AuthorField()

    def __init__(self, data=None, *args, choices, **kwargs):
        """`choices`: what `LibraryFilterForm.choices(items)` gave for the library's items."""
        found = choices["author"].get((data or {}).get("author", ""))
        if found is not None:  # A slug, from a link: the box shows the name instead.
            data = data.copy()
            data["author"] = found[1]
        super().__init__(data, *args, **kwargs)
        self.fields["strand"].set_pages(choices["strand"])
        self.fields["author"].set_people(choices["author"])
        self.fields["author"].widget.attrs["data-suggestions"] = reverse("publications-authors")
        self.fields["year"].choices = [("", "All years")] + [
            (str(year), str(year)) for year in choices["year"]
        ]

    @staticmethod
    def choices(items):
        """What the filters offer for `items`: the live strands, the authors with a person
        page who wrote one of them (`author_lookup()`; their names in order under
        "author_names"), their years. Plain values, three queries."""
        strands = StrandPage.objects.live().order_by("title")
        authors = (
            PersonPage.objects.live()
            .filter(authored_publications__page__in=items)
            .distinct()
            .order_by("last_name", "title")
        )
        authors = page_choices(authors)
        return {
            "strand": page_choices(strands),
            "author": author_lookup(authors),
            "author_names": tuple(title for _, title, _ in authors),
            "year": [day.year for day in items.dates("date", "year", order="DESC")],
        }

    def clean_q(self):
        return clean_query(self.cleaned_data["q"])

    def filter(self, items):
        """`items` narrowed by every filter whose value is valid."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("type") == "film":
            items = items.filter(filmpage__isnull=False)
        elif data.get("type"):
            items = items.filter(publicationpage__publication_type=data["type"])
        if data.get("strand"):
            items = items.filter(strands=data["strand"])
        if data.get("year"):
            items = items.filter(date__year=data["year"])
        if data.get("author"):
            items = items.filter(publicationpage__authors__person=data["author"])
        return items.distinct()

    @property
    def active(self):
        return any(self.cleaned_data.get(name) for name in self.fields)
