"""Events: the Kindness Leadership Network's meetings and the programme's webinars.

An event is upcoming until it ends and past from then on, by the clock alone: nothing an
editor does moves it. What shows it (its page, the events index, the home and strand
pages, the calendar feed) tells the page cache when that happens (`fresh_until`), and the
worker forgets those pages at the end time (events/tasks.py), so no cache keeps an ended
event under "upcoming".

Times are stored as aware datetimes (UTC in the database) and shown in UK time,
Europe/London, whatever the season: 10:00 on the last Sunday of October is 10:00 GMT, on
the last Sunday of March 10:00 BST.
"""

from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Min
from django.utils import dateformat, timezone
from django.utils.html import strip_tags
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from delivery.page_cache import fresh_until
from kindness.models import ShareMetadataMixin, SitePageQuerySet, SiteSettings
from kindness.navigation import OneQueryRouteMixin
from kindness.sharing import absolute_url
from people.blocks import BodyBlock

# Every time on the site is shown in UK time, with GMT or BST after it.
UK = ZoneInfo("Europe/London")


def uk_time(moment):
    """A time in UK time, the GOV.UK way: "10am", "11:30am", "midday"."""
    local = timezone.localtime(moment, UK)
    if local.minute == 0 and local.hour in (0, 12):
        return "midnight" if local.hour == 0 else "midday"
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{hour}{suffix}" if local.minute == 0 else f"{hour}:{local.minute:02}{suffix}"


def uk_date(moment):
    """A date in UK time: "Sunday 29 March 2026"."""
    return dateformat.format(timezone.localtime(moment, UK), "l j F Y")


def uk_zone(moment):
    """GMT or BST, whichever the UK keeps at that moment."""
    return timezone.localtime(moment, UK).tzname()


def when_text(start, end):
    """Says "Sunday 29 March 2026, 10am to 11:30am BST"; an event over several days, or over a
    change of the clocks, names each end in full."""
    if uk_date(start) == uk_date(end) and uk_zone(start) == uk_zone(end):
        return f"{uk_date(start)}, {uk_time(start)} to {uk_time(end)} {uk_zone(end)}"
    return (
        f"{uk_date(start)}, {uk_time(start)} {uk_zone(start)} to "
        f"{uk_date(end)}, {uk_time(end)} {uk_zone(end)}"
    )


class EventQuerySet(SitePageQuerySet):
    def upcoming(self, now=None):
        """Events that have not ended yet (one under way counts), soonest first."""
        return self.filter(end__gt=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        """Events that have ended, the most recent first."""
        return self.filter(end__lte=now or timezone.now()).order_by("-start", "-pk")

    def for_listing(self):
        """What a card prints, and nothing else: no body."""
        return self.defer("body")

    def next_end(self, now=None):
        """When the soonest of these events that is still upcoming ends, or None: the
        moment a list of them changes by itself."""
        return self.upcoming(now).order_by().aggregate(end=Min("end"))["end"]


EventManager = PageManager.from_queryset(EventQuerySet)

# The events index's own addresses below it, which an event's slug must not take.
RESERVED_SLUGS = {"past", "calendar"}


class EventIndexPage(RoutablePageMixin, OneQueryRouteMixin, ShareMetadataMixin, Page):
    """Every event: upcoming ones soonest first; past ones on their own paginated list."""

    social_card_type = ""

    introduction = models.TextField(blank=True, help_text="A sentence or two above the list.")
    no_events_text = models.TextField(
        default="No events are planned at the moment. The newsletter announces each one "
        "as soon as it is, with how to take part.",
        help_text="Shown instead of the list while no event is coming up, above a link to "
        "the newsletter signup.",
    )

    share_description_source = "introduction"
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("no_events_text"),
    ]

    parent_page_types = ["programme.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1
    page_description = (
        "The list of events: upcoming ones first, past ones on a page of their own, and a "
        "calendar to subscribe to. A site has one."
    )

    class Meta:
        verbose_name = "events index"

    def events(self):
        return EventPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, past=False, **kwargs):
        from events.forms import EventListForm

        context = super().get_context(request, *args, **kwargs)
        events = self.events()
        listed = events.past() if past else events.upcoming()
        form = EventListForm(request.GET)
        page_obj = form.page_of(listed.for_listing())
        # Either list changes when the soonest upcoming event ends.
        fresh_until(request, events.next_end())
        context.update(
            showing_past=past,
            events=page_obj,
            paginator=page_obj.paginator,
            has_past=past or events.past().exists(),
            calendar_url=self.url + self.reverse_subpage("calendar"),
            past_url=self.url + self.reverse_subpage("past"),
        )
        if past:
            # The past list's own address is its canonical one, and what its share links send.
            context["page_url"] = self.get_full_url(request) + self.reverse_subpage("past")
            context["page_title"] = f"Past events: {self.title}"
        return context

    @path("past/", name="past")
    def past_view(self, request):
        return self.render(request, past=True)

    # No dot in the address: Wagtail routes only words and slashes. The response says
    # it is a calendar (text/calendar), and a download is named `<slug>.ics`.
    @path("calendar/", name="calendar")
    def calendar_view(self, request):
        """Every upcoming event, as a calendar to subscribe to."""
        from events.ics import calendar_response

        events = list(self.events().upcoming().for_listing())
        fresh_until(request, min((event.end for event in events), default=None))
        return calendar_response(
            request, events, name=f"{self.title}: {self.get_site().site_name or ''}".strip(": ")
        )


