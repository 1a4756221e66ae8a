"""What the programme adds to the core's templates: the footer's page links (a slot, see
kindness.slots)."""

from wagtail import hooks
from wagtail.models import Site

from kindness.navigation import sections
from kindness.slots import SlotComponent
from programme.models import ContentPage


class FooterLinks(SlotComponent):
    """The content pages an editor ticked "show in footer" for (about, privacy,
    accessibility), in the explorer's order."""

    template_name = "programme/components/footer_links.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        site = Site.find_for_request(self.request) if self.request else None
        if site is None:
            return {"pages": []}
        # Content pages are children of the home page: among the sections this request has.
        pages = [
            page
            for page in sections(self.request, site.root_page)
            if isinstance(page, ContentPage)
            and page.live
            and page.show_in_footer
            and not page.is_private
        ]
        return {"pages": pages}


@hooks.register("slot:footer_end")
def footer_links(context):
    return FooterLinks(context.get("request"))
