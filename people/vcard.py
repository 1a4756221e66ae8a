"""A vCard 3.0 (RFC 2426) for a person, written by vobject.

vobject escapes text values, joins structured ones (the name, the organisation), folds long
lines at 75 octets and ends every line with CRLF, so none of that is done by hand here.
"""

import vobject
from vobject.vcard import Name


def vcard(
    *,
    full_name,
    family_name,
    given_names="",
    prefix="",
    suffix="",
    title="",
    organisation="",
    email="",
    phone="",
    url="",
    note="",
):
    """The vCard text for one person; empty values are left out."""
    card = vobject.vCard()
    card.add("n").value = Name(family=family_name, given=given_names, prefix=prefix, suffix=suffix)
    card.add("fn").value = full_name
    if title:
        card.add("title").value = title
    if organisation:
        card.add("org").value = [organisation]
    if email:
        card.add("email").value = email
        card.email.type_param = "INTERNET"
    if phone:
        card.add("tel").value = phone
        card.tel.type_paramlist = ["WORK", "VOICE"]
    if url:
        card.add("url").value = url
    if note:
        card.add("note").value = note
    return card.serialize()
