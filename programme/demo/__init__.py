"""The programme's demo content: the landing page with the brief, and every strand.

The brief's wording lives in brief.md beside this module, a verbatim copy of the text
the programme team supplied; this module only decides where each part goes and which of
its names link to which page.
"""

from html import escape
from pathlib import Path

from django.utils.html import format_html
from wagtail.models import Page, Site

from kindness.demo import child_page
from kindness.public_url import point_site_at
from people.models import PersonPage
from programme.demo.pages import load as load_content_pages
from programme.models import HomePage, StrandIndexPage, StrandPage

BRIEF_FILE = Path(__file__).with_name("brief.md")

INTRODUCTION = (
    "Since 2016 we have led a programme of work exploring what can be done to encourage "
    "kindness in our communities, in our organisations and services, and in public policy."
)

# The strands in the order the programme ran them (facts.md), in the site's own words.
STRANDS = [
    {
        "slug": "kinder-communities",
        "title": "Kinder communities",
        "start_year": 2016,
        "end_year": 2017,
        "status": StrandPage.Status.COMPLETED,
        "partners": [
            "Joseph Rowntree Foundation (JRF)",
            "Seven community organisations in Scotland",
        ],
        "summary": "Seven community organisations, supported by the Joseph Rowntree Foundation, "
        "tested what helps everyday kindness to grow in a community.",
        "body": "The first strand of the programme looked at how everyday relationships support "
        "the wellbeing of people and communities, and at the barriers that can get in the way "
        "of kindness. Its learning is told in The Place of Kindness, a report and a short film.",
    },
    {
        "slug": "kindness-and-public-policy",
        "title": "Kindness and public policy",
        "start_year": 2018,
        "end_year": 2019,
        "status": StrandPage.Status.COMPLETED,
        "partners": ["Julia Unwin DBE, Carnegie Fellow", "University of Edinburgh"],
        "summary": "Why public policy has kept kindness at arm's length, and why the challenges "
        "of our time call for an approach centred on relationships.",
        "body": "With Carnegie Fellow Julia Unwin DBE the programme examined the place of "
        "kindness and emotion in public policy. A supported publication by Simon Anderson and "
        "Julie Brownlie took the theme further for Scotland.",
    },
    {
        "slug": "quantifying-kindness",
        "title": "Quantifying kindness",
        "start_year": 2018,
        "end_year": 2018,
        "status": StrandPage.Status.COMPLETED,
        "partners": ["Ipsos MORI (survey fieldwork)"],
        "summary": "The first quantitative survey of people's experiences of kindness in their "
        "communities and public services, across the UK and Ireland.",
        "body": "The survey found generally high levels of kindness, with real differences "
        "between jurisdictions and between social groups. Over 90% of people think those in "
        "their area are kind, but only about two in five strongly agree.",
    },
    {
        "slug": "kindness-innovation-network",
        "title": "Kindness Innovation Network",
        "start_year": 2018,
        "end_year": 2019,
        "status": StrandPage.Status.COMPLETED,
        "partners": ["Over a hundred practitioners across Scotland"],
        "summary": "Practitioners from across Scotland developed and tested ideas to embed "
        "kindness in the places they work.",
        "body": "The network's learning on putting kindness into practice, and on the "
        "challenges of risk, professionalism and performance management, is gathered in The "
        "Practice of Kindness, a report and a short film.",
    },
    {
        "slug": "north-ayrshire-partnership",
        "title": "North Ayrshire partnership",
        "start_year": 2018,
        "end_year": 2020,
        "status": StrandPage.Status.COMPLETED,
        "partners": ["North Ayrshire Council"],
        "summary": "Two and a half years alongside North Ayrshire Council as it embedded "
        "kindness as an organisational value.",
        "body": "The partnership's shared learning, including the council's response to "
        "COVID-19, is told in North Ayrshire: A case study on kindness.",
    },
    {
        "slug": "kindness-in-health-and-social-care",
        "title": "Kindness in health and social care",
        "start_year": 2020,
        "end_year": None,
        "status": StrandPage.Status.CURRENT,
        "partners": ["Dr Elizabeth Kelly, Carnegie Associate", "NHS Scotland medics"],
        "lead": "elizabeth-kelly",
        "summary": "Exploring the role of kindness in health and social care in Scotland, "
        "beginning with medics' reflections on the response to COVID-19.",
        "body": "A small group of medics reflected on what the healthcare response to "
        "COVID-19 taught them about kindness. Their findings are discussed in The courage to "
        "be kind.",
    },
    {
        "slug": "kindness-leadership-network",
        "title": "Kindness Leadership Network",
        "start_year": 2019,
        "end_year": None,
        "status": StrandPage.Status.CURRENT,
        "partners": ["Leaders across England, Scotland and Wales"],
        "summary": "Leaders from different sectors co-creating a vision and practical tools "
        "to unlock kindness within organisations.",
        "body": "The network brings together leaders from England, Scotland and Wales. Its "
        "vision and practical tools are in progress.",
    },
    {
        "slug": "creating-space-for-kindness",
        "title": "Creating space for kindness",
        "start_year": 2020,
        "end_year": 2021,
        "status": StrandPage.Status.RELATED,
        "partners": ["Ten Scottish library services"],
        "summary": "Work with a small cohort of public libraries to create space for kindness.",
        "body": "Ten Scottish library services explored how a public library can make room "
        "for kindness. A report followed in 2021.",
    },
    {
        "slug": "covid-and-communities",
        "title": "Covid and Communities",
        "start_year": 2020,
        "end_year": 2020,
        "status": StrandPage.Status.RELATED,
        "partners": ["Sixteen communities"],
        "summary": "Learning from sixteen communities about how they responded to COVID-19.",
        "body": "The work led to two publications in 2020: Pooling Together, and A Shared "
        "Response.",
    },
]

