"""Sprig's random functions, and its hashes that need no crypto library (derivePassword, sha512sum).

Random values come from Python's ``secrets`` (a CSPRNG, as Sprig's crypto/rand);
every call varies between renders, and the executor warns naming template and line.
Certificates, keys, AES and bcrypt are in funcs_crypto.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import string
import uuid
from typing import Any

from .errors import FuncError
from .exec import Func
from .funcs_sprig import to_int64

_ALPHA = string.ascii_letters
_ALNUM = string.ascii_letters + string.digits
_ASCII = "".join(chr(c) for c in range(32, 127))


def _random_from(alphabet: str, count: Any) -> str:
    n = to_int64(count)
    if n < 0:
        raise FuncError(f"count must be >= 0, got {n}")
    return "".join(secrets.choice(alphabet) for _ in range(n))


def _rand_bytes(count: Any) -> str:
    return base64.b64encode(secrets.token_bytes(max(0, to_int64(count)))).decode()


def _rand_int(low: Any, high: Any) -> int:
    lo, hi = to_int64(low), to_int64(high)
    if hi <= lo:
        raise FuncError("invalid argument to Intn")
    return lo + secrets.randbelow(hi - lo)


def _shuffle(text: str) -> str:
    chars = list(text)
    for i in range(len(chars) - 1, 0, -1):
        j = secrets.randbelow(i + 1)
        chars[i], chars[j] = chars[j], chars[i]
    return "".join(chars)


def _uuidv4() -> str:
    return str(uuid.uuid4())


# The Master Password algorithm's templates and character classes (what Sprig's derivePassword uses).
_MASTER_PASSWORD_SEED = b"com.lyndir.masterpassword"
_PASSWORD_TEMPLATES = {
    "maximum": ("anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"),
    "long": (
        "CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv", "CvccCvcvCvcvno",
        "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc", "CvcvCvcvnoCvcc", "CvcvCvcvCvccno",
        "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno", "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno",
        "CvccnoCvcvCvcc", "CvccCvcvnoCvcc", "CvccCvcvCvccno",
    ),
    "medium": ("CvcnoCvc", "CvcCvcno"),
    "short": ("Cvcn",),
    "basic": ("aaanaaan", "aannaaan", "aaannaaa"),
    "pin": ("nnnn",),
}
_TEMPLATE_CHARACTERS = {
    "V": "AEIOU",
    "C": "BCDFGHJKLMNPQRSTVWXYZ",
    "v": "aeiou",
    "c": "bcdfghjklmnpqrstvwxyz",
    "A": "AEIOUBCDFGHJKLMNPQRSTVWXYZ",
    "a": "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
    "n": "0123456789",
    "o": "@&%?,=[]_:-+*$#!'^~;()/.",
    "x": "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()",
}


def _derive_password(counter: int, kind: str, password: str, user: str, site: str) -> str:
    """Sprig's derivePassword: the Master Password algorithm (scrypt N=32768, r=8, p=2, then HMAC-SHA256)."""
    import hmac
    import struct

    templates = _PASSWORD_TEMPLATES.get(kind)
    if templates is None:
        return f"cannot find password template {kind}"
    scrypt = getattr(hashlib, "scrypt", None)
    if scrypt is None:
        raise FuncError("derivePassword needs scrypt, which this Python's hashlib lacks")
    user_bytes, site_bytes = user.encode(), site.encode()
    salt = _MASTER_PASSWORD_SEED + struct.pack(">I", len(user_bytes)) + user_bytes
    key = scrypt(password.encode(), salt=salt, n=32768, r=8, p=2, dklen=64, maxmem=64 * 1024 * 1024)
    message = _MASTER_PASSWORD_SEED + struct.pack(">I", len(site_bytes)) + site_bytes + struct.pack(">I", counter & 0xFFFFFFFF)
    seed = hmac.new(key, message, hashlib.sha256).digest()
    template = templates[seed[0] % len(templates)]
    return "".join(_TEMPLATE_CHARACTERS[c][seed[i + 1] % len(_TEMPLATE_CHARACTERS[c])] for i, c in enumerate(template))


RANDOM: dict[str, Func] = {
    f.name: f
    for f in (
        Func("randAlpha", lambda n: _random_from(_ALPHA, n), ("any",), varies=True),
        Func("randAlphaNum", lambda n: _random_from(_ALNUM, n), ("any",), varies=True),
        Func("randNumeric", lambda n: _random_from(string.digits, n), ("any",), varies=True),
        Func("randAscii", lambda n: _random_from(_ASCII, n), ("any",), varies=True),
        Func("randBytes", _rand_bytes, ("any",), varies=True),
        Func("randInt", _rand_int, ("any", "any"), varies=True),
        Func("shuffle", _shuffle, ("string",), varies=True),
        Func("uuidv4", _uuidv4, (), varies=True),
        Func("derivePassword", _derive_password, ("int", "string", "string", "string", "string")),
        Func("sha512sum", lambda text: hashlib.sha512(text.encode()).hexdigest(), ("string",)),
    )
}
