"""The programme's seven reports and two films (facts.md), under a library page.

Summaries are in the site's own words. A report offers a PDF only where the site has its
text: the documents worker makes it from the report (publications/pdf.py). The full reports
themselves are not here, and no stand-in takes their place: a reader offered a "Full report"
must get one. The films' recordings and transcripts are unknown: each has a
poster made here and an empty video address and transcript for an editor to fill in, and
its page tells readers plainly that the recording is not online yet.
"""

import datetime
import hashlib
import io
import logging

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

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

from .models import (
    DatePrecision,
    FilmPage,
    PublicationDownload,
    PublicationIndexPage,
    PublicationPage,
    PublicationType,
)

logger = logging.getLogger(__name__)

D = datetime.date

# The survey's figures for one question, as published (the programme's facts sheet).
LIBRARY_KINDNESS_CHART = {
    "title": "People who agree they are treated with kindness at their public library",
    "description": "In every jurisdiction at least 90% agree that they are treated with "
    "kindness at their public library; between 33% and 56% strongly agree.",
    "chart_type": "grouped",
    "data": "Jurisdiction,Agree,Strongly agree\n"
    "Northern Ireland,96,44\n"
    "Ireland,94,49\n"
    "Scotland,93,56\n"
    "Wales,92,45\n"
    "England,90,33\n",
    "units": "%",
    "axis_title": "Share of people (%)",
    "source": "Carnegie UK Trust, Quantifying kindness, public engagement and place "
    "(13 November 2018); survey fieldwork by Ipsos MORI.",
}

# The survey's HTML summary: only what the facts sheet states (the library table and the
# stated findings) and the brief says of the survey; no figure, quote or finding besides.
SURVEY_TABLE = {
    "caption": "Share of people who agree they are treated with kindness at their public "
    "library, by jurisdiction (%)",
    "columns": [
        {"type": "text", "heading": "Jurisdiction"},
        {"type": "number", "heading": "Agree (%)"},
        {"type": "number", "heading": "Strongly agree (%)"},
    ],
    "rows": [
        {"values": [place, agree, strongly]}
        for place, agree, strongly in [
            ("Northern Ireland", "96", "44"),
            ("Ireland", "94", "49"),
            ("Scotland", "93", "56"),
            ("Wales", "92", "45"),
            ("England", "90", "33"),
        ]
    ],
}


def _heading(text, level="h2"):
    return ("heading", {"text": text, "level": level, "anchor": ""})


SURVEY_SUMMARY = [
    _heading("About the survey"),
    (
        "paragraph",
        "<p>In 2018 the Carnegie UK Trust published the findings of the first quantitative "
        "survey of experiences of kindness in communities and public services across the UK "
        "and Ireland.[^survey] The fieldwork was carried out by Ipsos MORI.</p>"
        "<p>The findings were published as a booklet and five factsheets, one for each "
        "jurisdiction: England, Ireland, Northern Ireland, Scotland and Wales.</p>",
    ),
    _heading("What the survey found"),
    (
        "callout",
        {
            "kind": "finding",
            "heading": "In short",
            "text": "<p>Levels of kindness are generally high, but experiences vary between "
            "jurisdictions and between social groups.</p>",
        },
    ),
    _heading("Kindness where people live", "h3"),
    (
        "paragraph",
        "<p>Over 90% of people think that people in their area are kind, but only about two "
        "in five strongly agree.</p>",
    ),
    _heading("Kindness in public services", "h3"),
    ("paragraph", "<p>Over 80% of people report kindness in public services.</p>"),
    _heading("Kindness at the public library"),
    (
        "paragraph",
        "<p>In every jurisdiction at least 90% of people agree that they are treated with "
        "kindness at their public library. Fewer strongly agree: from 33% in England to 56% "
        "in Scotland.[^survey]</p>",
    ),
    ("chart", LIBRARY_KINDNESS_CHART),
    (
        "table",
        {
            "table": SURVEY_TABLE,
            "first_column_is_header": True,
            "source": LIBRARY_KINDNESS_CHART["source"],
        },
    ),
]

SURVEY_NOTES = [
    (
        "note",
        {
            "label": "survey",
            "text": "<p>Carnegie UK Trust (2018), <i>Quantifying kindness, public engagement "
            "and place</i>, published 13 November 2018 by Jennifer Wallace and Ben Thurman. "
            "Survey fieldwork by Ipsos MORI.</p>",
        },
    )
]

