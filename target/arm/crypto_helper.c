/*
 * Helpers of the A64 cryptographic extension (tr-crypto.c): AES rounds
 * (FIPS-197), SHA-1/SHA-256/SHA-512 schedule and hash steps (as the ARM
 * ARM pseudocode defines them: SHA1C/P/M, SHA256H/H2, ...), and the
 * 64x64 -> 128-bit carry-less multiply of PMULL.1Q.
 *
 * The AES tables are computed once from their definition
 * (multiplicative inverse in GF(2^8) modulo x^8+x^4+x^3+x+1, then the
 * affine map), not typed in.  On an x86-64 host with AES-NI/PCLMULQDQ
 * the same operations use those instructions (identical results: the
 * byte order of the state is FIPS-197's on both); arm_crypto_host_accel
 * selects the path, so the tests can run the portable C one too.
 * Sources are copied before Vd is written, so Vd may alias Vn/Vm.
 */
#include <string.h>

#include "target/arm/cpu.h"
#include "target/arm/crypto.h"
#include "exec/exec-all.h"

#if defined(__x86_64__)
#include <wmmintrin.h>
#define HAVE_HOST_AES 1
#endif

#define HELPER_H "target/arm/helper-crypto.h"
#include "tcg/helper-proto.h.inc"
#undef HELPER_H

typedef union {
    uint64_t d[2];
    uint32_t s[4];      /* element i = bits 32i+31:32i (little-endian host) */
    uint8_t b[16];
} CVec;

typedef struct {
    int rd, rn, rm, op;
} CDesc;

static CDesc cunpack(uint32_t desc)
{
    CDesc c = {
        .rd = desc & 31, .rn = (desc >> 5) & 31, .rm = (desc >> 10) & 31,
        .op = (desc >> 15) & 31,
    };
    return c;
}

static inline CVec cload(CPUArchState *cenv, int r)
{
    CPUARMState *env = (CPUARMState *)cenv;
    CVec v;

    v.d[0] = env->vregs[r].d[0];
    v.d[1] = env->vregs[r].d[1];
    return v;
}

static inline void cstore(CPUArchState *cenv, int r, CVec v)
{
    CPUARMState *env = (CPUARMState *)cenv;

    env->vregs[r].d[0] = v.d[0];
    env->vregs[r].d[1] = v.d[1];
}

/* ------------------------------------------------------------------ */
/* AES                                                                 */

static uint8_t aes_sbox[256], aes_inv_sbox[256];
/* x * k in GF(2^8) for the MixColumns coefficients 1, 2, 3, 9, 11, 13, 14 */
static uint8_t gf_tab[15][256];

bool arm_crypto_host_accel;

/* Multiplication in GF(2^8) modulo the AES polynomial 0x11b. */
static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;

    while (b) {
        if (b & 1) {
            r ^= a;
        }
        a = (uint8_t)((a << 1) ^ (a & 0x80 ? 0x1b : 0));
        b >>= 1;
    }
    return r;
}

static inline uint8_t rotl8(uint8_t x, int n)
{
    return (uint8_t)((x << n) | (x >> (8 - n)));
}

__attribute__((constructor))
static void aes_tables_init(void)
{
    for (int x = 0; x < 256; x++) {
        uint8_t inv = 0, s;

        /* The inverse of 0 is taken as 0; otherwise search (once). */
        for (int y = 1; x && y < 256; y++) {
            if (gf_mul((uint8_t)x, (uint8_t)y) == 1) {
                inv = (uint8_t)y;
                break;
            }
        }
        s = inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^
            rotl8(inv, 4) ^ 0x63;
        aes_sbox[x] = s;
        aes_inv_sbox[s] = (uint8_t)x;
        for (int k = 0; k < 15; k++) {
            gf_tab[k][x] = gf_mul((uint8_t)x, (uint8_t)k);
        }
    }
#ifdef HAVE_HOST_AES
    __builtin_cpu_init();
    arm_crypto_host_accel = __builtin_cpu_supports("aes") &&
                            __builtin_cpu_supports("pclmul");
#endif
}

#ifdef HAVE_HOST_AES
/*
 * AESENCLAST(x, 0) = SubBytes(ShiftRows(x)), AESDECLAST(x, 0) =
 * InvSubBytes(InvShiftRows(x)), AESIMC = InvMixColumns, and MixColumns =
 * AESENC(AESDECLAST(x, 0), 0) (the SubBytes/ShiftRows steps cancel).
 */
