"""A meeting under load: 30 phones sending contributions for a minute, and the coach's feed that shows them.

What is measured, in one run on 127.0.0.1 against the real server (``hlo-design serve --pool 0``:
Voilà with the participants' pages, on a throw-away copy of the example cases and a fresh store):

- a diagnose meeting for ``zorg`` is opened with :class:`~hlo_design.meeting.store.MeetingStore`;
- ``--participants`` simulated phones (asyncio + httpx, one client each) join as the case's actors
  that have a scan group (teachers, supervisors, coordinators, learners, in turn), read their forms
  from ``/join/api/forms`` and, for ``--seconds``, each send a random sticker, scan cell or finding
  with values taken from those forms, then wait 1–3 s (about 30 a minute, half the server's limit of
  60 a minute per participant; a 429 would be counted apart);
- meanwhile a coach thread in this process polls ``MeetingFeed(store, meeting).poll()`` every
  ``POLL_SECONDS``, as the dashboard does, on a store of its own, and notes when each ``seq`` first
  appears.

Why: the issue asks that a room of thirty loses nothing (every contribution the phone was told is
sent is in the store), that the coach sees it within 2 seconds, and that the server that also carries
the dashboards does not grow by more than 100 MB under it.

Reported: sent (2xx) vs stored (``store.count``), refusals and errors by status, submit latency,
submit→visible-to-coach latency (the coach's poll time minus the time the phone got its answer; it
is *negative* when a poll saw the row before the answer reached the phone, and is reported as
measured, not clamped), the coach's poll time, and the server process's resident memory
(``/proc/<pid>/status``; ``pool=0`` starts no kernels while no dashboard is open, so the server
process is all there is). Targets: sent == stored, visible p95 <= 2 s, RSS growth <= 100 MB; each
is printed as "target met / not met". The exit code is 0 whatever the results, non-zero on errors.

Run: ``.venv/bin/python -m benchmarks.bench_meeting_load [--seconds 60] [--participants 30]
[--store sqlite|postgresql|both | --postgres]``. PostgreSQL runs a real throw-away server
(``tests/postgres_server.py``, Debian's package, ``make postgres``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil

from benchmarks.common import meeting_server, percentile, rss_mb
from hlo_design.casefile.loading import find_case_file, load_case
from hlo_design.meeting.contributions import scan_group_of
from hlo_design.meeting.feed import POLL_SECONDS, MeetingFeed
from hlo_design.meeting.store import Meeting, MeetingStore

CASE = "zorg"
PHASE = "diagnose"
KINDS = ("sticker", "scan_cell", "finding")
PAUSE_SECONDS = (1.0, 3.0)
DRAIN_SECONDS = 10.0
"""After the load, how long the coach may still take to see the last contributions."""
VISIBLE_TARGET_S = 2.0
GROWTH_TARGET_MB = 100.0


@dataclass
class Results:
    """Everything one run measured; times are ``time.monotonic()`` of this process."""

    joined: int = 0
    join_latencies: list[float] = field(default_factory=list)
    answered: dict[int, float] = field(default_factory=dict)
    """seq -> when the phone got its 2xx answer."""
    pressed: dict[int, float] = field(default_factory=dict)
    """seq -> when the phone sent the request."""
    submit_latencies: list[float] = field(default_factory=list)
    refusals: Counter[str] = field(default_factory=Counter)
    seen: dict[int, float] = field(default_factory=dict)
    """seq -> when the coach's feed first returned it."""
    poll_seconds: list[float] = field(default_factory=list)
    rss_samples: list[float] = field(default_factory=list)


def _random_values(form: dict[str, Any], rng: random.Random, number: int) -> dict[str, Any]:
    """Values a phone could send for ``form``: an option of every select, a few boxes, a short text."""
    values: dict[str, Any] = {}
    for spec in form["fields"]:
        name, kind, required = spec["name"], spec["type"], spec["required"]
        if kind == "select":
            values[name] = rng.choice([value for value, _ in spec["options"] if value or not required])
        elif kind == "multi":
            options = [value for value, _ in spec["options"]]
            values[name] = rng.sample(options, rng.randint(1 if required else 0, min(3, len(options))))
        elif kind == "check":
            values[name] = rng.random() < 0.5
        elif kind == "scale":
            values[name] = rng.randint(spec["min"], spec["max"])
        elif kind == "text" and (required or rng.random() < 0.5):
            values[name] = f"Bijdrage {number}: {rng.choice(['stage', 'feedback', 'rooster', 'mentor'])} moet beter"
    return values


