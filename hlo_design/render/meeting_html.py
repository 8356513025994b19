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

__all__ = ["WallNote", "counts_html", "join_card_html", "wall_html"]

QR_SCALE = 7


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
        '<p class="hlo-join-address">{}</p><p class="hlo-join-code">{}</p></div>'
        '<div class="hlo-join-qr">{}</div></div>'
    ).format(vocabulary("meeting.go_to", address=address), vocabulary("meeting.code", code=code), qr)


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
