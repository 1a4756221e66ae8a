from django import forms


class NewsFilterForm(forms.Form):
    """The news index's filter, read from the query string. A bad value is ignored."""

    strand = forms.ChoiceField(
        label="Strand",
        required=False,
        error_messages={"invalid_choice": "There is no strand of that name: here is all the news."},
    )

    def __init__(self, data=None, *args, strands, **kwargs):
        """`strands`: each live strand's (slug, title, id)."""
        super().__init__(data, *args, **kwargs)
        self.strand_ids = {slug: pk for slug, _, pk in strands}
        self.fields["strand"].choices = [("", "All strands")] + [
            (slug, title) for slug, title, _ in strands
        ]

    def filter(self, posts):
        """`posts` narrowed to the chosen strand, if the choice is valid."""
        if self.is_valid() and self.cleaned_data["strand"]:
            return posts.filter(strands=self.strand_ids[self.cleaned_data["strand"]])
        return posts

    @property
    def active(self):
        return bool(self.is_valid() and self.cleaned_data["strand"])
