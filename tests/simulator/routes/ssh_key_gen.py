# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Real SSH key pairs for sshKey.generate, standard library only.

Dokploy (utils/filesystem/ssh.ts, v0.30.2) calls ssh2's generateKeyPairSync: RSA 4096 bits or ed25519, comment
"dokploy", the private key in the unencrypted OpenSSH format wrapped at 64 columns [1104, 1105]. The pairs made here
have that format and are valid keys (ed25519 per RFC 8032; RSA with Miller-Rabin primes), so `ssh-keygen -y` accepts them.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import hashlib
import math
import secrets
import struct

COMMENT = "dokploy"
RSA_BITS = 4096

# ---- ed25519 (RFC 8032, section 5.1) --------------------------------------------------------------------------------
_P = 2 ** 255 - 19
_L = 2 ** 252 + 27742317777372353535851937790883648493
_D = -121665 * pow(121666, _P - 2, _P) % _P
_BY = 4 * pow(5, _P - 2, _P) % _P


def _recover_x(y, sign):
    x2 = (y * y - 1) * pow(_D * y * y + 1, _P - 2, _P) % _P
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P:
        x = x * pow(2, (_P - 1) // 4, _P) % _P
    return _P - x if x & 1 != sign else x


_BASE = (_recover_x(_BY, 0), _BY, 1, _recover_x(_BY, 0) * _BY % _P)


def _add(p, q):
    a = (p[1] - p[0]) * (q[1] - q[0]) % _P
    b = (p[1] + p[0]) * (q[1] + q[0]) % _P
    c = 2 * p[3] * q[3] * _D % _P
    d = 2 * p[2] * q[2] % _P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % _P, g * h % _P, f * g % _P, e * h % _P)


def _multiply(scalar, point):
    result = (0, 1, 1, 0)
    while scalar:
        if scalar & 1:
            result = _add(result, point)
        point = _add(point, point)
        scalar >>= 1
    return result


def _ed25519_public(seed):
    digest = bytearray(hashlib.sha512(seed).digest()[:32])
    digest[0] &= 248
    digest[31] &= 127
    digest[31] |= 64
    x, y, z, dummy = _multiply(int.from_bytes(bytes(digest), "little"), _BASE)
    zinv = pow(z, _P - 2, _P)
    x, y = x * zinv % _P, y * zinv % _P
    return int.to_bytes(y | ((x & 1) << 255), 32, "little")


# ---- RSA ------------------------------------------------------------------------------------------------------------
def _small_primes(limit):
    sieve = bytearray([1]) * limit
    for i in range(2, int(limit ** 0.5) + 1):
        if sieve[i]:
            sieve[i * i::i] = bytearray(len(sieve[i * i::i]))
    return [i for i in range(3, limit) if sieve[i]]


# trial division first: most candidates die there, far cheaper than one modular exponentiation
_SMALL_PRIMES = _small_primes(30000)
_SMALL_PRODUCT = 1
for _prime_factor in _SMALL_PRIMES:
    _SMALL_PRODUCT *= _prime_factor


def _probably_prime(n, rounds=8):
    """Miller-Rabin; 8 rounds leave an error below 2**-100 for 2048-bit candidates (FIPS 186-4, table C.2)."""
    if math.gcd(n, _SMALL_PRODUCT) != 1:
        return n in _SMALL_PRIMES
    d, r = n - 1, 0
    while d % 2 == 0:
        d, r = d // 2, r + 1
    for dummy in range(rounds):
        x = pow(secrets.randbelow(n - 3) + 2, d, n)
        if x in (1, n - 1):
            continue
        for dummy2 in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(bits, e):
    while True:
        candidate = secrets.randbits(bits) | (3 << (bits - 2)) | 1
        if (candidate - 1) % e and _probably_prime(candidate):
            return candidate


# ---- OpenSSH encoding -----------------------------------------------------------------------------------------------
def _string(data):
    data = data.encode("ascii") if isinstance(data, str) else data
    return struct.pack(">I", len(data)) + data


def _mpint(value):
    return _string(value.to_bytes(value.bit_length() // 8 + 1, "big"))


def _openssh(key_type, public_blob, private_fields):
    check = secrets.token_bytes(4)
    private = check + check + _string(key_type) + private_fields + _string(COMMENT)
    private += bytes(range(1, 1 + (-len(private)) % 8))
    data = (b"openssh-key-v1\0" + _string("none") + _string("none") + _string(b"") + struct.pack(">I", 1)
            + _string(public_blob) + _string(private))
    text = base64.b64encode(data).decode("ascii")
    lines = [text[i:i + 64] for i in range(0, len(text), 64)]
    return "-----BEGIN OPENSSH PRIVATE KEY-----\n%s\n-----END OPENSSH PRIVATE KEY-----\n" % "\n".join(lines)


def _pair(key_type, public_blob, private_fields):
    return {"privateKey": _openssh(key_type, public_blob, private_fields),
            "publicKey": "%s %s %s" % (key_type, base64.b64encode(public_blob).decode("ascii"), COMMENT)}


def generate(key_type="rsa"):
    """{"privateKey", "publicKey"} as sshKey.generate answers [1104, 1105]."""
    if key_type == "ed25519":
        seed = secrets.token_bytes(32)
        public = _ed25519_public(seed)
        blob = _string("ssh-ed25519") + _string(public)
        return _pair("ssh-ed25519", blob, _string(public) + _string(seed + public))
    e = 65537
    while True:
        p, q = _prime(RSA_BITS // 2, e), _prime(RSA_BITS // 2, e)
        if p != q:
            break
    n, d = p * q, pow(e, -1, (p - 1) * (q - 1))
    blob = _string("ssh-rsa") + _mpint(e) + _mpint(n)
    return _pair("ssh-rsa", blob, _mpint(n) + _mpint(e) + _mpint(d) + _mpint(pow(q, -1, p)) + _mpint(p) + _mpint(q))