async def _phone(base: str, code: str, actor: str, deadline: float, seed: int, results: Results) -> None:
    """One participant: join, read the forms, then send and pause until ``deadline``."""
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base + "/join/api", timeout=30) as client:
        started = time.monotonic()
        answer = await client.post("/participants", json={"code": code, "actor": actor, "name": f"telefoon {seed}"})
        if answer.status_code != 200:
            results.refusals[f"join {answer.status_code}"] += 1
            return
        results.join_latencies.append(time.monotonic() - started)
        results.joined += 1
        client.headers["Authorization"] = f"Bearer {answer.json()['token']}"
        answer = await client.get("/forms")
        if answer.status_code != 200:
            results.refusals[f"forms {answer.status_code}"] += 1
            return
        forms = [form for form in answer.json()["forms"] if form["kind"] in KINDS]
        await asyncio.sleep(rng.uniform(*PAUSE_SECONDS))  # phones do not all start on the same beat
        number = 0
        while time.monotonic() < deadline:
            number += 1
            form = rng.choice(forms)
            body = {"kind": form["kind"], "values": _random_values(form, rng, number)}
            pressed = time.monotonic()
            try:
                answer = await client.post("/contributions", json=body)
            except httpx.HTTPError as error:
                results.refusals[type(error).__name__] += 1
            else:
                arrived = time.monotonic()
                if answer.is_success:
                    seq = int(answer.json()["seq"])
                    results.answered[seq], results.pressed[seq] = arrived, pressed
                    results.submit_latencies.append(arrived - pressed)
                else:
                    results.refusals[f"{answer.status_code} {answer.json().get('error', '')}".strip()] += 1
            await asyncio.sleep(rng.uniform(*PAUSE_SECONDS))


def _coach(store_url: str, meeting: Meeting, stop: threading.Event, results: Results) -> None:
    """The dashboard's loop: a poll every ``POLL_SECONDS`` (on a fixed beat), noting when each seq appears."""
    store = MeetingStore(store_url)
    feed = MeetingFeed(store, meeting)
    beat = time.monotonic()
    try:
        while not stop.is_set():
            started = time.monotonic()
            fresh = feed.poll()
            now = time.monotonic()
            results.poll_seconds.append(now - started)
            for item in fresh:
                results.seen.setdefault(item.seq, now)
            beat += POLL_SECONDS
            stop.wait(max(0.0, beat - time.monotonic()))
    finally:
        store.dispose()


async def _load(base: str, code: str, actors: list[str], arguments: argparse.Namespace, results: Results) -> None:
    deadline = time.monotonic() + arguments.seconds
    phones = [
        _phone(base, code, actors[index % len(actors)], deadline, index, results)
        for index in range(arguments.participants)
    ]
    await asyncio.gather(*phones)


def _sample_rss(pid: int, stop: threading.Event, results: Results) -> None:
    while not stop.wait(1.0):
        results.rss_samples.append(rss_mb(pid))


@dataclass(frozen=True)
class ServerCost:
    """What the load cost the server process: memory before and after, CPU seconds, over how long."""

    participants: int
    load_seconds: float
    rss_before_mb: float
    rss_after_mb: float
    cpu_seconds: float


def run(store: str | None, arguments: argparse.Namespace) -> ServerCost:
    """Start the server on ``store`` (None: SQLite), load it, print the table; what it cost the server."""
    results = Results()
    with meeting_server(store) as (server, cases, store_url):
        case = load_case(find_case_file(CASE, cases))
        actors = [actor.id for actor in case.actors if scan_group_of(actor.type) is not None]
        coach_store = MeetingStore(store_url)
        meeting = coach_store.open_meeting(CASE, PHASE)
        pid = server.process.pid
        rss_before = rss_mb(pid)
        cpu_before = sum(psutil.Process(pid).cpu_times()[:2])
        stop_coach, stop_sampler = threading.Event(), threading.Event()
        coach = threading.Thread(target=_coach, args=(store_url, meeting, stop_coach, results))
        sampler = threading.Thread(target=_sample_rss, args=(pid, stop_sampler, results))
        coach.start()
        sampler.start()
        started = time.monotonic()
        try:
            asyncio.run(_load(server.url, meeting.code, actors, arguments, results))
            load_seconds = time.monotonic() - started
            drain_until = time.monotonic() + DRAIN_SECONDS
            while time.monotonic() < drain_until and not set(results.answered) <= set(results.seen):
                time.sleep(0.1)
        finally:
            stop_coach.set()
            stop_sampler.set()
            coach.join()
            sampler.join()
        rss_after = rss_mb(pid)
        cpu_seconds = sum(psutil.Process(pid).cpu_times()[:2]) - cpu_before
        stored = coach_store.count(meeting.id)
        coach_store.dispose()
        if server.process.poll() is not None:
            raise RuntimeError(f"the server died:\n{server.log.read_text(errors='replace')[-3000:]}")
    _report(store_url.split(":", 1)[0], arguments, results, load_seconds, stored, rss_before, rss_after, len(actors))
    return ServerCost(arguments.participants, load_seconds, rss_before, rss_after, cpu_seconds)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.0f} ms"


