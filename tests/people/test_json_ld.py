"""Person pages publish schema.org Person data."""

import json

from tests.html import soup
from tests.people.factories import PersonLinkFactory


def person_data(client, url):
    scripts = soup(client.get(url)).select('script[type="application/ld+json"]')
    people = [json.loads(script.string) for script in scripts]
    return next(data for data in people if data.get("@type") == "Person")


def test_person_json_ld_names_the_person_their_job_and_employer(jennifer, client):
    PersonLinkFactory(page=jennifer, url="https://www.linkedin.com/in/jw", sort_order=0)
    PersonLinkFactory(page=jennifer, url="https://bsky.app/profile/jw", sort_order=1)
    data = person_data(client, jennifer.url)
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "Jennifer Wallace"
    assert (data["givenName"], data["familyName"]) == ("Jennifer", "Wallace")
    assert data["jobTitle"] == "Head of Policy"
    assert data["worksFor"] == {"@type": "Organization", "name": "Carnegie UK Trust"}
    assert data["email"] == "jennifer.wallace@example.org"
    assert data["telephone"] == "+44 (0)1383 721445"
    assert data["url"] == f"http://localhost{jennifer.url}"
    assert data["sameAs"] == ["https://www.linkedin.com/in/jw", "https://bsky.app/profile/jw"]


def test_person_json_ld_keeps_honorifics_and_leaves_out_what_is_unknown(elizabeth, client):
    elizabeth.organisation = ""
    elizabeth.biography = "<p>A Carnegie <b>Associate</b>.</p>"
    elizabeth.save_revision().publish()
    data = person_data(client, elizabeth.url)
    assert data["name"] == "Dr Elizabeth Kelly"
    assert data["honorificPrefix"] == "Dr"
    assert data["description"] == "A Carnegie Associate."
    for unknown in ("email", "telephone", "worksFor", "sameAs", "image", "honorificSuffix"):
        assert unknown not in data


def test_person_json_ld_has_an_absolute_image_address(jennifer, photo, client):
    jennifer.photo = photo
    jennifer.save_revision().publish()
    assert person_data(client, jennifer.url)["image"].startswith("http://localhost/")
