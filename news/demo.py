"""The programme's news: a post for each publication whose day is known (facts.md), on
that day, in the site's own words, linking the publication, its strand and its people.

Who wrote each post is not known, so the demo's posts name no author: an editor adds one.
The Practice of Kindness and the Scottish supported publication came out in a known month
but on an unknown day, so they have no post: a post's date is a day, and none is invented.
"""

import datetime

from django.utils.html import escape, format_html

from kindness.demo import (
    GENERATED_NOTE,
    GENERATED_PREFIX,
    child_page,
    generated_image,
    generated_numbers,
    generated_slug,
    home,
)
from people.models import PersonPage
from programme.models import StrandPage

from .models import NewsAuthor, NewsIndexPage, NewsPostPage

D = datetime.date

INTRODUCTION = (
    "What the programme has published and done, newest first. Choose a strand to see only its news."
)

# Each post's text, with {placeholders} for links to the site's pages: "p:<slug>" a
# publication, "s:<slug>" a strand, "h:<slug>" a person.
POSTS = [
    {
        "slug": "the-courage-to-be-kind-published",
        "title": "The courage to be kind is published",
        "date": D(2020, 12, 8),
        "strands": ["kindness-in-health-and-social-care"],
        "summary": "Our new report brings together what a small group of medics learned "
        "about kindness from the healthcare response to COVID-19.",
        "paragraphs": [
            "Today we publish {p:the-courage-to-be-kind|The courage to be kind}, by "
            "{h:ben-thurman|Ben Thurman} with Carnegie Associate "
            "{h:elizabeth-kelly|Dr Elizabeth Kelly}.",
            "It comes from our work on {s:kindness-in-health-and-social-care|kindness in "
            "health and social care} in Scotland, where we worked with a small group of "
            "medics to reflect on learning from the healthcare response to COVID-19.",
        ],
    },
    {
        "slug": "a-shared-response-published",
        "title": "A Shared Response is published",
        "date": D(2020, 12, 2),
        "strands": ["covid-and-communities"],
        "summary": "A Shared Response comes out of the Trust's work on Covid and Communities "
        "with sixteen communities.",
        "paragraphs": [
            "Today the Trust publishes A Shared Response, from its work on "
            "{s:covid-and-communities|Covid and Communities} with sixteen communities. It "
            "follows Pooling Together, published earlier in 2020.",
            "Our understanding of the importance of kindness has shaped this work, as it "
            "has other areas of the Trust's work.",
        ],
    },
    {
        "slug": "north-ayrshire-case-study-published",
        "title": "North Ayrshire: A case study on kindness is published",
        "date": D(2020, 9, 30),
        "strands": ["north-ayrshire-partnership"],
        "summary": "What we learned from two and a half years with North Ayrshire Council as "
        "it made kindness an organisational value.",
        "paragraphs": [
            "For two and a half years we worked in partnership with North Ayrshire Council "
            "to support their work in embedding kindness as an organisational value.",
            "{p:north-ayrshire-a-case-study-on-kindness|North Ayrshire: A case study on "
            "kindness}, by {h:ben-thurman|Ben Thurman}, captures the learning from this "
            "shared journey, including the response to COVID-19. Read more about the "
            "{s:north-ayrshire-partnership|North Ayrshire partnership}.",
        ],
    },
    {
        "slug": "quantifying-kindness-published",
        "title": "Quantifying kindness: the survey's findings are published",
        "date": D(2018, 11, 13),
        "strands": ["quantifying-kindness"],
        "summary": "A booklet and five jurisdiction factsheets report how people see "
        "kindness in their communities and public services.",
        "paragraphs": [
            "Today we publish {p:quantifying-kindness-public-engagement-and-place|Quantifying "
            "kindness, public engagement and place}, by {h:jennifer-wallace|Jennifer "
            "Wallace} and {h:ben-thurman|Ben Thurman}: a booklet and five jurisdiction "
            "factsheets, from survey fieldwork by Ipsos MORI.",
            "Over 90% of people think people in their area are kind, but only about two in "
            "five strongly agree; over 80% report kindness in public services. More in "
            "{s:quantifying-kindness|Quantifying kindness}.",
        ],
    },
    {
        "slug": "kindness-emotions-and-human-relationships-published",
        "title": "Kindness, emotions and human relationships is published",
        "date": D(2018, 11, 1),
        "strands": ["kindness-and-public-policy"],
        "summary": "Julia Unwin's report on the blind spot in public policy: kindness, "
        "emotions and the relationships between people.",
        "paragraphs": [
            "Today we publish {p:kindness-emotions-and-human-relationships|Kindness, emotions "
            "and human relationships: The blind spot in public policy}, by Carnegie Fellow "
            "{h:julia-unwin|Julia Unwin DBE}.",
            "It is part of our work on {s:kindness-and-public-policy|kindness and public "
            "policy} with the University of Edinburgh.",
        ],
    },
    {
        "slug": "the-place-of-kindness-published",
        "title": "The Place of Kindness is published",
        "date": D(2017, 7, 25),
        "strands": ["kinder-communities"],
        "summary": "Stories from seven community organisations of how everyday relationships "
        "support wellbeing, and what gets in the way of kindness.",
        "paragraphs": [
            "Today we publish {p:the-place-of-kindness|The Place of Kindness: Combating "
            "loneliness and building stronger communities}, by "
            "{h:zoe-ferguson|Zoë Ferguson}.",
            "With the support of the Joseph Rowntree Foundation, we worked with seven "
            "organisations to test what could be done to encourage "
            "{s:kinder-communities|kinder communities}. The report, and a short film, capture "
            "their stories.",
        ],
    },
]