class EventPage(RoutablePageMixin, ShareMetadataMixin, Page):
    """One meeting or webinar: when, where or how to join, registration, and afterwards its
    film, slides or report."""

    class Kind(models.TextChoices):
        NETWORK_MEETING = "network_meeting", "Kindness Leadership Network meeting"
        WEBINAR = "webinar", "Webinar"
        OTHER = "other", "Event"

    class Attendance(models.TextChoices):
        ONLINE = "online", "Online"
        IN_PERSON = "in_person", "In person"
        MIXED = "mixed", "In person and online"

    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        default=Kind.WEBINAR,
        help_text="What sort of event this is, shown above its title.",
    )
    summary = models.TextField(
        max_length=400,
        help_text="One or two sentences on what the event is about: shown in lists, in "
        "calendars and in search results.",
    )
    start = models.DateTimeField(
        help_text="When it starts, in UK time (GMT in winter, BST in summer).",
    )
    end = models.DateTimeField(
        help_text="When it ends, in UK time. The event moves to the past events by itself "
        "at this time.",
    )
    attendance = models.CharField(
        max_length=20,
        choices=Attendance.choices,
        default=Attendance.ONLINE,
        help_text="Whether people join online, come in person, or either.",
    )
    venue_name = models.CharField(
        "venue",
        max_length=200,
        blank=True,
        help_text="The venue's name, for example 'The Melting Pot'. Needed for an event in person.",
    )
    venue_address = models.TextField(
        "address",
        blank=True,
        help_text="The venue's postal address, one part a line, ending with the postcode.",
    )
    access_information = models.TextField(
        "access information",
        blank=True,
        help_text="Step-free access, accessible toilets, hearing loops, quiet rooms, how to "
        "get there: what someone needs to know before they come.",
    )
    online_information = models.TextField(
        "joining online",
        blank=True,
        help_text="How people join online, for example 'On Zoom: the link is emailed to "
        "you when you register.' Captions or BSL, if offered.",
    )
    registration_url = models.URLField(
        "registration address",
        blank=True,
        help_text="Where people register, for example an Eventbrite or Microsoft Forms "
        "page. Leave empty if no registration is needed.",
    )
    registration_closed = models.BooleanField(
        default=False,
        help_text="Tick when registration has closed: the page then says so instead of "
        "linking to the registration page.",
    )
    cancelled = models.BooleanField(
        default=False,
        help_text="Tick if the event will not happen: the page and calendars then say it "
        "is cancelled.",
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        help_text="More about the event: the programme, the speakers, who it is for.",
    )
    strands = ParentalManyToManyField(
        "programme.StrandPage",
        blank=True,
        related_name="events",
        help_text="The strands of the programme this event belongs to; their pages list it "
        "while it is coming up.",
    )
    film = models.ForeignKey(
        "publications.FilmPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Once the event has happened: its recording, as a film in the library.",
    )
    slides = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Once the event has happened: the slides shown, as a document.",
    )
    report = models.ForeignKey(
        "publications.PublicationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Once the event has happened: a report of it, or what it discussed, in "
        "the library.",
    )

    objects = EventManager()

    share_description_source = "summary"
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("cancelled")],
            heading="When",
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance"),
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("access_information"),
                FieldPanel("online_information"),
            ],
            heading="Where",
        ),
        MultiFieldPanel(
            [FieldPanel("registration_url"), FieldPanel("registration_closed")],
            heading="Registration",
        ),
        FieldPanel("body"),
        FieldPanel("strands", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("film"), FieldPanel("slides"), FieldPanel("report")],
            heading="Afterwards",
            help_text="Shown once the event has ended.",
        ),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    page_description = (
        "A Kindness Leadership Network meeting or a webinar: when and where, how to register, "
        "and afterwards its film, slides or report."
    )

    class Meta:
        verbose_name = "event"
        indexes = [models.Index(fields=["end", "start"], name="events_end_start")]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = "The event must end after it starts."
        if self.attendance != self.Attendance.ONLINE:
            if not self.venue_name.strip():
                errors["venue_name"] = "Name the venue of an event people come to in person."
            if not self.venue_address.strip():
                errors["venue_address"] = "Give the venue's address, ending with the postcode."
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = (
                f"'{self.slug}' is the address of a list on the events page: choose another."
            )
        if errors:
            raise ValidationError(errors)

    # What readers see.

    def has_ended(self, now=None):
        return self.end <= (now or timezone.now())

    @property
    def local_start(self):
        return timezone.localtime(self.start, UK)

    @property
    def local_end(self):
        return timezone.localtime(self.end, UK)

    @property
    def when(self):
        return when_text(self.start, self.end)

    @property
    def start_date_text(self):
        return uk_date(self.start)

    @property
    def kind_short(self):
        """What the event is, in a word or two for a card's label."""
        return {self.Kind.NETWORK_MEETING: "Network meeting"}.get(
            self.kind, self.get_kind_display()
        )

    @property
    def in_person(self):
        return self.attendance in (self.Attendance.IN_PERSON, self.Attendance.MIXED)

    @property
    def online(self):
        return self.attendance in (self.Attendance.ONLINE, self.Attendance.MIXED)

    @property
    def address_lines(self):
        return [line.strip() for line in self.venue_address.splitlines() if line.strip()]

    def registration_open(self, now=None):
        return bool(self.registration_url) and not (
            self.registration_closed or self.cancelled or self.has_ended(now)
        )

    def calendar_url(self):
        return self.url + self.reverse_subpage("calendar") if self.url else ""

    def json_ld(self, request, organiser):
        """schema.org Event, with what search engines ask of one."""
        page_url = self.get_full_url(request)
        modes = {
            self.Attendance.ONLINE: "OnlineEventAttendanceMode",
            self.Attendance.IN_PERSON: "OfflineEventAttendanceMode",
            self.Attendance.MIXED: "MixedEventAttendanceMode",
        }
        places = []
        if self.in_person:
            places.append(
                {
                    "@type": "Place",
                    "name": self.venue_name,
                    "address": {
                        "@type": "PostalAddress",
                        "streetAddress": ", ".join(self.address_lines),
                        "addressCountry": "GB",
                    },
                }
            )
        if self.online:
            places.append({"@type": "VirtualLocation", "url": self.registration_url or page_url})
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "description": self.summary,
            "url": page_url,
            "startDate": self.local_start.isoformat(),
            "endDate": self.local_end.isoformat(),
            "eventAttendanceMode": f"https://schema.org/{modes[self.attendance]}",
            "eventStatus": "https://schema.org/"
            + ("EventCancelled" if self.cancelled else "EventScheduled"),
            "location": places[0] if len(places) == 1 else places,
            "organizer": {
                "@type": "Organization",
                "name": organiser,
                "url": absolute_url(request, "/"),
            },
            "inLanguage": "en-GB",
        }
        if self.registration_open():
            data["offers"] = {
                "@type": "Offer",
                "url": self.registration_url,
                "price": "0",
                "priceCurrency": "GBP",
                "availability": "https://schema.org/InStock",
                "validFrom": self.first_published_at.isoformat()
                if self.first_published_at
                else self.local_start.isoformat(),
            }
        share_image = self.share_image or SiteSettings.for_request(request).default_share_image
        if share_image:
            rendition = share_image.get_rendition("fill-1200x630|format-jpeg")
            data["image"] = [absolute_url(request, rendition.url)]
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        ended = self.has_ended(now)
        if not ended:
            # The page changes when the event ends: registration goes, its film may come.
            fresh_until(request, self.end)
        organiser = SiteSettings.for_request(request).organisation_name
        afterwards = {}
        if ended:
            if self.film_id and self.film.live:
                afterwards["film"] = self.film
            if self.report_id and self.report.live:
                afterwards["report"] = self.report
            if self.slides_id:
                afterwards["slides"] = self.slides
        context.update(
            ended=ended,
            registration_open=self.registration_open(now),
            afterwards=afterwards,
            strands=list(self.strands.filter(live=True).order_by("title")) if self.pk else [],
            json_ld_data=self.json_ld(request, organiser),
            description_text=strip_tags(self.summary),
        )
        return context

    @path("calendar/", name="calendar")
    def calendar_view(self, request):
        """This event alone, to add to a calendar."""
        from events.ics import calendar_response

        return calendar_response(request, [self], name=self.title, download=f"{self.slug}.ics")