__attribute__((target("aes,sse2")))
static void host_aes(CPUARMState *env, int op, int rd, int rn)
{
    __m128i d = _mm_loadu_si128((const __m128i *)&env->vregs[rd]);
    __m128i n = _mm_loadu_si128((const __m128i *)&env->vregs[rn]);
    __m128i z = _mm_setzero_si128();

    switch (op) {
    case 0:
        d = _mm_aesenclast_si128(_mm_xor_si128(d, n), z);
        break;
    case 1:
        d = _mm_aesdeclast_si128(_mm_xor_si128(d, n), z);
        break;
    case 2:
        d = _mm_aesenc_si128(_mm_aesdeclast_si128(n, z), z);
        break;
    default:
        d = _mm_aesimc_si128(n);
        break;
    }
    _mm_storeu_si128((__m128i *)&env->vregs[rd], d);
}

__attribute__((target("pclmul,sse2")))
static void host_pmull64(CPUARMState *env, int rd, int rn, int rm, int hi)
{
    __m128i n = _mm_loadu_si128((const __m128i *)&env->vregs[rn]);
    __m128i m = _mm_loadu_si128((const __m128i *)&env->vregs[rm]);

    _mm_storeu_si128((__m128i *)&env->vregs[rd],
                     hi ? _mm_clmulepi64_si128(n, m, 0x11)
                        : _mm_clmulepi64_si128(n, m, 0x00));
}
#endif

/*
 * The state is the 16 bytes in FIPS-197 input order: byte r + 4c is row
 * r of column c.  ShiftRows moves row r left by r: out[r][c] =
 * in[r][(c + r) mod 4].
 */
static CVec aes_round(CVec st, bool decrypt)
{
    CVec out;

    for (int c = 0; c < 4; c++) {
        for (int r = 0; r < 4; r++) {
            if (!decrypt) {
                out.b[r + 4 * c] = aes_sbox[st.b[r + 4 * ((c + r) & 3)]];
            } else {
                out.b[r + 4 * ((c + r) & 3)] = aes_inv_sbox[st.b[r + 4 * c]];
            }
        }
    }
    return out;
}

static CVec aes_mix(CVec st, bool inverse)
{
    static const uint8_t fwd[4] = { 2, 3, 1, 1 }, inv[4] = { 14, 11, 13, 9 };
    const uint8_t *k = inverse ? inv : fwd;
    CVec out;

    for (int c = 0; c < 4; c++) {
        const uint8_t *col = st.b + 4 * c;

        for (int r = 0; r < 4; r++) {
            out.b[r + 4 * c] = gf_tab[k[0]][col[r]] ^
                               gf_tab[k[1]][col[(r + 1) & 3]] ^
                               gf_tab[k[2]][col[(r + 2) & 3]] ^
                               gf_tab[k[3]][col[(r + 3) & 3]];
        }
    }
    return out;
}

void helper_crypto_aes(CPUArchState *env, uint32_t desc)
{
    CDesc c = cunpack(desc);
    CVec d, n;

#ifdef HAVE_HOST_AES
    if (arm_crypto_host_accel) {
        host_aes((CPUARMState *)env, c.op, c.rd, c.rn);
        return;
    }
#endif
    d = cload(env, c.rd);
    n = cload(env, c.rn);
    switch (c.op) {
    case 0:     /* AESE: SubBytes(ShiftRows(Vd ^ Vn)) */
    case 1:     /* AESD: InvSubBytes(InvShiftRows(Vd ^ Vn)) */
        d.d[0] ^= n.d[0];
        d.d[1] ^= n.d[1];
        d = aes_round(d, c.op == 1);
        break;
    case 2:     /* AESMC */
        d = aes_mix(n, false);
        break;
    default:    /* AESIMC */
        d = aes_mix(n, true);
        break;
    }
    cstore(env, c.rd, d);
}

/* ------------------------------------------------------------------ */
/* SHA-1 and SHA-256                                                   */

static inline uint32_t rol32(uint32_t x, int n)
{
    return n ? (x << n) | (x >> (32 - n)) : x;
}

static inline uint32_t ror32(uint32_t x, int n)
{
    return rol32(x, (32 - n) & 31);
}

static inline uint32_t sha_choose(uint32_t x, uint32_t y, uint32_t z)
{
    return ((y ^ z) & x) ^ z;
}