def linked(text, pages):
    """`text` with each {kind:slug|words} made a rich-text link to that page, or the plain
    words while the page does not exist."""
    parts = []
    rest = text
    while "{" in rest:
        before, _, tail = rest.partition("{")
        key, _, rest = tail.partition("}")
        target, _, words = key.partition("|")
        page = pages.get(target)
        parts.append(escape(before))
        if page is None:
            parts.append(escape(words))
        else:
            parts.append(format_html('<a linktype="page" id="{}">{}</a>', page.pk, words))
    parts.append(escape(rest))
    return "".join(parts)


def site_pages():
    """The pages a post may link to, keyed "p:<slug>", "s:<slug>", "h:<slug>"."""
    from wagtail.models import Page

    pages = {}
    for prefix, queryset in (
        ("s", StrandPage.objects.all()),
        ("h", PersonPage.objects.all()),
        ("p", Page.objects.filter(url_path__startswith="/home/library/")),
    ):
        for page in queryset:
            pages[f"{prefix}:{page.slug}"] = page
    return pages


def news_index():
    index, _ = child_page(
        home(),
        NewsIndexPage,
        "news",
        title="News",
        show_in_menus=True,
        introduction=INTRODUCTION,
    )
    return index


def load():
    """Create the news index and every post that is missing."""
    index = news_index()
    pages = site_pages()
    for data in POSTS:
        if NewsPostPage.objects.child_of(index).filter(slug=data["slug"]).exists():
            continue
        fields = dict(data)
        strands = [pages[f"s:{slug}"] for slug in fields.pop("strands") if f"s:{slug}" in pages]
        text = "".join(f"<p>{linked(each, pages)}</p>" for each in fields.pop("paragraphs"))
        post = NewsPostPage(body=[("paragraph", text)], **fields)
        post.strands = strands
        index.add_child(instance=post)
        post.save_revision().publish()


GENERATED_POST_SLUG = "generated-news"


def grow(scale):
    """Generated posts up to `scale` times the real ones, each with a real author and a
    generated one, one or two strands, and every third a picture: so the news index, the
    home page, strand pages and person pages all have more to list."""
    index = NewsIndexPage.objects.first()
    if index is None:
        return
    people = list(PersonPage.objects.order_by("path"))
    real = [person for person in people if not person.title.startswith(GENERATED_PREFIX)]
    made_up = [person for person in people if person.title.startswith(GENERATED_PREFIX)]
    strands = list(StrandPage.objects.live().order_by("path"))
    for n in generated_numbers(index, NewsPostPage, GENERATED_POST_SLUG, len(POSTS) * (scale - 1)):
        slug = generated_slug(GENERATED_POST_SLUG, n)
        title = f"{GENERATED_PREFIX} News {n:03}"
        post = NewsPostPage(
            slug=slug,
            title=title,
            date=D(2016, 3, 1) + datetime.timedelta(days=41 * n % (9 * 365)),
            summary=f"{GENERATED_NOTE} A made-up news post, to give the news more to list.",
            body=[("paragraph", f"<p>{GENERATED_NOTE}</p>")],
        )
        for group in (real, made_up):
            if group:
                post.authors.add(NewsAuthor(person=group[n % len(group)]))
        if strands:
            post.strands = list(
                dict.fromkeys([strands[n % len(strands)], strands[2 * n % len(strands)]])
            )
        if n % 3 == 0:
            post.image = generated_image(
                f"Picture: News {n:03}",
                f"A placeholder picture for {title}, made for benchmarking",
                (1200, 675),
                f"{slug}-picture.png",
            )
        index.add_child(instance=post)
        post.save_revision().publish()
