"""Sprig's certificate, key, AES and bcrypt functions, with real Helm as the oracle despite the randomness.

Keys, serials, IVs and salts differ on every call, so the outputs are compared
by structure, not bytes: every PEM both sides render is parsed with
``cryptography`` into a shape (subject, issuer, validity length, key type and
size, extensions and their values, signature hash, which certificate signed it)
and the shapes must be equal. What can cross over does: a ciphertext ours makes
is decrypted by Helm and the reverse, a bcrypt hash from either side verifies,
a certificate either side makes goes through the other's buildCustomCert.
Deterministic failures must fail with the same reason on both sides.
"""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import bcrypt
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed25519, rsa

from generator.gotemplate import TemplateError

from .oracle import Outcome, helm_engine, our_engine
from .test_render import render_one

REPO_ROOT = Path(__file__).resolve().parents[2]
CHART = {"Chart.yaml": "apiVersion: v2\nname: crypto\nversion: 0.1.0\n"}
TEMPLATE = "crypto/templates/t.yaml"


def render_both(template: str, values: dict[str, Any] | None = None) -> tuple[str, str]:
    """Render one template with Helm and with ours; both must succeed."""
    files = {**CHART, "templates/t.yaml": template}
    helm, ours = helm_engine(files, values), our_engine(files, values)
    assert helm.rendered is not None, helm.error
    assert ours.rendered is not None, ours.error
    return helm.rendered[TEMPLATE], ours.rendered[TEMPLATE]


def _key_shape(key: Any) -> tuple[Any, ...]:
    if isinstance(key, (rsa.RSAPrivateKey, rsa.RSAPublicKey)):
        return ("rsa", key.key_size)
    if isinstance(key, (dsa.DSAPrivateKey, dsa.DSAPublicKey)):
        return ("dsa", key.key_size, key.parameters().parameter_numbers().q.bit_length())
    if isinstance(key, (ec.EllipticCurvePrivateKey, ec.EllipticCurvePublicKey)):
        return ("ecdsa", key.curve.name)
    if isinstance(key, (ed25519.Ed25519PrivateKey, ed25519.Ed25519PublicKey)):
        return ("ed25519",)
    raise AssertionError(f"unexpected key {key!r}")


def _spki_key_id(public_key: Any) -> bytes:
    """Go's subject key id, from the key's own encoding: SHA-256 over the SPKI's BIT STRING contents, 160 bits.

    The BIT STRING holds PKCS #1 for RSA, the uncompressed point for ECDSA and the raw key for
    Ed25519 (Go's marshalPKIXPublicKey); asking cryptography for those keeps this check apart
    from the generator's DER walk.
    """
    if isinstance(public_key, rsa.RSAPublicKey):
        bits = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1)
    elif isinstance(public_key, ec.EllipticCurvePublicKey):
        bits = public_key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    else:
        bits = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(bits).digest()[:20]


def _extension_shape(ext: x509.Extension[Any], certs: dict[bytes, str]) -> tuple[Any, ...]:
    value = ext.value
    if isinstance(value, x509.SubjectKeyIdentifier):
        return ("subjectKeyIdentifier", ext.critical)
    if isinstance(value, x509.AuthorityKeyIdentifier):
        return ("authorityKeyIdentifier", ext.critical, certs.get(value.key_identifier or b"", "unknown key id"))
    return (ext.oid.dotted_string, ext.critical, repr(value))


def certificate_shapes(text: str) -> list[tuple[Any, ...]]:
    """Every certificate in the text, reduced to what does not vary between renders, with checks of what does."""
    certs = x509.load_pem_x509_certificates(text.encode())
    by_key_id: dict[bytes, str] = {}
    for cert in certs:
        try:
            ski = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
        except x509.ExtensionNotFound:
            continue
        assert ski == _spki_key_id(cert.public_key()), "the subject key id is Go's truncated SHA-256 of the key"
        by_key_id[ski] = cert.subject.rfc4514_string()
    shapes = []
    for cert in certs:
        assert 0 < cert.serial_number < 1 << 128
        signer = next((c for c in certs if c.subject == cert.issuer), None)
        assert signer is not None, "the issuer is one of the rendered certificates"
        cert.verify_directly_issued_by(signer)  # raises unless the signer's key signed it
        shapes.append((
            cert.subject.rfc4514_string(),
            cert.issuer.rfc4514_string(),
            cert.version.name,
            cert.not_valid_after_utc - cert.not_valid_before_utc,
            _key_shape(cert.public_key()),
            cert.signature_hash_algorithm.name if cert.signature_hash_algorithm else None,
            tuple(_extension_shape(e, by_key_id) for e in cert.extensions),
        ))
    return shapes