PUBLICATIONS = [
    {
        "slug": "the-place-of-kindness",
        "title": "The Place of Kindness: Combating loneliness and building stronger communities",
        "publication_type": PublicationType.REPORT,
        "date": D(2017, 7, 25),
        "authors": ["zoe-ferguson"],
        "strands": ["kinder-communities"],
        "summary": "Stories from seven community organisations of how everyday relationships "
        "support people's wellbeing, what gets in the way of kindness, and what helps "
        "it to grow.",
    },
    {
        "slug": "kindness-emotions-and-human-relationships",
        "title": "Kindness, emotions and human relationships: The blind spot in public policy",
        "publication_type": PublicationType.REPORT,
        "date": D(2018, 11, 1),
        "authors": ["julia-unwin"],
        "strands": ["kindness-and-public-policy"],
        "summary": "Julia Unwin argues that public policy has had good reasons to keep "
        "kindness at a distance, but that today's challenges need an approach centred on "
        "relationships and emotional intelligence.",
    },
    {
        "slug": "quantifying-kindness-public-engagement-and-place",
        "title": "Quantifying kindness, public engagement and place",
        "publication_type": PublicationType.DATA_SERIES,
        "date": D(2018, 11, 13),
        "authors": ["jennifer-wallace", "ben-thurman"],
        "strands": ["quantifying-kindness"],
        "summary": "A booklet and five jurisdiction factsheets from the first quantitative "
        "survey of kindness in communities and public services across the UK and Ireland.",
        "report": SURVEY_SUMMARY,
        "report_notes": SURVEY_NOTES,
    },
    {
        "slug": "the-practice-of-kindness",
        "title": "The Practice of Kindness",
        "publication_type": PublicationType.REPORT,
        "date": D(2019, 6, 1),
        "date_precision": DatePrecision.MONTH,
        "authors": ["zoe-ferguson", "ben-thurman"],
        "strands": ["kindness-innovation-network"],
        "summary": "What the Kindness Innovation Network learned about putting kindness into "
        "practice, and about attitudes to risk, professionalism and performance management.",
    },
    {
        "slug": "public-policy-and-the-infrastructure-of-kindness-in-scotland",
        "title": "Public policy and the infrastructure of kindness in Scotland",
        "publication_type": PublicationType.REPORT,
        "date": D(2019, 10, 1),
        "date_precision": DatePrecision.MONTH,
        "authors": ["simon-anderson", "julie-brownlie"],
        "strands": ["kindness-and-public-policy"],
        "summary": "A supported publication that takes the theme of kindness and public "
        "policy further, looking at what sustains kindness in Scotland.",
    },
    {
        "slug": "north-ayrshire-a-case-study-on-kindness",
        "title": "North Ayrshire: A case study on kindness",
        "publication_type": PublicationType.CASE_STUDY,
        "date": D(2020, 9, 30),
        "authors": ["ben-thurman"],
        "strands": ["north-ayrshire-partnership"],
        "summary": "Learning from two and a half years alongside North Ayrshire Council as it "
        "made kindness an organisational value, including its response to COVID-19.",
    },
    {
        "slug": "the-courage-to-be-kind",
        "title": "The courage to be kind",
        "publication_type": PublicationType.REPORT,
        "date": D(2020, 12, 8),
        "authors": ["ben-thurman", "elizabeth-kelly"],
        "strands": ["kindness-in-health-and-social-care"],
        "summary": "Medics reflect on what the healthcare response to COVID-19 taught them "
        "about kindness in health and social care in Scotland.",
    },
]

FILMS = [
    {
        "slug": "the-place-of-kindness-film",
        "title": "The Place of Kindness (short film)",
        "date": D(2017, 1, 1),
        "date_precision": DatePrecision.YEAR,
        "publication": "the-place-of-kindness",
        "strands": ["kinder-communities"],
        "summary": "A short film of the people and places behind The Place of Kindness.",
    },
    {
        "slug": "the-practice-of-kindness-film",
        "title": "The Practice of Kindness (short film)",
        "date": D(2019, 6, 1),
        "date_precision": DatePrecision.MONTH,
        "publication": "the-practice-of-kindness",
        "strands": ["kindness-innovation-network"],
        "summary": "Practitioners from the Kindness Innovation Network on putting kindness "
        "into practice. Made by TartanZone Media.",
    },
]


def pdf_text(text):
    """Text for a PDF string literal in WinAnsi (Latin-1 is close enough here)."""
    raw = text.encode("latin-1", "replace").decode("latin-1")
    return raw.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(title, lines):
    """A small, valid one-page PDF (A4) showing `title` and `lines`, written by hand."""
    commands = ["BT", "/F1 20 Tf", "72 760 Td", "24 TL"]
    commands.append(f"({pdf_text(title[:60])}) Tj")
    commands.append("/F1 12 Tf 18 TL")
    for line in lines:
        commands.append(f"T* ({pdf_text(line)}) Tj")
    commands.append("ET")
    stream = "\n".join(commands).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def poster_title(title):
    return title.removesuffix(" (short film)")


