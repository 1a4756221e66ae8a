from wagtail.images.forms import BaseImageForm

from kindness.blocks import alt_text_problem


class ImageForm(BaseImageForm):
    """Wagtail's image form, refusing a description that is only a file name or the title.

    The description is the image's alt text on every page that shows it. It may stay empty
    while the image waits in the library: a page refuses the image until it has one.
    """

    def clean(self):
        cleaned_data = super().clean()
        description = cleaned_data.get("description") or ""
        title = cleaned_data.get("title") or self.instance.title
        if description.strip() and alt_text_problem(description, title):
            self.add_error(
                "description",
                "Describe what the image shows, for people who cannot see it: a file name or "
                "the image's title tells them nothing.",
            )
        return cleaned_data
