"""What the coach's dashboard polls: the contributions of a meeting that it has not seen yet.

Polling, not push: the dashboard kernel and the server that takes the phones'
contributions are different processes, and the store (SQLite or PostgreSQL)
is what they share. A poll is one indexed query; at :data:`POLL_SECONDS` a new
contribution is on the coach's screen well within the 2 seconds a room
notices. Rows of concurrent inserts can become visible out of order, so each
poll reads a little behind the newest row it saw and keeps what is new by
``seq`` (see :data:`hlo_design.meeting.store.LOOK_BACK`).
"""

from __future__ import annotations

from hlo_design.meeting.store import Contribution, Meeting, MeetingStore

__all__ = ["POLL_SECONDS", "MeetingFeed"]

POLL_SECONDS = 0.5


class MeetingFeed:
    """New contributions of one meeting, each returned once, in arrival order."""

    def __init__(self, store: MeetingStore, meeting: Meeting) -> None:
        self.store = store
        self.meeting = meeting
        self.seen: set[int] = set()
        self._newest = 0

    def poll(self) -> list[Contribution]:
        """Contributions that arrived since the last poll (all of them on the first)."""
        fresh = [item for item in self.store.recent(self.meeting.id, self._newest) if item.seq not in self.seen]
        for item in fresh:
            self.seen.add(item.seq)
            self._newest = max(self._newest, item.seq)
        return fresh