# Names in the brief and the slug of the page each links to, in the order they appear.
# A name whose page does not exist (yet) stays plain text.
BRIEF_LINKS = [
    ("kinder communities", "kinder-communities"),
    ("The Place of Kindness", "the-place-of-kindness"),
    ("short film", "the-place-of-kindness-film"),
    ("Julia Unwin DBE", "julia-unwin"),
    ("kindness in public policy", "kindness-and-public-policy"),
    (
        "Kindness, emotions and human relationships: The blind spot in public policy",
        "kindness-emotions-and-human-relationships",
    ),
    ("Simon Anderson", "simon-anderson"),
    ("Julie Brownlie", "julie-brownlie"),
    (
        "Public policy and the infrastructure of kindness in Scotland",
        "public-policy-and-the-infrastructure-of-kindness-in-scotland",
    ),
    ("first ever quantitative survey", "quantifying-kindness"),
    (
        "Quantifying kindness, public engagement and place",
        "quantifying-kindness-public-engagement-and-place",
    ),
    ("Kindness Innovation Network", "kindness-innovation-network"),
    ("The Practice of Kindness", "the-practice-of-kindness"),
    ("short film", "the-practice-of-kindness-film"),
    ("North Ayrshire Council", "north-ayrshire-partnership"),
    ("North Ayrshire: A case study on kindness", "north-ayrshire-a-case-study-on-kindness"),
    ("Dr Elizabeth Kelly", "elizabeth-kelly"),
    (
        "the role of kindness in health and social care in Scotland",
        "kindness-in-health-and-social-care",
    ),
    ("The courage to be kind", "the-courage-to-be-kind"),
    ("Kindness Leadership Network", "kindness-leadership-network"),
    ("create space for kindness", "creating-space-for-kindness"),
    ("Covid and Communities", "covid-and-communities"),
]

SPEAK_TO = ["jennifer-wallace", "ben-thurman"]


def read_brief():
    """The brief as {'heading', 'paragraphs', 'bullets_after', 'bullets', 'contacts'}.

    The supplied text has a heading, paragraphs separated by blank lines, one list of
    bullets, and then the page furniture ("Speak To", the contacts, the Facebook and share
    lines) which the site renders from its own components.
    """
    text = BRIEF_FILE.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    chunks = [chunk.strip() for chunk in text.split("\n\n") if chunk.strip()]
    heading, *rest = chunks
    furniture = rest.index("Speak To")
    body = rest[:furniture]
    paragraphs, bullets, bullets_after = [], [], 0
    for chunk in body:
        lines = [line.strip() for line in chunk.splitlines()]
        if lines[0].startswith("•"):
            bullets = [line.lstrip("• ").strip() for line in lines]
            bullets_after = len(paragraphs)
        else:
            paragraphs.append(" ".join(lines))
    return {
        "heading": heading,
        "paragraphs": paragraphs,
        "bullets": bullets,
        "bullets_after": bullets_after,
        "contacts": [
            line for line in rest[furniture + 1 :] if not line.startswith(("Follow", "Share"))
        ],
    }


