"""The Atom feed of the newsletter's issues."""

from xml.etree import ElementTree

from tests.newsletter.issue_pages import add_issues

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client):
    response = client.get("/newsletter/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text == "Kinder Communities newsletter"
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    return feed.findall(f"{ATOM}entry")


def test_the_feed_has_each_issue_with_its_link_and_summary(demo, client, settings):
    (entry,) = entries(client)
    assert entry.find(f"{ATOM}title").text.startswith("The courage to be kind")
    link = entry.find(f"{ATOM}link").get("href")
    assert link.endswith("/newsletter-archive/the-courage-to-be-kind-and-north-ayrshire/")
    assert link.startswith("http")
    assert "North Ayrshire Council" in entry.find(f"{ATOM}summary").text
    assert entry.find(f"{ATOM}published").text
    assert entry.find(f"{ATOM}updated").text


def test_newest_first_and_at_most_twenty(demo, client):
    add_issues(25)
    found = entries(client)
    assert len(found) == 20
    assert [entry.find(f"{ATOM}title").text for entry in found[1:3]] == [
        "Issue number 1",
        "Issue number 2",
    ]


def test_an_unpublished_issue_leaves_the_feed(demo, client):
    (issue,) = add_issues(1)
    issue.unpublish()
    titles = [entry.find(f"{ATOM}title").text for entry in entries(client)]
    assert "Issue number 1" not in titles


def test_only_get_and_head(demo, client):
    assert client.post("/newsletter/feed/").status_code == 405
