"""The people of the programme (facts.md), as person pages under a people index.

Email addresses and phone numbers are unknown: the fields stay empty until an editor
fills them in, and the pages read well without them.
"""

from people.models import PeopleIndexPage, PersonPage

PEOPLE = [
    {
        "slug": "jennifer-wallace",
        "title": "Jennifer Wallace",
        "last_name": "Wallace",
        "kind": PersonPage.Kind.STAFF,
        "role": "Head of Policy",
        "organisation": "Carnegie UK Trust",
    },
    {
        "slug": "ben-thurman",
        "title": "Ben Thurman",
        "last_name": "Thurman",
        "kind": PersonPage.Kind.STAFF,
        "role": "Policy and Development Officer",
        "organisation": "Carnegie UK Trust",
    },
    {
        "slug": "julia-unwin",
        "title": "Julia Unwin",
        "honorific_suffix": "DBE",
        "last_name": "Unwin",
        "kind": PersonPage.Kind.ASSOCIATE,
        "role": "Carnegie Fellow",
        "organisation": "Carnegie UK Trust",
    },
    {
        "slug": "elizabeth-kelly",
        "title": "Elizabeth Kelly",
        "honorific_prefix": "Dr",
        "last_name": "Kelly",
        "kind": PersonPage.Kind.ASSOCIATE,
        "role": "Carnegie Associate",
        "organisation": "Carnegie UK Trust",
    },
    {
        "slug": "zoe-ferguson",
        "title": "Zoë Ferguson",
        "last_name": "Ferguson",
        "kind": PersonPage.Kind.ASSOCIATE,
        "role": "Carnegie Associate",
        "organisation": "Carnegie UK Trust",
    },
    {
        "slug": "simon-anderson",
        "title": "Simon Anderson",
        "last_name": "Anderson",
        "kind": PersonPage.Kind.AUTHOR,
        "role": "Author",
    },
    {
        "slug": "julie-brownlie",
        "title": "Julie Brownlie",
        "last_name": "Brownlie",
        "kind": PersonPage.Kind.AUTHOR,
        "organisation": "University of Edinburgh",
    },
]


def load(home, child_page):
    """Create the people index and every person who is missing; return people by slug."""
    index, _ = child_page(
        home,
        PeopleIndexPage,
        "people",
        title="People",
        show_in_menus=True,
        introduction="The team behind Kinder Communities, and the associates and fellows "
        "who have worked with us.",
    )
    people = {}
    for data in PEOPLE:
        data = dict(data)
        person, _ = child_page(index, PersonPage, data.pop("slug"), **data)
        people[person.slug] = person
    return people
