"""Password hashing with Argon2id (argon2-cffi defaults: t=3, m=64 MiB, p=4 — RFC 9106 low-memory)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Verified against when the email is unknown, so both paths cost the same (no user enumeration).
_DUMMY_HASH = _hasher.hash("tandem-timing-parity-dummy")

MIN_LENGTH = 12
MAX_LENGTH = 128  # ASVS 6.2.9 asks to allow at least 64


class PasswordPolicyError(ValueError):
    pass


def check_policy(password: str, *, email: str = "") -> None:
    """Length only, no composition rules (ASVS 6.2.1/6.2.5); never the account's own email."""
    if len(password) < MIN_LENGTH:
        raise PasswordPolicyError(f"Use at least {MIN_LENGTH} characters.")
    if len(password) > MAX_LENGTH:
        raise PasswordPolicyError(f"Use at most {MAX_LENGTH} characters.")
    if email and password.strip().lower() == email.strip().lower():
        raise PasswordPolicyError("The password must not be the email address.")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify(stored_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)
