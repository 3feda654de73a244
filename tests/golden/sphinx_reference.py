# An independent implementation of core/sphinx/README.md (chained blinding as in the paper,
# python3-cryptography) that recomputes the golden vectors and compares them with the file:
#   python3 tests/golden/sphinx_reference.py tests/golden/sphinx.hex
import sys
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives import hashes, hmac, serialization
from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

M = (1 << 64) - 1
G = 0x9e3779b97f4a7c15
def mix(z):
    z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M
    z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M
    return z ^ (z >> 31)
def rotl(x, k): return ((x << k) | (x >> (64 - k))) & M
class Rng:
    def __init__(self, seed, entity, purpose):
        key = mix(((mix(mix((seed + G) & M) ^ entity) + G) & M) ^ purpose)
        self.s = []
        for _ in range(4):
            key = (key + G) & M
            self.s.append(mix(key))
    def __call__(self):
        s = self.s
        r = (rotl((s[0] + s[3]) & M, 23) + s[0]) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45)
        return r
    def bytes(self, n):
        out = b''
        while len(out) < n: out += self().to_bytes(8, 'little')
        return out[:n]

def x25519(k, u):
    return X25519PrivateKey.from_private_bytes(k).exchange(X25519PublicKey.from_public_bytes(u))
def pub(k):
    return X25519PrivateKey.from_private_bytes(k).public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
def hm(k, m):
    h = hmac.HMAC(k, hashes.SHA256()); h.update(m); return h.finalize()
def stream(k, offset, n):
    block = offset // 16
    e = Cipher(algorithms.AES(k), modes.CTR(block.to_bytes(16, 'big'))).encryptor()
    return e.update(bytes(n))
def xor(a, b): return bytes(x ^ y for x, y in zip(a, b))
def keys(s):
    prk = hm(b"loopix-sphinx-v1", s)
    okm = HKDFExpand(hashes.SHA256(), 240, b"hop keys: rho mu pi b tag").derive(prk)
    return dict(rho=okm[0:32], mu=okm[32:64], pi=okm[64:192], b=okm[192:224], tag=okm[224:240])
def lioness_enc(K, block):
    L, R = block[:32], block[32:]
    R = xor(R, stream(xor(L, K[0:32]), 0, len(R)))
    L = xor(L, hm(K[32:64], R))
    R = xor(R, stream(xor(L, K[64:96]), 0, len(R)))
    L = xor(L, hm(K[96:128], R))
    return L + R
def lioness_dec(K, block):
    L, R = block[:32], block[32:]
    L = xor(L, hm(K[96:128], R))
    R = xor(R, stream(xor(L, K[64:96]), 0, len(R)))
    L = xor(L, hm(K[32:64], R))
    R = xor(R, stream(xor(L, K[0:32]), 0, len(R)))
    return L + R
def command(flag, nxt, delay):
    return bytes([flag, 0, 0, 0]) + nxt.to_bytes(4, 'little') + delay.to_bytes(8, 'little', signed=True)

def create(r, P, path_pubs, commands, rng):
    n = len(path_pubs)
    x = rng.bytes(32)
    alphas, ks, bs = [], [], []
    alpha = x25519(x, (9).to_bytes(32, 'little'))
    for i in range(n):
        if i > 0: alpha = x25519(bs[i-1], alpha)
        s = x25519(x, path_pubs[i])
        for b in bs: s = x25519(b, s)
        k = keys(s); alphas.append(alpha); ks.append(k); bs.append(k['b'])
    phi = b''
    for i in range(1, n):
        phi = xor(phi + bytes(32), stream(ks[i-1]['rho'], 32 * (r + 1 - i), 32 * i))
    own = 32 * (r - n + 1)
    beta = xor(commands[n-1] + rng.bytes(own - 16), stream(ks[n-1]['rho'], 0, own)) + phi
    gamma = hm(ks[n-1]['mu'], alphas[n-1] + beta)[:16]
    for i in range(n - 2, -1, -1):
        beta = xor(commands[i] + gamma + beta[:32 * (r - 1)], stream(ks[i]['rho'], 0, 32 * r))
        gamma = hm(ks[i]['mu'], alphas[i] + beta)[:16]
    delta = bytes(16) + rng.bytes(P - 16)
    for i in range(n - 1, -1, -1): delta = lioness_enc(ks[i]['pi'], delta)
    return alphas[0] + beta + gamma + delta

def process(r, P, y, packet):
    alpha, beta, gamma, delta = packet[:32], packet[32:32+32*r], packet[32+32*r:48+32*r], packet[48+32*r:]
    s = x25519(y, alpha); k = keys(s)
    assert hm(k['mu'], alpha + beta)[:16] == gamma
    B = xor(beta + bytes(32), stream(k['rho'], 0, 32 * (r + 1)))
    return x25519(k['b'], alpha) + B[32:] + B[16:32] + lioness_dec(k['pi'], delta)

node_secret = [Rng(2009, n, 12).bytes(32) for n in range(8)]
node_public = [pub(k) for k in node_secret]
def route(n):
    cmds = [command(0, i + 1, 1000 * (i + 1) + 7) for i in range(n - 1)] + [command(1, 100, 0)]
    return [node_public[i] for i in range(n)], cmds
vec = {}
for i in range(3): vec['node_public_%d' % i] = node_public[i].hex()
p5 = create(5, 1024, *route(5), Rng(2009, 0, 11)); vec['packet_5_hops_of_5'] = p5.hex()
vec['packet_5_hops_of_5_after_hop_0'] = process(5, 1024, node_secret[0], p5).hex()
vec['packet_2_hops_of_5'] = create(5, 1024, *route(2), Rng(2010, 0, 11)).hex()
vec['packet_3_hops_of_3_payload_64'] = create(3, 64, *route(3), Rng(2011, 0, 11)).hex()
golden = dict(line.split() for line in open(sys.argv[1]) if line.strip() and not line.startswith('#'))
for name, value in vec.items():
    print(name, 'OK' if golden.get(name) == value else 'MISMATCH')
