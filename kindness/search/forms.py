from django import forms

from kindness.search.text import MAX_QUERY_LENGTH, clean_query


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
        return clean_query(self.cleaned_data["q"])
