"""Events as iCalendar (RFC 5545), made with the `icalendar` library: one event to add to a
calendar, or every upcoming one as a calendar to subscribe to.

Times go out in UK time with their time zone (`TZID=Europe/London`) and the zone's rules
(VTIMEZONE) for the years the events span, so a calendar anywhere shows them at the right
moment, before and after the clocks change.
"""

from datetime import timedelta

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event
from wagtail.models import Site

from kindness.models import SiteSettings
from kindness.sharing import absolute_url

# How often a subscribed calendar should fetch the feed again.
REFRESH_INTERVAL = timedelta(hours=6)


def event_component(event, request, *, stamp, organiser):
    component = Event()
    site = Site.find_for_request(request)
    host = site.hostname if site else request.get_host()
    component.add("uid", f"event-{event.pk}@{host}")
    component.add("dtstamp", stamp)
    component.add("summary", event.title)
    component.add("dtstart", event.local_start)
    component.add("dtend", event.local_end)
    url = event.get_full_url(request)
    description = [event.summary]
    if event.registration_open():
        description.append(f"Register: {event.registration_url}")
    elif event.registration_url and event.registration_closed:
        description.append("Registration has closed.")
    description.append(f"More: {url}")
    component.add("description", "\n\n".join(description))
    component.add("url", url)
    if event.in_person:
        component.add("location", ", ".join([event.venue_name, *event.address_lines]))
    elif event.online:
        component.add("location", "Online")
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    component.add("organizer", absolute_url(request, "/"), parameters={"CN": organiser})
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    return component


def calendar(request, events, *, name):
    organiser = SiteSettings.for_request(request).organisation_name
    stamp = timezone.now().replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", "-//Carnegie UK Trust//Kinder Communities events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/London")
    cal.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", REFRESH_INTERVAL)
    for event in events:
        cal.add_component(event_component(event, request, stamp=stamp, organiser=organiser))
    if events:
        # The zone's rules for the years the events span, and a year either side: small,
        # and right at every clock change in between.
        first = min(event.local_start for event in events).date() - timedelta(days=366)
        last = max(event.local_end for event in events).date() + timedelta(days=366)
        cal.add_missing_timezones(first_date=first, last_date=last)
    return cal


def calendar_response(request, events, *, name, download=None):
    response = HttpResponse(
        calendar(request, events, name=name).to_ical(),
        content_type="text/calendar; charset=utf-8",
    )
    disposition = "attachment" if download else "inline"
    filename = download or "events.ics"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
