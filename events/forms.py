from django import forms
from django.core.paginator import Paginator

# Events a page, upcoming or past.
PAGE_SIZE = 12


class EventListForm(forms.Form):
    """The events lists' one parameter, `?page=`: a number, or anything else, which is
    ignored (the first page), never an error."""

    page = forms.IntegerField(min_value=1, max_value=100_000, required=False)

    def page_number(self):
        if self.is_valid() and self.cleaned_data["page"]:
            return self.cleaned_data["page"]
        return 1

    def page_of(self, events):
        # A number past the last page is the last page.
        return Paginator(events, PAGE_SIZE).get_page(self.page_number())
