"""Sending a newsletter issue to every subscriber: none lost, none twice.

- `models`: a campaign (one send of one issue) and its deliveries, one row per subscriber.
- `answers`: what a mail server's answer means for the message and the address.
- `engine`: starting a campaign, and sending it batch by batch.
- `tasks`: the campaign's send on the email worker, and test sends.
- `admin`: the campaigns in the Wagtail admin.
"""