def key_shapes(text: str) -> list[tuple[Any, ...]]:
    """Every private key PEM in the text: its block type and the key's type and size."""
    blocks = re.finditer(r"-----BEGIN ((?:[A-Z]+ )?PRIVATE KEY)-----\n[^-]+-----END \1-----\n", text)
    return [(m.group(1), _key_shape(serialization.load_pem_private_key(m.group(0).encode(), None))) for m in blocks]


CERTIFICATES = {
    "a CA and a certificate it signs, with IP (v4, v6, v4-mapped) and DNS SANs": (
        '{{ $ca := genCA "my-ca" 365 }}{{ $c := genSignedCert "svc" (list "10.0.0.1" "fd00::1" "::ffff:1.2.3.4") (list "svc.local" "svc") 30 $ca }}'
        "{{ $ca.Cert }}{{ $ca.Key }}{{ $c.Cert }}{{ $c.Key }}"
    ),
    "a self-signed certificate without a common name (its SANs become critical)": '{{ $c := genSelfSignedCert "" nil (list "a.b") 10 }}{{ $c.Cert }}{{ $c.Key }}',
    "a self-signed certificate with IPs only": '{{ $c := genSelfSignedCert "self" (list "127.0.0.1") nil 1 }}{{ $c.Cert }}{{ $c.Key }}',
    "a CA on a given ECDSA key signs a certificate for a given Ed25519 key": (
        '{{ $ca := genCAWithKey "ec-ca" 7 (genPrivateKey "ecdsa") }}'
        '{{ $c := genSignedCertWithKey "ed" nil (list "x.y") 2 $ca (genPrivateKey "ed25519") }}{{ $ca.Cert }}{{ $ca.Key }}{{ $c.Cert }}{{ $c.Key }}'
    ),
    "an Ed25519 CA signs a certificate for a new RSA key": (
        '{{ $ca := genCAWithKey "ed-ca" 3 (genPrivateKey "ed25519") }}{{ $c := genSignedCert "leaf" nil nil 3 $ca }}{{ $ca.Cert }}{{ $c.Cert }}{{ $c.Key }}'
    ),
    "a self-signed certificate on a given ECDSA key": '{{ $c := genSelfSignedCertWithKey "e" nil (list "e.f") 5 (genPrivateKey "ecdsa") }}{{ $c.Cert }}{{ $c.Key }}',
    "a certificate whose common name is the CA's: Go adds no authority key id": (
        '{{ $ca := genCA "same" 2 }}{{ $c := genSignedCert "same" nil nil 1 $ca }}{{ $ca.Cert }}{{ $c.Cert }}'
    ),
    "a negative validity ends before it starts, as Go writes it": '{{ $c := genSelfSignedCert "past" nil nil -2 }}{{ $c.Cert }}',
}


@pytest.mark.parametrize("template", [pytest.param(t, id=i) for i, t in CERTIFICATES.items()])
def test_certificates_have_the_structure_helm_gives_them(template: str) -> None:
    helm, ours = render_both(template)
    assert certificate_shapes(ours) == certificate_shapes(helm)
    assert key_shapes(ours) == key_shapes(helm)
    assert certificate_shapes(helm), "nothing to compare: the case proves nothing"


def test_a_ca_is_what_sprig_documents() -> None:
    # Guards the shape comparison: these facts are Sprig's (RSA 2048, days of validity, a CA's key usages).
    helm, ours = render_both('{{ $ca := genCA "my-ca" 365 }}{{ $ca.Cert }}{{ $ca.Key }}')
    for text in (helm, ours):
        (subject, issuer, version, validity, key, digest, extensions), = certificate_shapes(text)
        assert (subject, issuer, version, validity.days, key, digest) == ("CN=my-ca", "CN=my-ca", "v3", 365, ("rsa", 2048), "sha256")
        assert ("2.5.29.19", True, "<BasicConstraints(ca=True, path_length=None)>") in extensions
        assert key_shapes(text) == [("RSA PRIVATE KEY", ("rsa", 2048))]


