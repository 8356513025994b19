"""The HTML pieces of the coach's meeting page: the join card, the counts, the wall of texts from the room.

Everything a participant typed reaches the page through :class:`markupsafe.Markup`
formatting, so it is shown as text, whatever it contains. The QR code is an
SVG made by segno from the join address, which the server sets, never a participant.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import segno
from markupsafe import Markup

from hlo_design.base.vocabulary import Vocabulary

__all__ = ["MEETING_CSS", "WallNote", "counts_html", "join_card_html", "wall_html"]

QR_SCALE = 7
MEETING_CSS = Markup(
    "<style>"
    ".hlo-join-card{display:flex;gap:40px;align-items:center;flex-wrap:wrap}"
    ".hlo-join-address{font-size:26px;line-height:1.3;margin:0 0 10px}"
    ".hlo-join-label{font-size:22px;line-height:1.3;margin:0;color:#444}"
    ".hlo-join-code{font-size:72px;line-height:1.1;font-weight:800;letter-spacing:.14em;margin:4px 0 0;"
    "font-family:monospace}"
    ".hlo-meeting-counts{border-collapse:collapse;font-size:18px;margin:8px 0}"
    ".hlo-meeting-counts th,.hlo-meeting-counts td{padding:4px 14px;border-bottom:1px solid #ccc;text-align:left}"
    ".hlo-meeting-counts td.num{text-align:right}"
    ".hlo-meeting-subheading{font-size:22px;font-weight:700;margin:18px 0 6px}"
    ".hlo-meeting-note{color:#555;font-size:15px}"
    ".hlo-meeting-pending-text{font-size:17px;margin:0 0 0 10px}"
    ".hlo-wall{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:14px}"
    ".hlo-wall-note{background:#fff3c4;border-left:6px solid #E69F00;padding:10px 14px;border-radius:6px}"
    ".hlo-wall-note.hlo-wall-accepted{background:#e3f4ec;border-left-color:#009E73}"
    ".hlo-wall-note.hlo-wall-undone{background:#eee;border-left-color:#999;color:#666}"
    ".hlo-wall-text{font-size:20px;margin:0 0 6px;white-space:pre-wrap;overflow-wrap:anywhere}"
    ".hlo-wall-meta{font-size:14px;color:#444;margin:0}"
    "</style>"
)
"""Projector-sized styles of the meeting page: a code readable from the back of the room, cards like sticky notes."""


@dataclass(frozen=True)
class WallNote:
    """One text from the room as the wall shows it: what, from whom, of which kind, where it stands."""

    text: str
    who: str
    kind: str
    state: str
    state_class: str


def join_card_html(code: str, address: str, vocabulary: Vocabulary) -> Markup:
    """The big code, the address and a QR code that opens the address with the code filled in."""
    svg = segno.make(f"{address}?code={code}", error="m").svg_inline(scale=QR_SCALE, dark="#111")
    qr = Markup(svg)  # noqa: S704 - segno's SVG of our own address, no participant text
    return Markup(
        '<div class="hlo-join-card"><div class="hlo-join-text">'
        '<p class="hlo-join-address">{}</p><p class="hlo-join-label">{}</p><p class="hlo-join-code">{}</p></div>'
        '<div class="hlo-join-qr">{}</div></div>'
    ).format(vocabulary("meeting.go_to", address=address), vocabulary("meeting.code_label"), code, qr)


def counts_html(rows: Sequence[tuple[str, int, int]], vocabulary: Vocabulary) -> Markup:
    """Participants and contributions per actor of the case: who is in the room, who is quiet."""
    head = Markup("<tr><th>{}</th><th>{}</th><th>{}</th></tr>").format(
        vocabulary("meeting.counts_group"), vocabulary("meeting.counts_people"), vocabulary("meeting.counts_sent")
    )
    body = Markup("").join(
        Markup('<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td></tr>').format(name, people, sent)
        for name, people, sent in rows
    )
    return Markup('<table class="hlo-meeting-counts"><thead>{}</thead><tbody>{}</tbody></table>').format(head, body)


def wall_html(notes: Sequence[WallNote], vocabulary: Vocabulary) -> Markup:
    """The findings and lessons sent from the room, newest first, as cards."""
    if not notes:
        return Markup('<p class="hlo-wall-empty">{}</p>').format(vocabulary("meeting.wall_empty"))
    cards = Markup("").join(
        Markup(
            '<div class="hlo-wall-note {}"><p class="hlo-wall-text">{}</p>'
            '<p class="hlo-wall-meta">{} · {} · <span class="hlo-wall-state">{}</span></p></div>'
        ).format(note.state_class, note.text, note.kind, vocabulary("meeting.from", who=note.who), note.state)
        for note in notes
    )
    return Markup('<div class="hlo-wall">{}</div>').format(cards)
