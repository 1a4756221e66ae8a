"""Links to pages in rich text: each goes to its page's address, all of a text's links found
in one query, whatever the linked pages' types; a link to a deleted page keeps its words."""

from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText


def test_a_texts_links_to_pages_of_every_type_cost_one_query(pages):
    linked = [pages["publication"], pages["person"], pages["strand"], pages["content page"]]
    pages["content page"].unpublish()  # An editor may link to a draft: Wagtail still does.
    expected = [page.url for page in linked]  # Also fills Wagtail's cache of site roots.
    text = "".join(f'<p><a linktype="page" id="{page.pk}">{page.title}</a></p>' for page in linked)
    text += '<p><a linktype="page" id="987654">A page since deleted</a></p>'

    with CaptureQueriesContext(connection) as queries:
        html = BeautifulSoup(RichText(text).__html__(), "html.parser")

    assert len(queries) == 1, [query["sql"] for query in queries]
    links = html.find_all("a")
    assert [link.get("href") for link in links] == [*expected, None]
    assert links[-1].get_text() == "A page since deleted"