def test_the_key_returned_with_a_certificate_is_the_certificate_s_key() -> None:
    helm, ours = render_both('{{ $c := genSelfSignedCert "k" nil nil 1 }}{{ $c.Cert }}{{ $c.Key }}')
    for text in (helm, ours):
        cert = x509.load_pem_x509_certificate(text.encode())
        key = serialization.load_pem_private_key(text[text.index("-----BEGIN RSA"):].encode(), None)
        assert cert.public_key() == key.public_key()


@pytest.mark.parametrize("kind", ["rsa", "", "dsa", "ecdsa", "ed25519"])
def test_gen_private_key_makes_helm_s_key_types_and_sizes(kind: str) -> None:
    helm, ours = render_both(f'{{{{ genPrivateKey "{kind}" }}}}')
    assert key_shapes(ours) == key_shapes(helm) != []


def test_a_given_key_comes_back_as_sprig_writes_it() -> None:
    # An ECDSA key's SEC 1 bytes are deterministic, so the certificate's .Key equals the key given (Sprig re-encodes it).
    helm, ours = render_both('{{ $k := genPrivateKey "ecdsa" }}{{ $ca := genCAWithKey "ca" 3 $k }}{{ eq $ca.Key $k }}')
    assert helm == ours == "true"


def test_a_certificate_object_prints_and_serialises_as_helm_s() -> None:
    template = '{{ $ca := genCA "ca" 1 }}{{ typeOf $ca }} {{ kindOf $ca }} {{ keys ($ca | toJson | fromJson) | sortAlpha }} {{ $ca | toString | hasPrefix "{-----BEGIN CERTIFICATE-----" }}'
    helm, ours = render_both(template)
    assert helm == ours == "sprig.certificate struct [Cert Key] true"


# --- AES ---------------------------------------------------------------------------------

AES_CASES = [
    ("secretkey", "plaintext"),
    ("", "an empty password is a zero key"),
    ("0123456789abcdef0123456789abcdef", "sixteen bytes..."),  # a 32-byte password, a full padding block
    ("a password longer than thirty-two bytes is cut", "only its first 32 bytes count"),
    ("pässwörd", "ünïcödé text ✓"),
]