static inline uint32_t sha_parity(uint32_t x, uint32_t y, uint32_t z)
{
    return x ^ y ^ z;
}

static inline uint32_t sha_majority(uint32_t x, uint32_t y, uint32_t z)
{
    return (x & y) | ((x | y) & z);
}

/* SHA1C/P/M: four rounds on X (Qd: a..d in elements 0..3), Y = e (Sn). */
static CVec sha1_hash(CVec x, uint32_t y, CVec w, int kind)
{
    for (int e = 0; e < 4; e++) {
        uint32_t t, top;

        switch (kind) {
        case 0:
            t = sha_choose(x.s[1], x.s[2], x.s[3]);
            break;
        case 1:
            t = sha_parity(x.s[1], x.s[2], x.s[3]);
            break;
        default:
            t = sha_majority(x.s[1], x.s[2], x.s[3]);
            break;
        }
        y = y + rol32(x.s[0], 5) + t + w.s[e];
        x.s[1] = rol32(x.s[1], 30);
        /* <Y, X> = ROL(Y:X, 32) over 160 bits */
        top = x.s[3];
        x.s[3] = x.s[2];
        x.s[2] = x.s[1];
        x.s[1] = x.s[0];
        x.s[0] = y;
        y = top;
    }
    return x;
}

static inline uint32_t sigma0_256(uint32_t x)
{
    return ror32(x, 2) ^ ror32(x, 13) ^ ror32(x, 22);
}

static inline uint32_t sigma1_256(uint32_t x)
{
    return ror32(x, 6) ^ ror32(x, 11) ^ ror32(x, 25);
}

/* SHA256hash(X, Y, W, part1) of the ARM ARM. */
static CVec sha256_hash(CVec x, CVec y, CVec w, bool part1)
{
    for (int e = 0; e < 4; e++) {
        uint32_t chs = sha_choose(y.s[0], y.s[1], y.s[2]);
        uint32_t maj = sha_majority(x.s[0], x.s[1], x.s[2]);
        uint32_t t = y.s[3] + sigma1_256(y.s[0]) + chs + w.s[e];
        uint32_t xt, yt;

        x.s[3] = t + x.s[3];
        y.s[3] = t + sigma0_256(x.s[0]) + maj;
        /* <Y, X> = ROL(Y:X, 32) over 256 bits */
        xt = x.s[3];
        yt = y.s[3];
        x.s[3] = x.s[2]; x.s[2] = x.s[1]; x.s[1] = x.s[0]; x.s[0] = yt;
        y.s[3] = y.s[2]; y.s[2] = y.s[1]; y.s[1] = y.s[0]; y.s[0] = xt;
    }
    return part1 ? x : y;
}

void helper_crypto_sha(CPUArchState *env, uint32_t desc)
{
    CDesc c = cunpack(desc);
    CVec d = cload(env, c.rd), n = cload(env, c.rn), m = cload(env, c.rm);
    CVec r;

    switch (c.op) {
    case 0: case 1: case 2:             /* SHA1C, SHA1P, SHA1M */
        r = sha1_hash(d, n.s[0], m, c.op);
        break;
    case 3:                             /* SHA1SU0 */
        r.d[0] = d.d[1] ^ d.d[0] ^ m.d[0];
        r.d[1] = n.d[0] ^ d.d[1] ^ m.d[1];
        break;
    case 4:                             /* SHA256H */
        r = sha256_hash(d, n, m, true);
        break;
    case 5:                             /* SHA256H2 */
        r = sha256_hash(n, d, m, false);
        break;
    case 6: {                           /* SHA256SU1 */
        uint32_t t0[4] = { n.s[1], n.s[2], n.s[3], m.s[0] };

        for (int e = 0; e < 4; e++) {
            uint32_t elt = e < 2 ? m.s[2 + e] : r.s[e - 2];

            elt = ror32(elt, 17) ^ ror32(elt, 19) ^ (elt >> 10);
            r.s[e] = elt + d.s[e] + t0[e];
        }
        break;
    }
    case 8:                             /* SHA1H */
        r.d[1] = 0;
        r.d[0] = rol32(n.s[0], 30);
        break;
    case 9: {                           /* SHA1SU1 */
        uint32_t t[4] = {
            d.s[0] ^ n.s[1], d.s[1] ^ n.s[2], d.s[2] ^ n.s[3], d.s[3],
        };

        r.s[0] = rol32(t[0], 1);
        r.s[1] = rol32(t[1], 1);
        r.s[2] = rol32(t[2], 1);
        r.s[3] = rol32(t[3], 1) ^ rol32(t[0], 2);
        break;
    }
    default: {                          /* SHA256SU0 */
        uint32_t t[4] = { d.s[1], d.s[2], d.s[3], n.s[0] };

        for (int e = 0; e < 4; e++) {
            uint32_t elt = t[e];

            elt = ror32(elt, 7) ^ ror32(elt, 18) ^ (elt >> 3);
            r.s[e] = elt + d.s[e];
        }
        break;
    }
    }
    cstore(env, c.rd, r);
}

