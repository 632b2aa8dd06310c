"""What Sprig's certificate, key and AES functions do, on top of the ``cryptography`` package.

Imported only when a chart calls one of those functions (funcs_crypto loads it
then): the generator itself never needs ``cryptography``, and the browser
editor, which does not ship it, keeps working for every other chart.

Each function mirrors one step of Sprig's crypto.go (Go's crypto/x509 doing the
work there): the same key types, sizes and PEM block types, the certificate
template Sprig fills in (serial, validity, key usages, basic constraints, SANs)
and the extensions Go's ``x509.CreateCertificate`` adds on its own (a subject key
id for a CA, the authority key id from the signer). Failures raise ValueError
with Sprig's wording; funcs_crypto turns them into template errors.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import ipaddress
import os
import re
import secrets
from typing import Any, Union

from cryptography import x509
from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed25519, rsa, x25519
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PrivateKey = Union[rsa.RSAPrivateKey, dsa.DSAPrivateKey, ec.EllipticCurvePrivateKey, ed25519.Ed25519PrivateKey, x25519.X25519PrivateKey]

_SERIAL_BOUND = 1 << 128  # Sprig draws serial numbers below 2^128
_AES_BLOCK = 16
# A PEM block: BEGIN at the start of a line, the same type in END.
_PEM_BLOCK = re.compile(rb"(?m)^-----BEGIN ([^\r\n]*?)-----[ \t]*\r?\n(.*?)^-----END \1-----", re.S)


# --- keys ----------------------------------------------------------------------------


def generate_key(kind: str) -> PrivateKey:
    """A new key as Sprig's genPrivateKey makes it: RSA 4096, DSA L2048N256, ECDSA P-256 or Ed25519."""
    if kind in ("", "rsa"):
        return rsa.generate_private_key(public_exponent=65537, key_size=4096)
    if kind == "dsa":
        return dsa.generate_private_key(key_size=2048)  # OpenSSL picks a 256-bit q for 2048-bit p: L2048N256
    if kind == "ecdsa":
        return ec.generate_private_key(ec.SECP256R1())
    if kind == "ed25519":
        return ed25519.Ed25519PrivateKey.generate()
    raise KeyError(kind)


def rsa_2048() -> rsa.RSAPrivateKey:
    """The key Sprig's genCA, genSelfSignedCert and genSignedCert make for the certificate."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def key_pem(key: PrivateKey) -> str:
    """Sprig's pemBlockForKey: PKCS#1 for RSA, SEC 1 for ECDSA, OpenSSL's DSA layout, PKCS#8 for the rest."""
    traditional = isinstance(key, (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey, dsa.DSAPrivateKey))
    form = serialization.PrivateFormat.TraditionalOpenSSL if traditional else serialization.PrivateFormat.PKCS8
    return key.private_bytes(serialization.Encoding.PEM, form, serialization.NoEncryption()).decode()


_BLOCK_KEY_TYPES: dict[str, tuple[type, ...]] = {
    "RSA": (rsa.RSAPrivateKey,),
    "EC": (ec.EllipticCurvePrivateKey,),
    "DSA": (dsa.DSAPrivateKey,),
}
_PKCS8_KEY_TYPES = (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey, ed25519.Ed25519PrivateKey, x25519.X25519PrivateKey)