def make_poster(title):
    """A plain 16:9 poster in the site's colours with the film's title on it (PNG bytes)."""
    image = PillowImage.new("RGB", (1280, 720), "#0d5c55")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 620, 1280, 720), fill="#083f3a")
    draw.rectangle((80, 300, 200, 308), fill="#f2b134")
    font = ImageFont.load_default(size=56)
    small = ImageFont.load_default(size=32)
    draw.text((80, 330), poster_title(title), fill="#ffffff", font=font)
    draw.text((80, 410), "A short film from Kinder Communities", fill="#e3f0ee", font=small)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


# What the one-page stand-ins that earlier versions of this loader offered as each report's
# "Full report" say; `remove_stand_ins` takes them out of sites loaded back then.
STAND_IN_NOTE = "Demo file: this stands in for the full report until an editor uploads it."


def generated_document(data, author_names):
    """A one-page PDF for a generated publication, saying what it is."""
    Document = get_document_model()
    lines = [
        data["title"],
        "",
        f"{dict(PublicationType.choices)[data['publication_type']]}, "
        f"{data['date'].year}. By {', '.join(author_names)}.",
        "",
        GENERATED_NOTE,
    ]
    pdf = make_pdf("Kinder Communities", lines)
    document = Document(
        title=f"{data['title']} (PDF)",
        file_size=len(pdf),
        file_hash=hashlib.sha1(pdf).hexdigest(),
    )
    document.file.save(f"{data['slug']}.pdf", ContentFile(pdf))
    return document


def is_stand_in(document):
    try:
        with document.open_file() as handle:
            return pdf_text(STAND_IN_NOTE).encode("latin-1") in handle.read(64 * 1024)
    except OSError:  # the file is gone: nothing to offer, and nothing to tell apart
        return False


def remove_stand_ins(publications):
    """Take the stand-in "Full report" out of the demo's reports where an earlier load left
    it, and delete the file. A report an editor has a draft of, or has unpublished, is left
    as it is (publishing would publish it), and so is any file uploaded in the stand-in's
    place."""
    Document = get_document_model()
    rows = PublicationDownload.objects.filter(
        page__in=publications, document__title__endswith=" (full report)"
    ).select_related("document")
    stand_ins = {row.document_id for row in rows if is_stand_in(row.document)}
    for page in PublicationPage.objects.filter(downloads__document__in=stand_ins).distinct():
        if page.has_unpublished_changes or not page.live:
            logger.warning(
                "%s: left its stand-in full report, to keep an editor's draft or unpublished "
                "page as it is; remove it from the page's downloads by hand.",
                page.url_path,
            )
            continue
        page.downloads = [row for row in page.downloads.all() if row.document_id not in stand_ins]
        page.save_revision().publish()
    still_offered = PublicationDownload.objects.filter(document__in=stand_ins)
    Document.objects.filter(pk__in=stand_ins).exclude(
        pk__in=still_offered.values("document_id")
    ).delete()


def poster_image(title, slug):
    Image = get_image_model()
    image = Image(
        title=f"Poster: {title}",
        description=f"A title card: {poster_title(title)}, a short film from Kinder Communities",
    )
    image.file = ImageFile(io.BytesIO(make_poster(title)), name=f"{slug}-poster.png")
    image.save()
    return image


def load():
    """Create the library and every publication and film that is missing."""
    people = {person.slug: person for person in PersonPage.objects.all()}
    strands = {strand.slug: strand for strand in StrandPage.objects.all()}
    library, _ = child_page(
        home(),
        PublicationIndexPage,
        "library",
        title="Library",
        show_in_menus=True,
        introduction="The programme's reports, case studies, data and films, newest first.",
    )
    publications = {}
    for data in PUBLICATIONS:
        existing = PublicationPage.objects.child_of(library).filter(slug=data["slug"]).first()
        if existing:
            publications[data["slug"]] = existing
            continue
        fields = dict(data)
        slug = fields.pop("slug")
        authors = [people[key] for key in fields.pop("authors") if key in people]
        strand_pages = [strands[key] for key in fields.pop("strands") if key in strands]
        page = PublicationPage(slug=slug, **fields)
        for person in authors:
            page.authors.add(page.authors.model(person=person))
        page.strands = strand_pages
        library.add_child(instance=page)
        page.save_revision().publish()
        publications[slug] = page
    remove_stand_ins(list(publications.values()))
    for data in FILMS:
        if FilmPage.objects.child_of(library).filter(slug=data["slug"]).exists():
            continue
        fields = dict(data)
        slug = fields.pop("slug")
        strand_pages = [strands[key] for key in fields.pop("strands") if key in strands]
        page = FilmPage(
            slug=slug,
            publication=publications.get(fields.pop("publication")),
            transcript="",  # Unknown, like the recording; required once there is a video.
            image=poster_image(fields["title"], slug),
            **fields,
        )
        page.strands = strand_pages
        library.add_child(instance=page)
        page.save_revision().publish()