@pytest.mark.parametrize(("password", "plaintext"), AES_CASES)
def test_helm_decrypts_what_ours_encrypts_and_ours_what_helm_encrypts(password: str, plaintext: str) -> None:
    values = {"password": password, "plaintext": plaintext}
    encrypt = "{{ encryptAES .Values.password .Values.plaintext }}"
    from_helm, from_ours = render_both(encrypt, values)
    assert from_helm != from_ours, "a random IV makes every ciphertext different"
    for ciphertext in (from_helm, from_ours):
        assert len(base64.b64decode(ciphertext)) == 16 + (len(plaintext.encode()) // 16 + 1) * 16
        decrypted_by_helm, decrypted_by_ours = render_both("{{ decryptAES .Values.password .Values.ciphertext }}", {**values, "ciphertext": ciphertext})
        assert decrypted_by_helm == decrypted_by_ours == plaintext


def test_the_aes_key_is_the_password_cut_to_32_bytes() -> None:
    # Sprig copies the password into a 32-byte key: any text after byte 32 does not matter.
    ciphertext, _ = render_both('{{ encryptAES "0123456789abcdef0123456789abcdefXYZ" "hidden" }}')
    helm, ours = render_both('{{ decryptAES "0123456789abcdef0123456789abcdef-other" .Values.c }}', {"c": ciphertext})
    assert helm == ours == "hidden"


# --- bcrypt and htpasswd --------------------------------------------------------------------


def test_bcrypt_hashes_from_either_side_verify() -> None:
    helm, ours = render_both('{{ bcrypt "s3cret" }}')
    for hashed in (helm, ours):
        assert re.fullmatch(r"\$2a\$10\$[./A-Za-z0-9]{53}", hashed), hashed
        assert bcrypt.checkpw(b"s3cret", hashed.encode())
        assert not bcrypt.checkpw(b"other", hashed.encode())
    assert helm != ours, "a random salt makes every hash different"


def test_htpasswd_lines_from_either_side_verify() -> None:
    helm, ours = render_both('{{ htpasswd "admin" "pässword" }}')
    for line in (helm, ours):
        user, hashed = line.split(":", 1)
        assert user == "admin" and hashed.startswith("$2a$10$")
        assert bcrypt.checkpw("pässword".encode(), hashed.encode())


# --- buildCustomCert ------------------------------------------------------------------------

BUILD = "{{ $c := buildCustomCert .Values.cert .Values.key }}{{ $c.Cert }}{{ $c.Key }}"


@pytest.mark.parametrize("maker", ['genCA "made" 3', 'genSelfSignedCertWithKey "made" nil nil 3 (genPrivateKey "ed25519")'])
def test_build_custom_cert_takes_back_what_either_side_made(maker: str) -> None:
    for made in render_both(f"{{{{ $c := {maker} }}}}{{{{ $c.Cert | b64enc }}}} {{{{ $c.Key | b64enc }}}}"):
        cert, key = made.split(" ")
        helm, ours = render_both(BUILD, {"cert": cert, "key": key})
        assert helm == ours == base64.b64decode(cert).decode() + base64.b64decode(key).decode()


# --- deterministic failures -----------------------------------------------------------------

FAILURES = {
    "an unparseable IP": '{{ genSelfSignedCert "x" (list "999.1.1.1") nil 1 }}',
    "an IP with a zone": '{{ genSelfSignedCert "x" (list "fe80::1%eth0") nil 1 }}',
    "an IP that is no string": '{{ genSelfSignedCert "x" (list 1) nil 1 }}',
    "a DNS name that is no string": '{{ genSelfSignedCert "x" nil (list 1.5) 1 }}',
    "a map where a certificate goes": '{{ genSignedCert "x" nil nil 1 (dict "Cert" "a" "Key" "b") }}',
    "a string literal where a certificate goes": '{{ genSignedCert "x" nil nil 1 "s" }}',
    "nil where a certificate goes": '{{ genSignedCert "x" nil nil 1 nil }}',
    "a float for the days": '{{ genCA "x" 1.5 }}',
    "a key that is no PEM": '{{ genCAWithKey "x" 1 "junk" }}',
    "a PEM block that is no key": '{{ genCAWithKey "x" 1 .Values.cert }}',
    "a key type Sprig does not know": '{{ genCAWithKey "x" 1 .Values.foo }}',
    "a DSA key cannot sign": '{{ genCAWithKey "x" 1 (genPrivateKey "dsa") }}',
    "a DSA key cannot be certified": '{{ $ca := genCA "ca" 1 }}{{ genSignedCertWithKey "x" nil nil 1 $ca (genPrivateKey "dsa") }}',
    "AES text that is no base64": '{{ decryptAES "k" "abc" }}',
    "AES text shorter than an IV": '{{ decryptAES "k" "AAAA" }}',
    "AES text that is not whole blocks": '{{ decryptAES "k" (b64enc "0123456789abcdef0") }}',
    "AES text that is only an IV": '{{ decryptAES "k" (b64enc "0123456789abcdef") }}',
    "buildCustomCert of a certificate that is no base64": '{{ buildCustomCert "!!" "x" }}',
    "buildCustomCert of a key that is no base64": '{{ buildCustomCert "YQ==" "!!" }}',
    "buildCustomCert of a certificate that is no PEM": '{{ buildCustomCert "YQ==" "YQ==" }}',
    "buildCustomCert of a key that is no PEM": '{{ $ca := genCA "ca" 1 }}{{ buildCustomCert ($ca.Cert | b64enc) "YQ==" }}',
}
FAILURE_VALUES = {
    "cert": "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    "foo": "-----BEGIN FOO PRIVATE KEY-----\nAAAA\n-----END FOO PRIVATE KEY-----\n",
}


def _reason(outcome: Outcome) -> str:
    """The reason of a render error, without the location prefix, which Helm 4 lays out differently."""
    assert outcome.error is not None, f"expected a failure, got {outcome.rendered!r}"
    if "\n" in outcome.error:
        return outcome.error.strip().splitlines()[-1].strip()
    return outcome.error.split(">: ", 1)[1]


@pytest.mark.parametrize("template", [pytest.param(t, id=i) for i, t in FAILURES.items()])
def test_bad_input_fails_with_helm_s_reason(template: str) -> None:
    files = {**CHART, "templates/t.yaml": template}
    assert _reason(our_engine(files, FAILURE_VALUES)) == _reason(helm_engine(files, FAILURE_VALUES))


TEXT_RESULTS = [
    '{{ genPrivateKey "foo" }}',
    '{{ htpasswd "a:b" "x" }}',
    '{{ bcrypt (repeat 73 "a") }}',
    '[{{ encryptAES "k" "" }}|{{ decryptAES "k" "" }}]',
]


@pytest.mark.parametrize("template", TEXT_RESULTS)
def test_sprig_s_text_results_for_bad_input_are_helm_s(template: str) -> None:
    # Sprig reports these as the function's result, not as an error.
    helm, ours = render_both(template)
    assert helm == ours


# --- without the packages (the browser editor) ------------------------------------------------


def _without(monkeypatch: pytest.MonkeyPatch, package: str) -> None:
    """Make ``package`` unimportable, as in a Pyodide without it: a None in sys.modules stops an import."""
    for name in [n for n in sys.modules if n == package or n.startswith(package + ".")] + [package]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(sys.modules, "generator.gotemplate.cryptolib", raising=False)


@pytest.mark.parametrize(("template", "func", "package"), [
    ('a: 1\nb: {{ genCA "ca" 365 }}\n', "genCA", "cryptography"),
    ('a: 1\nb: {{ decryptAES "k" "AAAA" }}\n', "decryptAES", "cryptography"),
    ('a: 1\nb: {{ genPrivateKey "rsa" }}\n', "genPrivateKey", "cryptography"),
    ('a: 1\nb: {{ htpasswd "u" "p" }}\n', "htpasswd", "bcrypt"),
])
def test_without_the_package_a_call_fails_naming_function_template_line_and_package(monkeypatch: pytest.MonkeyPatch, template: str, func: str, package: str) -> None:
    _without(monkeypatch, package)
    monkeypatch.setattr(sys, "platform", "emscripten")
    with pytest.raises(TemplateError) as caught:
        render_one(template)
    message = str(caught.value)
    assert "demo/templates/t.yaml:2:" in message
    assert f"{func} needs the Python package '{package}', which is not available here: the browser editor does not ship it" in message


def test_without_the_package_a_chart_that_does_not_call_them_renders(monkeypatch: pytest.MonkeyPatch) -> None:
    _without(monkeypatch, "cryptography")
    _without(monkeypatch, "bcrypt")
    assert render_one('{{ if .Values.tls }}{{ genCA "ca" 1 }}{{ htpasswd "u" "p" }}{{ end }}a: {{ "x" | sha256sum | trunc 4 }}\n') == "a: 2d71\n"


def test_the_generator_imports_and_renders_where_neither_package_exists() -> None:
    # A fresh interpreter in which both packages are unimportable from the start, as in the browser editor:
    # importing the generator must not need them, only calling one of their functions.
    script = (
        "import sys\n"
        "sys.modules.update({'cryptography': None, 'bcrypt': None})\n"
        "from generator.helm import load_chart, render_chart\n"
        "chart = load_chart({'Chart.yaml': 'apiVersion: v2\\nname: c\\nversion: 0.1.0\\n', 'templates/t.yaml': 'a: {{ 1 }}'})\n"
        "print(render_chart(chart)['c/templates/t.yaml'], sorted(m for m in sys.modules if 'crypto' in m and sys.modules[m]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[0] == "a: 1"
    assert "generator.gotemplate.cryptolib" not in done.stdout


# --- warnings --------------------------------------------------------------------------------


def test_random_crypto_calls_warn_naming_template_and_line_and_deterministic_ones_do_not(caplog: pytest.LogCaptureFixture) -> None:
    template = (
        'a: {{ $ca := genCA "ca" 1 }}{{ $ca.Cert | len | lt 0 }}\n'
        'b: {{ bcrypt "x" | len }}\n'
        'c: {{ buildCustomCert ($ca.Cert | b64enc) ($ca.Key | b64enc) | typeOf }}\n'
        'd: {{ decryptAES "k" (encryptAES "k" "t") }}\n'
    )
    with caplog.at_level("WARNING"):
        out = render_one(template)
    assert out == "a: true\nb: 60\nc: sprig.certificate\nd: t\n"
    warned = sorted(r.getMessage().split(" gives ")[0] for r in caplog.records if " gives a different result " in r.getMessage())
    assert warned == ["demo/templates/t.yaml:1: genCA", "demo/templates/t.yaml:2: bcrypt", "demo/templates/t.yaml:4: encryptAES"]
