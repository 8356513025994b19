"""``hlo-design meeting …``: open, list, accept and close live meetings from the command line.

The same store as the dashboards (``--store`` or ``$HLO_DESIGN_STORE``,
default the SQLite file beside the cases), so a coach can open a meeting
before the projector is on, and an analyst can accept or inspect what a room
sent without a browser. Also where the address that phones use is worked out
(:func:`join_url`), for ``serve`` and for the coach's dashboard.
"""

from __future__ import annotations

import argparse
import os
import socket

from hlo_design.base.workflow import PHASES
from hlo_design.casefile.loading import find_case_file, load_case
from hlo_design.meeting.accepting import accept
from hlo_design.meeting.codes import normalise_code
from hlo_design.meeting.participation import JOIN_URL_ENV
from hlo_design.meeting.store import STORE_ENV, Meeting, MeetingStore, State, store_url

__all__ = ["JOIN_URL_ENV", "add_meeting_commands", "join_url", "lan_address"]


def lan_address() -> str:
    """This machine's address in its local network (what phones on the same Wi-Fi reach); loopback if none.

    Connecting a UDP socket sends nothing; it only makes the system pick the outgoing interface.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def join_url(host: str, port: int) -> str:
    """The participants' address for a server listening on ``host``: the LAN address when it listens on all."""
    shown = lan_address() if host in ("0.0.0.0", "::", "") else host  # noqa: S104 - comparing, not binding
    return f"http://{shown}:{port}/join"


def add_meeting_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``meeting open|list|accept|close`` to the ``hlo-design`` parser."""
    meeting = commands.add_parser("meeting", help="open, list, accept and close live meetings")
    meeting.add_argument("--store", default=None, metavar="URL", help=f"store URL (default: ${STORE_ENV} or SQLite)")
    actions = meeting.add_subparsers(required=True, metavar="ACTION")

    opening = actions.add_parser("open", help="open a meeting for a case; prints the join code")
    opening.add_argument("case", metavar="CASE", help="a case id from the workspace's cases/")
    opening.add_argument("--phase", required=True, choices=[phase.id for phase in PHASES])
    opening.set_defaults(command=_open)

    listing = actions.add_parser("list", help="meetings with their code, state and number of contributions")
    listing.add_argument("--case", default=None, metavar="ID")
    listing.set_defaults(command=_list)

    accepting = actions.add_parser("accept", help="accept every pending contribution of a meeting into its case")
    accepting.add_argument("code", metavar="CODE", help="the meeting's join code (open or closed)")
    accepting.add_argument("--by", default="hlo-design meeting accept", help="who accepts (logged)")
    accepting.set_defaults(command=_accept)

    closing = actions.add_parser("close", help="close a meeting: its code stops working")
    closing.add_argument("code", metavar="CODE")
    closing.set_defaults(command=_close)


def _store(arguments: argparse.Namespace) -> MeetingStore:
    return MeetingStore(arguments.store or store_url(arguments.folders.cases))


def _by_code(store: MeetingStore, code: str) -> Meeting:
    found = [meeting for meeting in store.meetings() if meeting.code == normalise_code(code)]
    if not found:
        raise SystemExit(f"hlo-design: no meeting with code {code!r}; `hlo-design meeting list` shows them")
    return found[0]


def _open(arguments: argparse.Namespace) -> int:
    case = load_case(find_case_file(arguments.case, arguments.folders.cases))
    meeting = _store(arguments).open_meeting(case.id, arguments.phase)
    print(f"meeting for {case.name} ({arguments.phase}) is open; join code {meeting.code}")
    print(f"participants open {os.environ.get(JOIN_URL_ENV, join_url('0.0.0.0', 8866))} and type the code")  # noqa: S104
    return 0


def _list(arguments: argparse.Namespace) -> int:
    store = _store(arguments)
    for meeting in store.meetings(arguments.case):
        state = "open" if meeting.is_open else f"closed {meeting.closed_at:%Y-%m-%d %H:%M}"
        print(f"{meeting.code}  {meeting.case_id:<20} {meeting.phase:<13} {meeting.opened_at:%Y-%m-%d %H:%M}  "
              f"{state:<22} {store.count(meeting.id)} contributions")  # fmt: skip
    return 0


def _accept(arguments: argparse.Namespace) -> int:
    store = _store(arguments)
    meeting = _by_code(store, arguments.code)
    states = store.states(meeting.id)
    pending = [item.seq for item in store.contributions(meeting.id) if item.seq not in states]
    accept(store, find_case_file(meeting.case_id, arguments.folders.cases), meeting, pending, arguments.by)
    accepted = sum(1 for state in store.states(meeting.id).values() if state is State.ACCEPTED)
    print(f"accepted {len(pending)} pending contributions into {meeting.case_id}; {accepted} accepted in all")
    return 0


def _close(arguments: argparse.Namespace) -> int:
    store = _store(arguments)
    meeting = store.close_meeting(_by_code(store, arguments.code).id)
    print(f"meeting {meeting.code} of {meeting.case_id} is closed; {store.count(meeting.id)} contributions kept")
    return 0
