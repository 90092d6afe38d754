"""Review-app accounts: the rules a name and a new password must meet (the same for the CLI and
the web app), and password hashing (argon2id).

Common passwords are those of zxcvbn's list (30,000 passwords from leaked-password corpora,
shipped with the `zxcvbn` package, MIT licence).
"""

from __future__ import annotations

import re
import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from translate_pub import msgids as ids
from translate_pub.errors import InputError
from translate_pub.messages import Word

MIN_PASSWORD = 12
MAX_NAME = 100
# Letters (any script), digits and . _ @ -: no spaces, which the login form trims away.
_NAME = re.compile(rf"[\w.@-]{{1,{MAX_NAME}}}")
_hasher = PasswordHasher()


def account_name(raw: str) -> str:
    """The name trimmed; InputError unless it is one that can log in."""
    name = raw.strip()
    if not _NAME.fullmatch(name):
        raise InputError(
            Word("user name"), ids.USER_NAME_BAD(name=repr(name), n=MAX_NAME)
        )
    return name


def check_new_password(password: str) -> None:
    """InputError unless `password` is long enough and not a common one."""
    if len(password) < MIN_PASSWORD:
        raise InputError(Word("password"), ids.PASSWORD_SHORT(n=MIN_PASSWORD))
    if password.lower() in _common_passwords():
        raise InputError(Word("password"), ids.PASSWORD_COMMON())


@cache
def _common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def hash_password(password: str) -> str:
    return _hasher.hash(password)


@cache
def _unknown_user_hash() -> str:
    return _hasher.hash(secrets.token_hex(16))


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password; `None` (no such user) costs the same time as a wrong password,
    so response times do not reveal which user names exist."""
    try:
        return (
            _hasher.verify(password_hash or _unknown_user_hash(), password)
            and password_hash is not None
        )
    except (VerificationError, InvalidHashError):
        return False
