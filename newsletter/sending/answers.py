"""What a mail server's answer means, for the message and for the address.

- a temporary refusal (4xx) of a recipient or a message: try that message again later;
- a permanent refusal (5xx) of the recipient, or of the message for the recipient's sake
  (enhanced codes 5.1.x, bad address, and 5.2.x, mailbox unavailable): the address bounced;
- any other permanent refusal of the message (its content, a policy): that message failed;
- no server, a dropped or timed-out connection, 421 (the server closing), a refused sender
  or login: the server's trouble, not the recipient's: stop and try later.
"""

import enum
import re
import smtplib


class Outcome(enum.Enum):
    SENT = "sent"
    TEMPORARY = "temporary"
    BOUNCED = "bounced"
    FAILED = "failed"
    UNREACHABLE = "unreachable"


ADDRESS_CODES = re.compile(r"^\s*5\.[12]\.\d+")


def _text(code, message):
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    return f"{code} {message}".strip()


def classify(error):
    """(Outcome, the server's answer as text) for an exception raised while sending one
    message to one recipient, or for None when it went."""
    if error is None:
        return Outcome.SENT, ""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, message = next(iter(error.recipients.values()))
        answer = _text(code, message)
        if code == 421:
            return Outcome.UNREACHABLE, answer
        return (Outcome.TEMPORARY if 400 <= code < 500 else Outcome.BOUNCED), answer
    if isinstance(error, smtplib.SMTPDataError):
        code, message = error.smtp_code, error.smtp_error
        answer = _text(code, message)
        if code == 421:
            return Outcome.UNREACHABLE, answer
        if 400 <= code < 500:
            return Outcome.TEMPORARY, answer
        text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
        return (Outcome.BOUNCED if ADDRESS_CODES.match(text) else Outcome.FAILED), answer
    if isinstance(error, smtplib.SMTPResponseException):
        return Outcome.UNREACHABLE, _text(error.smtp_code, error.smtp_error)
    return Outcome.UNREACHABLE, f"{type(error).__name__}: {error}".strip()


# What sending one message may raise: smtplib's errors and the socket's (OSError covers
# refused and reset connections and timeouts).
SEND_ERRORS = (smtplib.SMTPException, OSError)
