from django import forms

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
    author = PageChoiceField(empty_label="All authors")

    def __init__(self, *args, choices, **kwargs):
        """`choices`: what `LibraryFilterForm.choices(items)` gave for the library's items."""
        super().__init__(*args, **kwargs)
        self.fields["strand"].set_pages(choices["strand"])
        self.fields["author"].set_pages(choices["author"])
        self.fields["year"].choices = [("", "All years")] + [
            (str(year), str(year)) for year in choices["year"]
        ]

    @staticmethod
    def choices(items):
        """What the filters offer for `items`: the live strands, the authors with a person
        page who wrote one of them, their years. Plain values, three queries."""
        strands = StrandPage.objects.live().order_by("title")
        authors = (
            PersonPage.objects.live()
            .filter(authored_publications__page__in=items)
            .distinct()
            .order_by("last_name", "title")
        )
        return {
            "strand": page_choices(strands),
            "author": page_choices(authors),
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
