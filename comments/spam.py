"""Screening of a reader's comment when it is posted.

`screen(name, title, content)` says why a comment should wait for a
moderator's eyes before any bulk approval, and whether it is obvious spam:

- "Có liên kết": a web address (http://…, https://…, www.…, or a bare domain
  ending in one of LINK_ENDINGS: abc.vn, zalo.me, bit.ly, t.me, also written
  "abc[.]com" or "abc chấm com"). Abbreviations ("v.v.", "TP.HCM") and
  numbers ("3.5", "2.500.000") are not addresses.
- "Có số điện thoại": a Vietnamese mobile (03/05/07/08/09 + 8 digits) or
  landline (02x… + 11 digits in all) number, in the spellings readers use:
  0912345678, 0912 345 678, 0912.345.678, 091-234-5678, +84 912 345 678,
  (+84) 912…, 0084…, 84912345678, (024) 3827 1234. The digits must stand
  alone (not inside a longer number such as an amount, an account or an ID
  number) and use one kind of separator, so that years, dates
  ("01/12/2026", "05.06.2026 09 giờ"), times, house numbers and amounts
  ("2.500.000 đồng") are not taken for one.
- "Có địa chỉ e-mail": name@domain.tld (an address is not also a link).
- "Từ bị chặn: <phrase>": a BlockedPhrase, as the editor typed it, found in
  one of the three texts as whole words, whatever the case and diacritics
  ("vay tien" finds "Vay tiền nhanh"; "an" does not find "bàn").

Obvious spam is SPAM_LINKS or more links in all, or a phrase whose action is
SPAM. The reasons are kept for spam too, so the queue shows why.

The blocked phrases are read once per screening, in one query. The reader's
own phone number (the form's phone field) is not screened: the form asks
for it and it is never published.
"""

import re
import unicodedata
from dataclasses import dataclass

from news import text as folding

from .models import BlockedPhrase

LINK = "Có liên kết"
PHONE = "Có số điện thoại"
EMAIL = "Có địa chỉ e-mail"
BLOCKED = "Từ bị chặn: {}"

# This many links in one comment make it spam.
SPAM_LINKS = 3

# Endings of bare domains taken for links. Endings that are also words or
# abbreviations readers type after a full stop without a space ("co" for
# "có", "to", "in", "ai", "pm") are left out: http:// and www. still catch them.
LINK_ENDINGS = (
    # Common and country endings.
    ("com", "net", "org", "info", "biz", "edu", "gov", "vn", "asia", "cn", "ru")
    # Link shorteners and messengers (bit.ly, t.me, zalo.me).
    + ("me", "ly", "io", "cc", "gg", "tk", "tv", "ws")
    # Cheap endings that spam favours.
    + ("app", "bet", "click", "club", "fun", "link", "live", "online", "pro", "shop", "site")
    + ("store", "top", "vip", "win", "xyz")
)

_LABEL = r"[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?"
# "." and the ways spammers write it so that filters miss it: "[.]", "(.)",
# "(chấm)", " chấm ", " dot ".
_DOT = r"(?:\.|\s?[\[(](?:\.|dot|chấm|cham)[\])]\s?|\s(?:dot|chấm|cham)\s)"
_LINKS = re.compile(
    r"https?://\S+"
    r"|(?<![^\W_])www\.\S+"
    # A domain starts a word (not the tail of "tiếng.com") and ends one.
    rf"|(?<![\w.@\-])(?:{_LABEL}{_DOT})+(?:{'|'.join(LINK_ENDINGS)})(?![\w\-])(?:[/?#]\S*)?",
    re.IGNORECASE,
)
_EMAILS = re.compile(r"(?<![\w.+\-])[\w.+\-]+@(?:[a-z0-9\-]+\.)+[a-z]{2,}", re.IGNORECASE)

# One optional separator between digits; ")" closes a bracketed area code.
_SEP = r"(?:[ .\-]|\) ?)?"


def _digits(count):
    return rf"(?:{_SEP}\d){{{count}}}"


# What follows the 0 of a national number, or +84: a mobile number's 9
# digits or a landline's 10.
_SUBSCRIBER = rf"(?:[35789]{_digits(8)}|2{_digits(9)})"
_PHONES = re.compile(
    # Not inside a longer number: no digit just before, nor a digit and a
    # separator of thousands or dates ("2.500.000", "12-2026").
    r"(?<!\d)(?<!\d[.,\-])"
    rf"(?:(?:\(\+?84\)|\+ ?84|0084|84){_SEP}(?:\(0\) ?|0{_SEP})?(?P<intl>{_SUBSCRIBER})"
    rf"|\(?(?P<national>0{_SEP}{_SUBSCRIBER}))"
    r"(?![.,\-]?\d)"
)


@dataclass(frozen=True)
class Screening:
    """What screening found: the reasons to hold the comment, in the order
    links, phone, e-mail, blocked phrases; and whether it is obvious spam."""

    reasons: tuple = ()
    spam: bool = False


def screen(*texts):
    """Screen `texts` (a comment's name, title and content) against the rules
    in this module's docstring; returns a Screening."""
    texts = [unicodedata.normalize("NFKC", text or "") for text in texts]
    reasons = []
    without_emails = [_EMAILS.sub(" ", text) for text in texts]
    links = sum(len(_LINKS.findall(text)) for text in without_emails)
    if links:
        reasons.append(LINK)
    if any(_has_phone(text) for text in without_emails):
        reasons.append(PHONE)
    if any(_EMAILS.search(text) for text in texts):
        reasons.append(EMAIL)
    spam = links >= SPAM_LINKS
    # Whole words of each text, each text apart so that a phrase does not
    # run from the end of the title into the content.
    folded = " | ".join(" ".join(folding.words(text)) for text in texts)
    folded = f" {folded} "
    for phrase, phrase_folded, action in BlockedPhrase.objects.values_list(
        "phrase", "folded", "action"
    ):
        if phrase_folded and f" {phrase_folded} " in folded:
            reasons.append(BLOCKED.format(phrase))
            spam = spam or action == BlockedPhrase.Action.SPAM
    return Screening(tuple(reasons), spam)


def _has_phone(text):
    """Whether `text` has a phone number written as people write one: one
    kind of separator (a date and a time, "05.06.2026 09", mix two), and a
    first group of at least three digits ("0912 345 678", not the list "05 06
    07 08 09") unless every digit stands alone ("0 9 1 2 …", to dodge filters)."""
    position = 0
    while found := _PHONES.search(text, position):
        body = (found.group("intl") or found.group("national")).lstrip("(")
        separators = {sep.strip("()") or " " for sep in re.findall(r"\D+", body)}
        groups = re.findall(r"\d+", body)
        if len(separators) <= 1 and (len(groups[0]) >= 3 or max(map(len, groups)) == 1):
            return True
        position = found.start() + 1
    return False
