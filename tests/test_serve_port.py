"""`hlo-design serve` prints the address Voilà really listens on, or says which port is taken and what to do."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator

import pytest

from hlo_design.app import cli, serve
from hlo_design.app.serve import choose_port, port_is_free, voila_command


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port on 127.0.0.1 with a listener on it, as another workbook would have."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield int(listener.getsockname()[1])


class _Voila:
    """Stands in for the Voilà process: records its command line and environment, exits at once."""

    started: list[tuple[list[str], dict[str, str]]]

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        type(self).started.append((command, env))

    def wait(self) -> int:
        return 0


@pytest.fixture
def voila(monkeypatch: pytest.MonkeyPatch) -> type[_Voila]:
    _Voila.started = []
    monkeypatch.setattr(cli.subprocess, "Popen", _Voila)
    return _Voila


def test_voila_never_moves_to_another_port() -> None:
    assert "--Voila.port_retries=0" in voila_command(8866)


def test_a_port_with_a_listener_is_not_free(taken_port: int) -> None:
    assert not port_is_free("127.0.0.1", taken_port)


def test_a_port_is_free_again_once_its_listener_closed(taken_port: int) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = int(listener.getsockname()[1])
    assert port_is_free("127.0.0.1", port)


def test_a_taken_port_that_was_asked_for_fails_naming_it_and_the_option(
    taken_port: int, voila: type[_Voila], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["serve", "--no-browser", "--port", str(taken_port)]) == 1
    out, err = capsys.readouterr()
    assert f"port {taken_port}" in err
    assert "--port" in err
    assert "http://" not in out  # no address printed that nothing listens on
    assert voila.started == []


def test_without_a_port_the_next_free_one_is_printed_and_served(
    taken_port: int, voila: type[_Voila], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(serve, "DEFAULT_PORT", taken_port)
    assert cli.main(["serve", "--no-browser"]) == 0
    printed = {int(port) for port in re.findall(r"http://127\.0\.0\.1:(\d+)/", capsys.readouterr().out)}
    command, environment = voila.started[0]
    (served,) = [int(argument.split("=")[1]) for argument in command if argument.startswith("--port=")]
    assert printed == {served}  # the workbook's address and the join address
    assert served != taken_port
    assert environment["HLO_DESIGN_JOIN_URL"] == f"http://127.0.0.1:{served}/join"


def test_a_free_port_that_was_asked_for_is_used(taken_port: int) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = int(probe.getsockname()[1])
    assert choose_port("127.0.0.1", free) == free
