"""Sprig's random and crypto functions.

Random values come from Python's ``secrets`` (a CSPRNG, as Sprig's crypto/rand);
every call varies between renders, and the executor warns naming template and line.

Certificates, keys, bcrypt and AES need a crypto library. The generator stays
pure and carries none: these functions are registered (so a chart that uses them
in a branch it does not take still parses and renders, as in Helm) and, when
called, use ``cryptography``/``bcrypt`` if the interpreter has them (Pyodide ships
both as loadable packages) and otherwise fail with a message that says so.
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


def _needs(module: str, func: str) -> Any:
    """Import a crypto library on first use, or fail saying which one the chart needs."""
    try:
        return __import__(module)
    except ImportError:
        raise FuncError(f"{func} needs the Python package {module!r}, which this renderer does not include") from None


def _bcrypt(password: str) -> str:
    bcrypt = _needs("bcrypt", "bcrypt")
    # Sprig uses golang.org/x/crypto/bcrypt with the default cost (10) and the $2a$ prefix.
    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt(10, prefix=b"2a"))
    return hashed.decode()


def _htpasswd(user: str, password: str) -> str:
    if ":" in user:
        raise FuncError("invalid username: contains a colon")
    return f"{user}:{_bcrypt(password)}"


def _crypto_unavailable(name: str) -> Any:
    def call(*_: Any) -> Any:
        _needs("cryptography", name)
        raise FuncError(f"{name} is not implemented by this renderer yet")

    return call


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
        Func("bcrypt", _bcrypt, ("string",), varies=True),
        Func("htpasswd", _htpasswd, ("string", "string"), varies=True),
        Func("derivePassword", _crypto_unavailable("derivePassword"), (), "any"),
        Func("sha512sum", lambda text: hashlib.sha512(text.encode()).hexdigest(), ("string",)),
        *(
            Func(name, _crypto_unavailable(name), (), "any", varies=True)
            for name in (
                "genPrivateKey", "genCA", "genCAWithKey", "genSelfSignedCert", "genSelfSignedCertWithKey",
                "genSignedCert", "genSignedCertWithKey", "buildCustomCert", "encryptAES", "decryptAES",
            )
        ),
    )
}