/* ------------------------------------------------------------------ */
/* SHA-512                                                             */

static inline uint64_t ror64(uint64_t x, int n)
{
    return (x >> n) | (x << (64 - n));
}

void helper_crypto_sha512(CPUArchState *env, uint32_t desc)
{
    CDesc c = cunpack(desc);
    CVec w = cload(env, c.rd), x = cload(env, c.rn), y = cload(env, c.rm);
    CVec r;

    switch (c.op) {
    case 0: {                           /* SHA512H */
        uint64_t sig = ror64(y.d[1], 14) ^ ror64(y.d[1], 18) ^
                       ror64(y.d[1], 41);
        uint64_t tmp;

        r.d[1] = (y.d[1] & x.d[0]) ^ (~y.d[1] & x.d[1]);
        r.d[1] = r.d[1] + sig + w.d[1];
        tmp = r.d[1] + y.d[0];
        sig = ror64(tmp, 14) ^ ror64(tmp, 18) ^ ror64(tmp, 41);
        r.d[0] = (tmp & y.d[1]) ^ (~tmp & x.d[0]);
        r.d[0] = r.d[0] + sig + w.d[0];
        break;
    }
    case 1: {                           /* SHA512H2 */
        uint64_t sig = ror64(y.d[0], 28) ^ ror64(y.d[0], 34) ^
                       ror64(y.d[0], 39);

        r.d[1] = (x.d[0] & y.d[1]) ^ (x.d[0] & y.d[0]) ^ (y.d[1] & y.d[0]);
        r.d[1] = r.d[1] + sig + w.d[1];
        sig = ror64(r.d[1], 28) ^ ror64(r.d[1], 34) ^ ror64(r.d[1], 39);
        r.d[0] = (r.d[1] & y.d[0]) ^ (r.d[1] & y.d[1]) ^ (y.d[1] & y.d[0]);
        r.d[0] = r.d[0] + sig + w.d[0];
        break;
    }
    case 2:                             /* SHA512SU1 */
        for (int i = 0; i < 2; i++) {
            uint64_t sig = ror64(x.d[i], 19) ^ ror64(x.d[i], 61) ^
                           (x.d[i] >> 6);

            r.d[i] = w.d[i] + sig + y.d[i];
        }
        break;
    default: {                          /* SHA512SU0 */
        uint64_t sig = ror64(w.d[1], 1) ^ ror64(w.d[1], 8) ^ (w.d[1] >> 7);

        r.d[0] = w.d[0] + sig;
        sig = ror64(x.d[0], 1) ^ ror64(x.d[0], 8) ^ (x.d[0] >> 7);
        r.d[1] = w.d[1] + sig;
        break;
    }
    }
    cstore(env, c.rd, r);
}

/* ------------------------------------------------------------------ */
/* PMULL.1Q                                                            */

void helper_crypto_pmull64(CPUArchState *env, uint32_t desc)
{
    CDesc c = cunpack(desc);
    uint64_t a, b;
    CVec r = { .d = { 0, 0 } };

#ifdef HAVE_HOST_AES
    if (arm_crypto_host_accel) {
        host_pmull64((CPUARMState *)env, c.rd, c.rn, c.rm, c.op & 1);
        return;
    }
#endif
    a = cload(env, c.rn).d[c.op & 1];
    b = cload(env, c.rm).d[c.op & 1];

    for (int i = 0; i < 64; i++) {
        if ((b >> i) & 1) {
            r.d[0] ^= a << i;
            r.d[1] ^= i ? a >> (64 - i) : 0;
        }
    }
    cstore(env, c.rd, r);
}
