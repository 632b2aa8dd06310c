"""Sprig's certificate, key, AES and bcrypt functions, with Sprig's arguments, results and messages.

The work is done by the ``cryptography`` and ``bcrypt`` packages, imported only
when a chart calls one of these functions: the generator imports and runs
without them (the browser editor ships neither), and there a call fails with a
message naming the function and the package, at the template and line of the
call. Keys, certificates, IVs and salts are random, so every call but
``decryptAES`` and ``buildCustomCert`` is marked as varying: the executor warns
naming template and line, as for the random and clock functions.
"""

from __future__ import annotations

import base64
import importlib
import sys
from types import ModuleType
from typing import Any

from .errors import FuncError
from .exec import Func
from .funcs_sprig import go_b64decode
from .values import GoObject, sprint_value

_BCRYPT_COST = 10  # golang.org/x/crypto/bcrypt's DefaultCost, which Sprig uses
_BCRYPT_MAX_PASSWORD = 72


class Certificate(GoObject):
    """Sprig's ``certificate`` struct: the PEM texts ``.Cert`` and ``.Key``."""

    _go_type = "sprig.certificate"
    _go_kind = "struct"
    _go_fields = ("Cert", "Key")

    def __init__(self, cert: str, key: str) -> None:
        self.Cert = cert  # noqa: N815 - Go field names
        self.Key = key  # noqa: N815


def _missing(package: str, func: str) -> FuncError:
    where = "the browser editor does not ship it" if sys.platform == "emscripten" else f"install it (pip install {package}) to render this chart"
    return FuncError(f"{func} needs the Python package {package!r}, which is not available here: {where}")


def _cryptolib(func: str) -> ModuleType:
    """Sprig's crypto on ``cryptography``, imported on first use, or a FuncError naming what is missing."""
    try:
        return importlib.import_module(".cryptolib", __package__)
    except ImportError:
        raise _missing("cryptography", func) from None


def _bcrypt_module(func: str) -> ModuleType:
    try:
        return importlib.import_module("bcrypt")
    except ImportError:
        raise _missing("bcrypt", func) from None


def _fail(err: ValueError) -> FuncError:
    return FuncError(str(err))


# --- keys and certificates ------------------------------------------------------------


def _gen_private_key(kind: str) -> str:
    """genPrivateKey: a PEM key; an unknown type is Sprig's text result, not an error."""
    lib = _cryptolib("genPrivateKey")
    try:
        key = lib.generate_key(kind)
    except KeyError:
        return "Unknown type " + kind
    return lib.key_pem(key)


def _key_from_pem(lib: ModuleType, pem: str) -> Any:
    try:
        return lib.parse_key_pem(pem)
    except ValueError as err:
        raise FuncError(f"parsing private key: {err}") from None


def _ips(lib: ModuleType, values: list[Any] | None) -> list[Any]:
    """Sprig's getNetIPs: every entry a string Go's net.ParseIP accepts."""
    out = []
    for value in values or ():
        if type(value) is not str:
            raise FuncError(f"error parsing ip: {sprint_value(value)} is not a string")
        address = lib.parse_ip(value)
        if address is None:
            raise FuncError(f"error parsing ip: {value}")
        out.append(address)
    return out


def _dns_names(values: list[Any] | None) -> list[str]:
    """Sprig's getAlternateDNSStrs: every entry a string."""
    for value in values or ():
        if type(value) is not str:
            raise FuncError(f"error processing alternate dns name: {sprint_value(value)} is not a string")
    return list(values or ())


def _issue(func: str, cn: str, ips: list[Any] | None, dns: list[Any] | None, days: int, key_pem: str | None, *, is_ca: bool = False, ca: Certificate | None = None) -> Certificate:
    """The common path of the gen*Cert* functions: check the names, read the signer and the key, sign."""
    lib = _cryptolib(func)
    addresses, names = _ips(lib, ips), _dns_names(dns)
    signer = None
    if ca is not None:
        block = lib.pem_decode(ca.Cert.encode())
        if block is None:
            raise FuncError("unable to decode certificate")
        try:
            signer_cert = lib.parse_certificate(block[1])
        except ValueError as err:
            raise FuncError(f"error parsing certificate: decodedSignerCert.Bytes: {err}") from None
        try:
            signer = (signer_cert, lib.parse_key_pem(ca.Key))
        except ValueError as err:
            raise FuncError(f"error parsing private key: {err}") from None
    key = lib.rsa_2048() if key_pem is None else _key_from_pem(lib, key_pem)
    try:
        cert = lib.create_certificate(cn, addresses, names, days, key, is_ca=is_ca, signer=signer)
    except ValueError as err:
        raise _fail(err) from None
    return Certificate(cert, lib.key_pem(key))


def _gen_ca(cn: str, days: int) -> Certificate:
    return _issue("genCA", cn, None, None, days, None, is_ca=True)