def _report(
    backend: str, arguments: argparse.Namespace, results: Results, load_seconds: float, stored: int,
    rss_before: float, rss_after: float, actors: int,
) -> None:  # fmt: skip
    sent = len(results.answered)
    visible = [results.seen[seq] - arrived for seq, arrived in results.answered.items() if seq in results.seen]
    from_press = [results.seen[seq] - results.pressed[seq] for seq in results.answered if seq in results.seen]
    never_seen = sent - len(visible)
    growth = rss_after - rss_before
    rule = "-" * 78
    print(rule)
    print(f"meeting load, store {backend}: {arguments.participants} participants over {actors} actors, "
          f"{load_seconds:.0f} s, coach polls every {POLL_SECONDS} s")  # fmt: skip
    print(rule)
    print(f"joined                                   {results.joined:8d} of {arguments.participants}")
    if results.join_latencies:
        print(f"join latency p50 / max                   {_ms(percentile(results.join_latencies, 0.5))} "
              f"/ {_ms(max(results.join_latencies))}")  # fmt: skip
    print(f"contributions sent (2xx)                 {sent:8d}   ({sent / load_seconds:.1f} a second)")
    print(f"contributions stored (store.count)       {stored:8d}")
    print(f"refused 429 (rate limit)                 {results.refusals.get('429 too_many', 0):8d}")
    others = {key: count for key, count in results.refusals.items() if key != "429 too_many"}
    print(f"other errors                             {sum(others.values()):8d}   {dict(others) or ''}")
    if results.submit_latencies:
        lat = results.submit_latencies
        print(f"submit latency p50 / p95 / max           {_ms(percentile(lat, 0.5))} / {_ms(percentile(lat, 0.95))}"
              f" / {_ms(max(lat))}")  # fmt: skip
    if visible:
        print(f"answer → visible to coach p50 / p95      {_ms(percentile(visible, 0.5))} / "
              f"{_ms(percentile(visible, 0.95))}")  # fmt: skip
        print(f"answer → visible to coach min / max      {_ms(min(visible))} / {_ms(max(visible))}"
              f"   ({sum(v < 0 for v in visible)} seen before the answer arrived)")  # fmt: skip
        print(f"send → visible to coach p50 / p95        {_ms(percentile(from_press, 0.5))} / "
              f"{_ms(percentile(from_press, 0.95))}")  # fmt: skip
    print(f"never seen by the coach                  {never_seen:8d}")
    if results.poll_seconds:
        polls = results.poll_seconds
        print(f"coach poll time p50 / p95 ({len(polls)} polls)   {_ms(percentile(polls, 0.5))} / "
              f"{_ms(percentile(polls, 0.95))}")  # fmt: skip
    peak = max([rss_after, *results.rss_samples])
    print(f"server RSS before / after / peak         {rss_before:6.0f} MB / {rss_after:.0f} MB / {peak:.0f} MB")
    print(rule)
    p95 = percentile(visible, 0.95) if visible else float("inf")
    targets = [
        (f"sent == stored ({sent} == {stored}), nothing unseen", sent == stored and sent > 0 and never_seen == 0),
        (f"visible to coach p95 <= {VISIBLE_TARGET_S:.0f} s ({p95:.2f} s)", p95 <= VISIBLE_TARGET_S),
        (f"server RSS growth <= {GROWTH_TARGET_MB:.0f} MB ({growth:+.0f} MB)", growth <= GROWTH_TARGET_MB),
    ]
    for text, met in targets:
        print(f"{text:60s} target {'met' if met else 'not met'}")
    print(rule, flush=True)


@contextmanager
def _postgres() -> Iterator[str]:
    """A throw-away PostgreSQL server (``tests/postgres_server.py``); yields its SQLAlchemy URL."""
    from tests.postgres_server import running_postgres

    with tempfile.TemporaryDirectory(prefix="hlo-bench-pg-") as scratch:
        base = Path(scratch)
        if os.geteuid() == 0:
            base.chmod(0o711)  # the server runs as `postgres`, which must be able to enter the folder
        with running_postgres(base) as url:
            yield url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="how long the phones keep sending")
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--store", choices=["sqlite", "postgresql", "both"], default="sqlite")
    parser.add_argument("--postgres", action="store_true", help="same as --store both")
    arguments = parser.parse_args()
    store = "both" if arguments.postgres else arguments.store
    if store in ("sqlite", "both"):
        run(None, arguments)
    if store in ("postgresql", "both"):
        with _postgres() as url:
            run(url, arguments)


if __name__ == "__main__":
    main()