def parse_key_pem(text: str) -> PrivateKey:
    """Sprig's parsePrivateKeyPEM: the first PEM block, read by its type as Go's x509 parsers read it."""
    block = pem_decode(text.encode())
    if block is None:
        raise ValueError("no PEM data in input")
    kind, der = block
    if kind == "PRIVATE KEY":
        try:
            key = serialization.load_der_private_key(der, password=None)
        except (ValueError, TypeError) as err:
            raise ValueError(f"decoding PEM as PKCS#8: {err}") from None
        if not isinstance(key, _PKCS8_KEY_TYPES):
            raise ValueError("decoding PEM as PKCS#8: x509: PKCS#8 wrapping contained private key with unknown algorithm")
        return key
    if not kind.endswith(" PRIVATE KEY"):
        raise ValueError(f"no private key data in PEM block of type {kind}")
    algorithm = kind[: -len(" PRIVATE KEY")]
    wanted = _BLOCK_KEY_TYPES.get(algorithm)
    if wanted is None:
        raise ValueError(f"invalid private key type {kind}")
    try:
        key = serialization.load_der_private_key(der, password=None)
    except (ValueError, TypeError) as err:
        raise ValueError(f"parsing {algorithm} private key from PEM: {err}") from None
    if not isinstance(key, wanted):
        raise ValueError(f"parsing {algorithm} private key from PEM: the block holds a {type(key).__name__.removeprefix('_')}")
    return key  # type: ignore[return-value]


def pem_decode(data: bytes) -> tuple[str, bytes] | None:
    """Go's pem.Decode, for what Sprig needs: the type and bytes of the first well-formed block, or None."""
    for match in _PEM_BLOCK.finditer(data):
        body = match.group(2)
        if b":" in body:
            continue  # headers (Proc-Type, DEK-Info): an encrypted key, which Sprig cannot read either
        try:
            der = base64.b64decode(b"".join(body.split()), validate=True)
        except binascii.Error:
            continue
        return match.group(1).decode(errors="replace"), der
    return None


# --- certificates --------------------------------------------------------------------


def parse_certificate(der: bytes) -> x509.Certificate:
    """Go's x509.ParseCertificate (errors in cryptography's words)."""
    try:
        return x509.load_der_x509_certificate(der)
    except ValueError as err:
        raise ValueError(str(err)) from None


def _key_id(public_key: Any) -> bytes:
    """Go's subject key id: the first 160 bits of SHA-256 over the public key's BIT STRING (RFC 7093, method 1)."""
    spki = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(_spki_bit_string(spki)).digest()[:20]


def _spki_bit_string(spki: bytes) -> bytes:
    """The subjectPublicKey bits of a DER SubjectPublicKeyInfo (SEQUENCE { AlgorithmIdentifier, BIT STRING })."""

    def header(at: int) -> tuple[int, int]:
        length = spki[at + 1]
        if length < 0x80:
            return at + 2, length
        count = length & 0x7F
        return at + 2 + count, int.from_bytes(spki[at + 2:at + 2 + count], "big")

    inner, _ = header(0)
    algorithm_body, algorithm_length = header(inner)
    bits_body, bits_length = header(algorithm_body + algorithm_length)
    return spki[bits_body + 1:bits_body + bits_length]  # skip the unused-bits octet


def _signature_hash(key: Any) -> hashes.HashAlgorithm | None:
    """The hash Go's x509 signs with for a key: SHA-256 for RSA, by curve size for ECDSA, none for Ed25519."""
    if isinstance(key, rsa.RSAPrivateKey):
        return hashes.SHA256()
    if isinstance(key, ec.EllipticCurvePrivateKey):
        by_curve = {"secp256r1": hashes.SHA256, "secp384r1": hashes.SHA384, "secp521r1": hashes.SHA512}
        algorithm = by_curve.get(key.curve.name)
        if algorithm is None:
            raise ValueError("error creating certificate: x509: unknown elliptic curve")
        return algorithm()
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return None
    raise ValueError("error creating certificate: x509: certificate private key does not implement crypto.Signer")


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)] if cn else [])


