import unicodedata

from django import forms
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH

MAX_QUERY_LENGTH = min(200, MAX_QUERY_STRING_LENGTH)


class SearchForm(forms.Form):
    """The search page's GET parameters. Anything invalid is dropped, never an error page."""

    q = forms.CharField(
        label="Search the site",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": f"Search for something shorter: at most {MAX_QUERY_LENGTH} characters."
        },
    )
    page = forms.IntegerField(required=False, min_value=1)

    def clean_q(self):
        # Control characters (from pasted text or hostile links) carry no meaning in a search.
        text = "".join(
            " " if unicodedata.category(char).startswith("C") else char
            for char in self.cleaned_data["q"]
        )
        return " ".join(text.split())