GENERATED_PUBLICATION_SLUG = "generated-publication"
GENERATED_FILM_SLUG = "generated-film"
GENERATED_TYPES = [choice for choice, _ in PublicationType.choices]


def grow(scale):
    """Generated publications and films up to `scale` times the real ones.

    Like the real ones, each publication has authors (a real person, a generated one and now
    and then an outside author), one or two strands and a PDF to download; every third has a
    cover image, and every film a poster and a publication, so the grown pages carry what
    the real pages carry, only more of it.
    """
    library = PublicationIndexPage.objects.first()
    if library is None:
        return
    people = list(PersonPage.objects.order_by("path"))
    # Each generated publication has a real author and a generated one, so the real people's
    # pages grow too, not only the generated people's.
    real = [person for person in people if not person.title.startswith(GENERATED_PREFIX)]
    made_up = [person for person in people if person.title.startswith(GENERATED_PREFIX)]
    strands = list(StrandPage.objects.live().order_by("path"))
    publications = {}
    count = len(PUBLICATIONS) * (scale - 1)
    for n in generated_numbers(library, PublicationPage, GENERATED_PUBLICATION_SLUG, count):
        publications[n] = grow_publication(library, n, real, made_up, strands)
    for n in generated_numbers(library, FilmPage, GENERATED_FILM_SLUG, len(FILMS) * (scale - 1)):
        slug = generated_slug(GENERATED_PUBLICATION_SLUG, n)
        publication = publications.get(n) or PublicationPage.objects.filter(slug=slug).first()
        grow_film(library, n, publication, strands)


# The generated dates wrap around after this many days, so that however much is generated
# the library spans the same years (a real library grows in items, not in years).
GENERATED_DAYS = 9 * 365


def generated_date(n):
    """Spread over the programme's years, so the generated items mix with the real ones."""
    return D(2016, 3, 1) + datetime.timedelta(days=53 * n % GENERATED_DAYS)


def grow_publication(library, n, real, made_up, strands):
    title = f"{GENERATED_PREFIX} Publication {n:03}"
    slug = generated_slug(GENERATED_PUBLICATION_SLUG, n)
    data = {
        "slug": slug,
        "title": title,
        "publication_type": GENERATED_TYPES[n % len(GENERATED_TYPES)],
        "date": generated_date(n),
    }
    authors = [people[n % len(people)] for people in (real, made_up) if people]
    page = PublicationPage(
        summary=f"{GENERATED_NOTE} A made-up publication on kindness, to give the library "
        "more to list.",
        body=[("paragraph", f"<p>{GENERATED_NOTE}</p>")],
        **{key: value for key, value in data.items() if key != "slug"},
        slug=slug,
    )
    for person in authors:
        page.authors.add(page.authors.model(person=person))
    if n % 4 == 0:
        page.authors.add(page.authors.model(name="Outside Author (generated)"))
    if strands:
        chosen = [strands[n % len(strands)], strands[3 * n % len(strands)]]
        page.strands = list(dict.fromkeys(chosen))
    if n % 3 == 0:
        page.image = generated_image(
            f"Cover: Publication {n:03}",
            f"A placeholder cover for {title}, made for benchmarking",
            (600, 848),
            f"{slug}-cover.png",
        )
    names = [person.title for person in authors]
    document = generated_document(data, names)
    page.downloads.add(page.downloads.model(document=document, title=f"{GENERATED_PREFIX} PDF"))
    library.add_child(instance=page)
    page.save_revision().publish()
    return page


def grow_film(library, n, publication, strands):
    title = f"{GENERATED_PREFIX} Film {n:03}"
    slug = generated_slug(GENERATED_FILM_SLUG, n)
    page = FilmPage(
        slug=slug,
        title=title,
        date=generated_date(n) + datetime.timedelta(days=7),
        summary=f"{GENERATED_NOTE} A made-up film on kindness, to give the library more to list.",
        publication=publication,
        transcript="",
        image=poster_image(title, slug),
    )
    if strands:
        page.strands = [strands[n % len(strands)]]
    library.add_child(instance=page)
    page.save_revision().publish()
