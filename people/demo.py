"""The people of the programme (facts.md), as person pages under a people index.

Roles, honorifics and biographies say only what the programme's public record says.
Email addresses, phone numbers and links are unknown: those fields stay empty until an
editor fills them in, and the pages read well without them.
"""

from kindness.demo import (
    GENERATED_NOTE,
    GENERATED_PREFIX,
    child_page,
    generated_image,
    generated_numbers,
    generated_slug,
    home,
)
from people.models import PeopleIndexPage, PersonPage

CARNEGIE = "Carnegie UK Trust"

PEOPLE = [
    {
        "slug": "jennifer-wallace",
        "title": "Jennifer Wallace",
        "last_name": "Wallace",
        "kind": PersonPage.Kind.STAFF,
        "role": "Head of Policy",
        "organisation": CARNEGIE,
        "biography": "<p>Jennifer Wallace is Head of Policy at the Carnegie UK Trust and one "
        "of the programme's contacts. With Ben Thurman she wrote Quantifying kindness, public "
        "engagement and place (2018), the data series from the first ever quantitative survey "
        "of experiences of kindness in communities and public services.</p>",
    },
    {
        "slug": "ben-thurman",
        "title": "Ben Thurman",
        "last_name": "Thurman",
        "kind": PersonPage.Kind.STAFF,
        "role": "Policy and Development Officer",
        "organisation": CARNEGIE,
        "biography": "<p>Ben Thurman is Policy and Development Officer at the Carnegie UK "
        "Trust and one of the programme's contacts. He wrote North Ayrshire: A case study on "
        "kindness (2020) and The courage to be kind (2020, with Dr Elizabeth Kelly), and "
        "co-wrote Quantifying kindness, public engagement and place (2018) and The Practice "
        "of Kindness (2019).</p>",
    },
    {
        "slug": "julia-unwin",
        "title": "Julia Unwin",
        "honorific_suffix": "DBE",
        "last_name": "Unwin",
        "kind": PersonPage.Kind.ASSOCIATE,
        "role": "Carnegie Fellow",
        "organisation": CARNEGIE,
        "biography": "<p>Julia Unwin DBE is a Carnegie Fellow. With the programme she "
        "examined the role of kindness in public policy; her report, Kindness, emotions and "
        "human relationships: The blind spot in public policy, was published in 2018.</p>",
    },
    {
        "slug": "elizabeth-kelly",
        "title": "Elizabeth Kelly",
        "honorific_prefix": "Dr",
        "last_name": "Kelly",
        "kind": PersonPage.Kind.ASSOCIATE,
        "role": "Carnegie Associate",
        "organisation": CARNEGIE,
        "biography": "<p>Dr Elizabeth Kelly is a Carnegie Associate. She leads the "
        "programme's work on the role of kindness in health and social care in Scotland, in "
        "which a small group of medics reflected on the healthcare response to COVID-19; "
        "their findings are discussed in The courage to be kind (2020).</p>",
    },
    {
        "slug": "zoe-ferguson",
        "title": "Zoë Ferguson",
        "last_name": "Ferguson",
        "kind": PersonPage.Kind.ASSOCIATE,
        "role": "Carnegie Associate",
        "organisation": CARNEGIE,
        "biography": "<p>Zoë Ferguson is a Carnegie Associate. She wrote The Place of "
        "Kindness (2017) and, with Ben Thurman, The Practice of Kindness (2019).</p>",
    },
    {
        "slug": "simon-anderson",
        "title": "Simon Anderson",
        "last_name": "Anderson",
        "kind": PersonPage.Kind.AUTHOR,
        "biography": "<p>Simon Anderson wrote, with Julie Brownlie, Public policy and the "
        "infrastructure of kindness in Scotland (2019), a publication supported by the "
        "programme.</p>",
    },
    {
        "slug": "julie-brownlie",
        "title": "Julie Brownlie",
        "last_name": "Brownlie",
        "kind": PersonPage.Kind.AUTHOR,
        "organisation": "University of Edinburgh",
        "biography": "<p>Julie Brownlie, of the University of Edinburgh, wrote, with Simon "
        "Anderson, Public policy and the infrastructure of kindness in Scotland (2019), a "
        "publication supported by the programme.</p>",
    },
]


def load():
    """Create the people index and every person who is missing."""
    index, _ = child_page(
        home(),
        PeopleIndexPage,
        "people",
        title="People",
        show_in_menus=True,
        introduction="The team behind Kinder Communities, and the associates and fellows "
        "who have worked with us.",
    )
    for data in PEOPLE:
        data = dict(data)
        child_page(index, PersonPage, data.pop("slug"), **data)


GENERATED_SLUG = "generated-person"
# Listed kinds and outside authors alike, so the people index and the author links grow.
GENERATED_KINDS = [PersonPage.Kind.STAFF, PersonPage.Kind.ASSOCIATE, PersonPage.Kind.AUTHOR]


def grow(scale):
    """Generated people up to `scale` times the real ones, every other one with a photo."""
    index = PeopleIndexPage.objects.first()
    if index is None:
        return
    for n in generated_numbers(index, PersonPage, GENERATED_SLUG, len(PEOPLE) * (scale - 1)):
        name = f"Person {n:03}"
        photo = None
        if n % 2:
            photo = generated_image(
                f"Portrait: {name}",
                f"A placeholder portrait of {GENERATED_PREFIX} {name}, made for benchmarking",
                (400, 400),
                f"{GENERATED_SLUG}-{n:03}.png",
            )
        child_page(
            index,
            PersonPage,
            generated_slug(GENERATED_SLUG, n),
            title=f"{GENERATED_PREFIX} {name}",
            last_name=name,
            kind=GENERATED_KINDS[n % len(GENERATED_KINDS)],
            role="Generated for benchmarking",
            organisation="Nowhere (generated)",
            photo=photo,
            biography=f"<p>{GENERATED_NOTE} A made-up person who writes made-up reports.</p>",
        )