def create_certificate(
    cn: str,
    ips: list[ipaddress.IPv4Address | ipaddress.IPv6Address],
    dns_names: list[str],
    days: int,
    key: PrivateKey,
    *,
    is_ca: bool = False,
    signer: tuple[x509.Certificate, PrivateKey] | None = None,
) -> str:
    """Sprig's getBaseCertTemplate + getCertAndKey: the PEM of a certificate for ``key``, signed by ``signer`` or itself."""
    signing_key = key if signer is None else signer[1]
    algorithm = _signature_hash(signing_key)
    if isinstance(key, dsa.DSAPrivateKey):
        raise ValueError("error creating certificate: x509: unsupported public key type: *dsa.PublicKey")
    subject = _name(cn)
    issuer = subject if signer is None else signer[0].subject
    # Naive UTC, as the builder stores times; Go writes whole seconds.
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    not_after = now + dt.timedelta(days=days)
    serial = 0
    while serial == 0:  # Go accepts a zero serial; cryptography wants a positive one (a 2^-128 chance)
        serial = secrets.randbelow(_SERIAL_BOUND)
    public_key = key.public_key()
    # The validity goes through the constructor: its setters refuse an end before the start,
    # which Go writes without complaint for a negative number of days.
    builder = (
        x509.CertificateBuilder(not_valid_before=now, not_valid_after=not_after)
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)  # type: ignore[arg-type]
        .serial_number(serial)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=True, data_encipherment=False,
                key_agreement=False, key_cert_sign=is_ca, crl_sign=False, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True)
    )
    # Go adds a subject key id to a CA, and the signer's key id when issuer and subject differ.
    if is_ca:
        builder = builder.add_extension(x509.SubjectKeyIdentifier(_key_id(public_key)), critical=False)
    if signer is not None and issuer != subject:
        try:
            signer_key_id = signer[0].extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
        except x509.ExtensionNotFound:
            signer_key_id = b""
        if signer_key_id:
            builder = builder.add_extension(x509.AuthorityKeyIdentifier(signer_key_id, None, None), critical=False)
    names: list[x509.GeneralName] = [x509.DNSName(n) for n in dns_names] + [x509.IPAddress(ip) for ip in ips]
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=not cn)  # critical when the subject is empty
    try:
        certificate = builder.sign(signing_key, algorithm)  # type: ignore[arg-type]
    except (TypeError, ValueError) as err:
        raise ValueError(f"error creating certificate: {err}") from None
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def parse_ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """Go's net.ParseIP as x509 stores it: an IPv4-mapped IPv6 address becomes its IPv4 address."""
    if "%" in text:
        return None  # Go's ParseIP takes no zone
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


# --- AES -----------------------------------------------------------------------------


def aes_key(password: str) -> bytes:
    """Sprig's AES-256 key: the password's bytes, cut or zero-padded to 32 (no hashing)."""
    return password.encode()[:32].ljust(32, b"\0")


def encrypt_aes_cbc(password: str, plaintext: bytes) -> bytes:
    """A random IV followed by the PKCS#7-padded plaintext in AES-256-CBC, as Sprig's encryptAES lays it out."""
    padder = padding.PKCS7(128).padder()
    content = padder.update(plaintext) + padder.finalize()
    iv = os.urandom(_AES_BLOCK)
    encryptor = Cipher(algorithms.AES(aes_key(password)), modes.CBC(iv)).encryptor()
    return iv + encryptor.update(content) + encryptor.finalize()


def decrypt_aes_cbc(password: str, data: bytes) -> bytes:
    """Sprig's decryptAES on decoded bytes, failing where Go panics (short input, partial blocks, bad padding length)."""
    if len(data) < _AES_BLOCK:
        raise ValueError(f"runtime error: slice bounds out of range [:{_AES_BLOCK}] with capacity {len(data)}")
    iv, body = data[:_AES_BLOCK], data[_AES_BLOCK:]
    if len(body) % _AES_BLOCK:
        raise ValueError("crypto/cipher: input not full blocks")
    decryptor = Cipher(algorithms.AES(aes_key(password)), modes.CBC(iv)).decryptor()
    plain = decryptor.update(body) + decryptor.finalize()
    if not plain:
        raise ValueError("runtime error: index out of range [-1]")
    # Sprig trusts the last byte as the padding length without checking it, as here.
    end = len(plain) - plain[-1]
    if end < 0:
        raise ValueError(f"runtime error: slice bounds out of range [:{end}]")
    return plain[:end]