def _gen_ca_with_key(cn: str, days: int, key: str) -> Certificate:
    return _issue("genCAWithKey", cn, None, None, days, key, is_ca=True)


def _gen_self_signed(cn: str, ips: list[Any] | None, dns: list[Any] | None, days: int) -> Certificate:
    return _issue("genSelfSignedCert", cn, ips, dns, days, None)


def _gen_self_signed_with_key(cn: str, ips: list[Any] | None, dns: list[Any] | None, days: int, key: str) -> Certificate:
    return _issue("genSelfSignedCertWithKey", cn, ips, dns, days, key)


def _gen_signed(cn: str, ips: list[Any] | None, dns: list[Any] | None, days: int, ca: Certificate) -> Certificate:
    return _issue("genSignedCert", cn, ips, dns, days, None, ca=ca)


def _gen_signed_with_key(cn: str, ips: list[Any] | None, dns: list[Any] | None, days: int, ca: Certificate, key: str) -> Certificate:
    return _issue("genSignedCertWithKey", cn, ips, dns, days, key, ca=ca)


def _build_custom_cert(b64cert: str, b64key: str) -> Certificate:
    """buildCustomCert: a certificate and key given as base64 PEM, checked and returned as PEM."""
    lib = _cryptolib("buildCustomCert")
    try:
        cert = go_b64decode(b64cert.encode())
    except ValueError:
        raise FuncError("unable to decode base64 certificate") from None
    try:
        key = go_b64decode(b64key.encode())
    except ValueError:
        raise FuncError("unable to decode base64 private key") from None
    block = lib.pem_decode(cert)
    if block is None:
        raise FuncError("unable to decode certificate")
    try:
        lib.parse_certificate(block[1])
    except ValueError as err:
        raise FuncError(f"error parsing certificate: decodedCert.Bytes: {err}") from None
    key_text = key.decode(errors="replace")
    try:
        lib.parse_key_pem(key_text)
    except ValueError as err:
        raise FuncError(f"error parsing private key: {err}") from None
    return Certificate(cert.decode(errors="replace"), key_text)


# --- AES -------------------------------------------------------------------------------


def _encrypt_aes(password: str, plaintext: str) -> str:
    """encryptAES: base64 of a random IV and the AES-256-CBC ciphertext; nothing in, nothing out."""
    if plaintext == "":
        return ""
    return base64.b64encode(_cryptolib("encryptAES").encrypt_aes_cbc(password, plaintext.encode())).decode()


def _decrypt_aes(password: str, crypt64: str) -> str:
    """decryptAES: the inverse of encryptAES, with Go's failures on input it did not make."""
    if crypt64 == "":
        return ""
    lib = _cryptolib("decryptAES")
    try:
        data = go_b64decode(crypt64.encode())
        plain = lib.decrypt_aes_cbc(password, data)
    except ValueError as err:
        raise _fail(err) from None
    return plain.decode(errors="replace")


# --- bcrypt ----------------------------------------------------------------------------


def _bcrypt(password: str, func: str = "bcrypt") -> str:
    """bcrypt: golang.org/x/crypto/bcrypt at the default cost with its $2a$ prefix; a failure is the text result."""
    bcrypt = _bcrypt_module(func)
    secret = password.encode()
    if len(secret) > _BCRYPT_MAX_PASSWORD:
        return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes"
    return bcrypt.hashpw(secret, bcrypt.gensalt(_BCRYPT_COST, prefix=b"2a")).decode()


def _htpasswd(user: str, password: str) -> str:
    """htpasswd: an Apache ``user:bcrypt-hash`` line; a user with a colon gives Sprig's message as the result."""
    if ":" in user:
        return f"invalid username: {user}"
    return f"{user}:{_bcrypt(password, 'htpasswd')}"


CRYPTO: dict[str, Func] = {
    f.name: f
    for f in (
        Func("genPrivateKey", _gen_private_key, ("string",), varies=True),
        Func("genCA", _gen_ca, ("string", "int"), varies=True),
        Func("genCAWithKey", _gen_ca_with_key, ("string", "int", "string"), varies=True),
        Func("genSelfSignedCert", _gen_self_signed, ("string", "list", "list", "int"), varies=True),
        Func("genSelfSignedCertWithKey", _gen_self_signed_with_key, ("string", "list", "list", "int", "string"), varies=True),
        Func("genSignedCert", _gen_signed, ("string", "list", "list", "int", Certificate._go_type), varies=True),
        Func("genSignedCertWithKey", _gen_signed_with_key, ("string", "list", "list", "int", Certificate._go_type, "string"), varies=True),
        Func("buildCustomCert", _build_custom_cert, ("string", "string")),
        Func("encryptAES", _encrypt_aes, ("string", "string"), varies=True),
        Func("decryptAES", _decrypt_aes, ("string", "string")),
        Func("bcrypt", lambda password: _bcrypt(password), ("string",), varies=True),
        Func("htpasswd", _htpasswd, ("string", "string"), varies=True),
    )
}
