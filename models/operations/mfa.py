"""The second factor: who must use one, enrol, check a code (once only), recovery codes, turn
off, reset.

Which roles must use a second factor is a county setting (CountyProfile.mfa_required_roles, a
comma list of role codes, "supervisor,admin" by default); the other roles are offered it.

TOTP (RFC 6238) with pyotp: 6 digits, 30-second steps, one step of clock drift either side.
A code is accepted once: the accepted time step is written with a conditional UPDATE, so the
same code — or an older one — is refused afterwards, even by another server at the same moment
(ASVS 6.5.1). Recovery codes are random, kept as SHA-256 only, each spent by a conditional
UPDATE too. Nothing here commits; nothing here logs a secret or a code.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import re
import secrets
from datetime import datetime

import pyotp
from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from models.users import RecoveryCode, User

ISSUER = "Tandem"

STEP_SECONDS = 30  # RFC 6238 time step: each code is good for one step
DRIFT_STEPS = 1  # one step either side for a phone clock a little off (RFC 6238 §5.2)
TOTP_DIGITS = 6
RECOVERY_CODE_COUNT = 10
RECOVERY_CODE_LENGTH = 10  # Crockford base32: 50 random bits each
# Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
RECOVERY_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
_CROCKFORD_MISREAD = str.maketrans({"o": "0", "i": "1", "l": "1"})


def required_roles(setting: str | None) -> frozenset[str]:
    """The role codes in a county's setting; blanks and spaces ignored."""
    return frozenset(part.strip().lower() for part in (setting or "").split(",") if part.strip())


def is_required(setting: str | None, role: str) -> bool:
    return role in required_roles(setting)


def cleaned(text: str | None) -> str:
    """What was typed, without spaces and hyphens, in lower case."""
    return re.sub(r"[\s-]+", "", text or "").lower()


def is_totp_code(text: str | None) -> bool:
    code = cleaned(text)
    return len(code) == TOTP_DIGITS and code.isdigit()


def is_recovery_code(text: str | None) -> bool:
    code = cleaned(text).translate(_CROCKFORD_MISREAD)
    return len(code) == RECOVERY_CODE_LENGTH and all(c in RECOVERY_ALPHABET for c in code)


def recovery_code_hash(text: str) -> str:
    """SHA-256 of the code as typed in any case, with or without its hyphen."""
    return hashlib.sha256(cleaned(text).translate(_CROCKFORD_MISREAD).encode()).hexdigest()


def shown_recovery_code(code: str) -> str:
    """Two groups of five: "abcde-fghjk"."""
    half = RECOVERY_CODE_LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


def grouped_secret(secret: str) -> str:
    """A base32 secret in groups of four, as authenticator apps ask for it to be typed."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


class Check(enum.Enum):
    APP = "authenticator app"  # a good TOTP code
    RECOVERY = "recovery code"  # a good, unused recovery code (now spent)
    WRONG = "wrong code"
    REUSED = "code already used"


class NotEnrolled(Exception):
    """The account has no second factor to check."""


def new_secret() -> str:
    """160 random bits, base32 (RFC 4226 §4 recommends 160)."""
    return pyotp.random_base32(32)


def provisioning_uri(secret: str, email: str, county_name: str) -> str:
    """The otpauth:// URI an authenticator app reads (from a QR code, or pasted)."""
    return _totp(secret).provisioning_uri(name=email, issuer_name=f"{ISSUER} ({county_name})")


def _totp(secret: str) -> pyotp.TOTP:
    return pyotp.TOTP(secret, digits=TOTP_DIGITS, interval=STEP_SECONDS)


def _matching_step(secret: str, code: str, now: datetime) -> int | None:
    """The newest time step within the drift whose code is ``code``, or None."""
    totp = _totp(secret)
    current = totp.timecode(now)
    typed = cleaned(code)
    found = None
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), typed):
            found = step
    return found


def _spend_step(db: Session, user: User, step: int) -> bool:
    """Record ``step`` as used unless it (or a later one) already was; True when recorded."""
    result = db.execute(
        update(User)
        .where(User.id == user.id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return False
    set_committed_value(user, "totp_last_step", step)  # already written just above
    return True


def check_totp(db: Session, user: User, code: str, now: datetime) -> Check:
    if not user.mfa_enrolled or not user.totp_secret:
        raise NotEnrolled
    if not is_totp_code(code):
        return Check.WRONG
    step = _matching_step(user.totp_secret, code, now)
    if step is None:
        return Check.WRONG
    if user.totp_last_step is not None and step <= user.totp_last_step:
        return Check.REUSED
    return Check.APP if _spend_step(db, user, step) else Check.REUSED


def use_recovery_code(db: Session, user: User, code: str, now: datetime) -> Check:
    if not user.mfa_enrolled:
        raise NotEnrolled
    if not is_recovery_code(code):
        return Check.WRONG
    found = db.scalars(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id, RecoveryCode.code_hash == recovery_code_hash(code)
        )
    ).first()
    if found is None:
        return Check.WRONG
    if found.used_at is not None:
        return Check.REUSED
    spent = db.execute(
        update(RecoveryCode)
        .where(RecoveryCode.id == found.id, RecoveryCode.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    db.expire(found)
    return Check.RECOVERY if spent.rowcount == 1 else Check.REUSED


def check_code(db: Session, user: User, code: str, now: datetime) -> Check:
    """A 6-digit code from the app, or a recovery code; whichever the typed text looks like."""
    if is_recovery_code(code) and not is_totp_code(code):
        return use_recovery_code(db, user, code, now)
    return check_totp(db, user, code, now)


def _new_recovery_codes(db: Session, user: User, now: datetime) -> list[str]:
    db.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    for code in codes:
        db.add(RecoveryCode(user_id=user.id, code_hash=recovery_code_hash(code), created_at=now))
    return [shown_recovery_code(code) for code in codes]


def enrol(db: Session, user: User, secret: str, code: str, now: datetime) -> list[str] | None:
    """Turn the second factor on once the app shows a good code for ``secret``.

    Returns the new recovery codes (to show once), or None when the code is not right."""
    step = _matching_step(secret, code, now) if is_totp_code(code) else None
    if step is None:
        return None
    user.totp_secret = secret
    user.mfa_enrolled_at = now
    user.totp_last_step = step  # the code just typed cannot be used again to sign in
    return _new_recovery_codes(db, user, now)


def replace_recovery_codes(db: Session, user: User, now: datetime) -> list[str]:
    """New recovery codes; the old ones stop working."""
    if not user.mfa_enrolled:
        raise NotEnrolled
    return _new_recovery_codes(db, user, now)


def remove_second_factor(db: Session, user: User) -> None:
    """Turn it off (the worker, where allowed) or reset it (an administrator)."""
    user.totp_secret = None
    user.mfa_enrolled_at = None
    user.totp_last_step = None
    db.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
