"""The Content-Security-Policy every public page is sent with, and the header read as sets."""

VIDEO_PLAYERS = {"https://www.youtube-nocookie.com", "https://player.vimeo.com"}
# The policy every public page is sent with.
STRICT = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "media-src": {"'self'"},
    "frame-src": VIDEO_PLAYERS,
    "frame-ancestors": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
    "object-src": {"'none'"},
}


def policy(response, header="Content-Security-Policy"):
    """The CSP header as {directive: set of sources}."""
    assert header in response, f"no {header} header"
    directives = {}
    for part in response[header].split(";"):
        name, *sources = part.split()
        directives[name] = set(sources)
    return directives
