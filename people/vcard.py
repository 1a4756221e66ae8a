"""A vCard 3.0 (RFC 2426) for a person, written by hand: the format is small and strict.

Text values escape backslashes, commas, semicolons and newlines; structured values (the
name, the organisation) join their escaped parts with semicolons; long lines are folded at
75 octets without splitting a character, and every line ends with CRLF.
"""

LINE_LIMIT = 75


def escape(text):
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line):
    """Split `line` into parts of at most 75 octets; continuation lines start with a space."""
    parts, current, size = [], [], 0
    for char in line:
        octets = len(char.encode("utf-8"))
        # Continuation lines carry a leading space, which counts towards their limit.
        limit = LINE_LIMIT if not parts else LINE_LIMIT - 1
        if size + octets > limit:
            parts.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += octets
    parts.append("".join(current))
    return "\r\n ".join(parts)


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
    structured_name = ";".join(
        escape(part) for part in (family_name, given_names, "", prefix, suffix)
    )
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"N:{structured_name}", f"FN:{escape(full_name)}"]
    if title:
        lines.append(f"TITLE:{escape(title)}")
    if organisation:
        lines.append(f"ORG:{escape(organisation)}")
    if email:
        lines.append(f"EMAIL;TYPE=INTERNET:{escape(email)}")
    if phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{escape(phone)}")
    if url:
        # A URI, not text: its commas and semicolons are part of the address.
        lines.append(f"URL:{url}")
    if note:
        lines.append(f"NOTE:{escape(note)}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)