def linked_html(texts, links):
    """Each text as rich-text HTML, with the linked names turned into page links.

    `links` is consumed in order across the texts, so a name that appears twice ("short
    film") links the occurrence that the list means.
    """
    pending = list(links)
    html = []
    for text in texts:
        out, position = [], 0
        while pending:
            name, page = pending[0]
            found = text.find(name, position)
            if found < 0:
                break
            out.append(escape(text[position:found], quote=False))
            if page is None:
                out.append(escape(name, quote=False))
            else:
                out.append(format_html('<a linktype="page" id="{}">{}</a>', page.pk, name))
            position = found + len(name)
            pending.pop(0)
        out.append(escape(text[position:], quote=False))
        html.append("".join(out))
    return html


def create_site():
    """The landing page at the root of the default site, and the strand index under it.

    The strand index comes first so that the main navigation lists the programme before
    the sections other apps add.
    """
    strand_index(home_page())


def load():
    """Every strand of the programme that is missing, with its lead (a person page)."""
    load_strands(strand_index(home_page()), people_by_slug())


def link():
    """The brief on the landing page, and the site's own pages (About, privacy and
    accessibility), which link the strands, people and publications they name."""
    home, people = home_page(), people_by_slug()
    write_brief(home, people)
    load_content_pages(home, speak_to_pages(people))


def speak_to_pages(people):
    """The person pages of SPEAK_TO that exist, for the brief and the about page."""
    return [people[slug] for slug in SPEAK_TO if slug in people]


def people_by_slug():
    return {person.slug: person for person in PersonPage.objects.all()}


def home_page():
    """The landing page at the root of the default site, created on the first run."""
    home = HomePage.objects.first()
    if home:
        return home
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    # At the address the site is served on (PUBLIC_URL), so its links are right at once.
    point_site_at(site)
    # Wagtail's "Welcome to your new Wagtail site!" page makes way for the real one.
    Page.objects.filter(depth=2, content_type__model="page").delete()
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Kinder Communities", slug="home", introduction=INTRODUCTION)
    )
    site.root_page = home
    site.site_name = "Kinder Communities"
    site.save()
    return home


def strand_index(home):
    index, _ = child_page(
        home,
        StrandIndexPage,
        "programme",
        title="The programme",
        show_in_menus=True,
        introduction="The strands of work the programme has run since 2016, current work first.",
    )
    return index


def load_strands(index, people):
    strands = {}
    for data in STRANDS:
        data = dict(data)
        slug = data.pop("slug")
        partners = data.pop("partners")
        lead = data.pop("lead", None)
        body = data.pop("body")
        strand = StrandPage.objects.child_of(index).filter(slug=slug).first()
        if strand is None:
            strand = StrandPage(slug=slug, body=[("paragraph", f"<p>{escape(body)}</p>")], **data)
            for name in partners:
                strand.partners.add(strand.partners.model(name=name))
            if lead in people:
                strand.strand_people.add(
                    strand.strand_people.model(person=people[lead], role="lead")
                )
            index.add_child(instance=strand)
            strand.save_revision().publish()
        strands[slug] = strand
    return strands


def timeline(strands):
    """The programme so far: each strand in the order it ran, told by its own page."""
    chosen = [strands[data["slug"]] for data in STRANDS if data["slug"] in strands]
    return {"heading": "The programme so far", "strands": chosen}


def write_brief(home, people):
    """Fill the landing page's body with the brief, once: an editor's later work is kept."""
    if home.body:
        return False
    brief = read_brief()
    pages = {
        page.slug: page for page in Page.objects.filter(slug__in={slug for _, slug in BRIEF_LINKS})
    }
    links = [(name, pages.get(slug)) for name, slug in BRIEF_LINKS]
    cut = brief["bullets_after"]
    html = linked_html(
        brief["paragraphs"][:cut] + brief["bullets"] + brief["paragraphs"][cut:], links
    )
    before, bullets, after = (
        html[:cut],
        html[cut : cut + len(brief["bullets"])],
        html[cut + len(brief["bullets"]) :],
    )
    strands = {strand.slug: strand for strand in StrandPage.objects.live()}
    speak_to = speak_to_pages(people)
    body = [("heading", {"text": brief["heading"], "level": "h2"})]
    body += [("paragraph", "".join(f"<p>{p}</p>" for p in before))]
    body += [
        (
            "highlight",
            {
                "heading": "Our current work",
                "introduction": "",
                "items": [
                    {"text": f"<p>{item}</p>", "page": None, "link_text": ""} for item in bullets
                ],
            },
        )
    ]
    body += [("paragraph", "".join(f"<p>{p}</p>" for p in after))]
    if strands:
        body += [("timeline", timeline(strands))]
    if speak_to:
        body += [("speak_to", {"heading": "Speak to", "people": speak_to})]
    home.body = body
    home.save_revision().publish()
    return True
