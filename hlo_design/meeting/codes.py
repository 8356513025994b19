"""Join codes: short enough to type from a projector, random enough not to guess.

Six characters from an alphabet without look-alikes (no 0/O, 1/I/L) give 31^6
≈ 887 million codes; with at most a few open meetings and a per-participant
rate limit on the server, guessing one is not a practical attack. Codes are
typed case-insensitively and with or without spaces.
"""

from __future__ import annotations

import hashlib
import secrets

__all__ = ["ALPHABET", "CODE_LENGTH", "new_code", "new_token", "normalise_code", "token_digest"]

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def new_code() -> str:
    """A fresh random join code."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """What a participant typed, as a code: upper case, spaces and dashes dropped."""
    return "".join(char for char in typed.upper() if char not in " -\t")[: CODE_LENGTH * 2]


def new_token() -> str:
    """A participant's secret: kept on their phone, sent with every contribution."""
    return secrets.token_urlsafe(24)


def token_digest(token: str) -> str:
    """What the store keeps of a token: a leaked database does not let anyone send in a participant's name."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
