/*
 * Known-answer tests of the crypto extension, written with the ACLE
 * intrinsics: AES-128 encryption/decryption of FIPS-197 appendix C.1
 * (key expansion's SubWord done with AESE on a zero key), SHA-1,
 * SHA-256 and SHA-512 (FIPS 180-4 "abc", the empty message, the
 * two-block 448-bit message, a multi-block one; digests from an
 * independent implementation), and PMULL.1Q against a C carry-less
 * multiply.  Each line says ok or MISMATCH; the output is also compared
 * with crypto-kat.out.  The SHA-512 round pairing follows from the
 * SHA512H/SHA512H2 definitions in the ARM ARM (see sha512_block).
 */
#pragma GCC target("arch=armv8.2-a+crypto+sha3")
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int failures;

static void check(const char *what, const char *got, const char *want)
{
    int ok = strcmp(got, want) == 0;

    printf("%s %s %s\n", ok ? "ok" : "MISMATCH", what, got);
    if (!ok) {
        printf("  expected %s\n", want);
        failures++;
    }
}

static void hex(char *out, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        sprintf(out + 2 * i, "%02x", p[i]);
    }
}

/* ---- AES-128 ---- */

static uint32_t sub_word(uint32_t w)
{
    /* AESE with a zero round key on four equal columns: ShiftRows is the
     * identity, so lane 0 is SubWord(w). */
    uint8x16_t v = vreinterpretq_u8_u32(vdupq_n_u32(w));

    v = vaeseq_u8(v, vdupq_n_u8(0));
    return vgetq_lane_u32(vreinterpretq_u32_u8(v), 0);
}

static void aes128_expand(const uint8_t key[16], uint8x16_t rk[11])
{
    uint32_t w[44];
    uint8_t rcon = 1;

    memcpy(w, key, 16);
    for (int i = 4; i < 44; i++) {
        uint32_t t = w[i - 1];

        if (i % 4 == 0) {
            t = sub_word((t >> 8) | (t << 24)) ^ rcon;
            rcon = (uint8_t)((rcon << 1) ^ (rcon & 0x80 ? 0x1b : 0));
        }
        w[i] = w[i - 4] ^ t;
    }
    for (int r = 0; r < 11; r++) {
        rk[r] = vld1q_u8((const uint8_t *)&w[4 * r]);
    }
}

static void test_aes(void)
{
    static const uint8_t key[16] = {
        0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
        0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
    };
    static const uint8_t pt[16] = {
        0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
        0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
    };
    uint8x16_t rk[11], s;
    uint8_t out[16];
    char buf[64];

    aes128_expand(key, rk);
    vst1q_u8(out, rk[10]);
    hex(buf, out, 16);
    check("aes128 last round key", buf, "13111d7fe3944a17f307a78b4d2b30c5");

    s = vld1q_u8(pt);
    for (int r = 0; r < 9; r++) {
        s = vaesmcq_u8(vaeseq_u8(s, rk[r]));
    }
    s = veorq_u8(vaeseq_u8(s, rk[9]), rk[10]);
    vst1q_u8(out, s);
    hex(buf, out, 16);
    check("aes128 encrypt", buf, "69c4e0d86a7b0430d8cdb78070b4c55a");

    /* Equivalent inverse cipher: AESD with InvMixColumns'd round keys. */
    s = vaesimcq_u8(vaesdq_u8(s, rk[10]));
    for (int r = 9; r > 1; r--) {
        s = vaesimcq_u8(vaesdq_u8(s, vaesimcq_u8(rk[r])));
    }
    s = veorq_u8(vaesdq_u8(s, vaesimcq_u8(rk[1])), rk[0]);
    vst1q_u8(out, s);
    hex(buf, out, 16);
    check("aes128 decrypt", buf, "00112233445566778899aabbccddeeff");
}

/* ---- SHA ---- */

static const uint32_t k256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
    0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
    0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
    0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
    0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const uint64_t k512[80] = {
    0x428a2f98d728ae22ull, 0x7137449123ef65cdull,
    0xb5c0fbcfec4d3b2full, 0xe9b5dba58189dbbcull,
    0x3956c25bf348b538ull, 0x59f111f1b605d019ull,
    0x923f82a4af194f9bull, 0xab1c5ed5da6d8118ull,
    0xd807aa98a3030242ull, 0x12835b0145706fbeull,
    0x243185be4ee4b28cull, 0x550c7dc3d5ffb4e2ull,
    0x72be5d74f27b896full, 0x80deb1fe3b1696b1ull,
    0x9bdc06a725c71235ull, 0xc19bf174cf692694ull,
    0xe49b69c19ef14ad2ull, 0xefbe4786384f25e3ull,
    0x0fc19dc68b8cd5b5ull, 0x240ca1cc77ac9c65ull,
    0x2de92c6f592b0275ull, 0x4a7484aa6ea6e483ull,
    0x5cb0a9dcbd41fbd4ull, 0x76f988da831153b5ull,
    0x983e5152ee66dfabull, 0xa831c66d2db43210ull,
    0xb00327c898fb213full, 0xbf597fc7beef0ee4ull,
    0xc6e00bf33da88fc2ull, 0xd5a79147930aa725ull,
    0x06ca6351e003826full, 0x142929670a0e6e70ull,
    0x27b70a8546d22ffcull, 0x2e1b21385c26c926ull,
    0x4d2c6dfc5ac42aedull, 0x53380d139d95b3dfull,
    0x650a73548baf63deull, 0x766a0abb3c77b2a8ull,
    0x81c2c92e47edaee6ull, 0x92722c851482353bull,
    0xa2bfe8a14cf10364ull, 0xa81a664bbc423001ull,
    0xc24b8b70d0f89791ull, 0xc76c51a30654be30ull,
    0xd192e819d6ef5218ull, 0xd69906245565a910ull,
    0xf40e35855771202aull, 0x106aa07032bbd1b8ull,
    0x19a4c116b8d2d0c8ull, 0x1e376c085141ab53ull,
    0x2748774cdf8eeb99ull, 0x34b0bcb5e19b48a8ull,
    0x391c0cb3c5c95a63ull, 0x4ed8aa4ae3418acbull,
    0x5b9cca4f7763e373ull, 0x682e6ff3d6b2b8a3ull,
    0x748f82ee5defb2fcull, 0x78a5636f43172f60ull,
    0x84c87814a1f0ab72ull, 0x8cc702081a6439ecull,
    0x90befffa23631e28ull, 0xa4506cebde82bde9ull,
    0xbef9a3f7b2c67915ull, 0xc67178f2e372532bull,
    0xca273eceea26619cull, 0xd186b8c721c0c207ull,
    0xeada7dd6cde0eb1eull, 0xf57d4f7fee6ed178ull,
    0x06f067aa72176fbaull, 0x0a637dc5a2c898a6ull,
    0x113f9804bef90daeull, 0x1b710b35131c471bull,
    0x28db77f523047d84ull, 0x32caab7b40c72493ull,
    0x3c9ebe0a15c9bebcull, 0x431d67c49c100d4cull,
    0x4cc5d4becb3e42b6ull, 0x597f299cfc657e2aull,
    0x5fcb6fab3ad6faecull, 0x6c44198c4a475817ull,
};

static const uint32_t h256[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static const uint64_t h512[8] = {
    0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull,
    0x3c6ef372fe94f82bull, 0xa54ff53a5f1d36f1ull,
    0x510e527fade682d1ull, 0x9b05688c2b3e6c1full,
    0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull,
};

/* Pad msg into buf (FIPS 180-4 5.1); blk = 64 or 128.  Returns blocks. */
static size_t pad(uint8_t *buf, const char *msg, size_t blk)
{
    size_t n = strlen(msg), lenbytes = blk / 8, total;
    uint64_t bits = (uint64_t)n * 8;

    total = (n + 1 + lenbytes + blk - 1) / blk * blk;
    memset(buf, 0, total);
    memcpy(buf, msg, n);
    buf[n] = 0x80;
    for (int i = 0; i < 8; i++) {
        buf[total - 1 - i] = (uint8_t)(bits >> (8 * i));
    }
    return total / blk;
}

static uint32x4_t load_be32(const uint8_t *p)
{
    return vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(p)));
}

static void sha1(const char *msg, char *out)
{
    static uint8_t buf[1024];
    size_t nb = pad(buf, msg, 64);
    uint32x4_t abcd = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476 };
    uint32_t e = 0xc3d2e1f0;
    static const uint32_t k[4] = {
        0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6,
    };
    uint32_t res[5];

    for (size_t b = 0; b < nb; b++) {
        uint32x4_t w[20], a0 = abcd;
        uint32_t e0 = e;

        for (int i = 0; i < 4; i++) {
            w[i] = load_be32(buf + 64 * b + 16 * i);
        }
        for (int i = 4; i < 20; i++) {
            w[i] = vsha1su1q_u32(vsha1su0q_u32(w[i - 4], w[i - 3], w[i - 2]),
                                 w[i - 1]);
        }
        for (int i = 0; i < 20; i++) {
            uint32x4_t wk = vaddq_u32(w[i], vdupq_n_u32(k[i / 5]));
            uint32_t e1 = vsha1h_u32(vgetq_lane_u32(abcd, 0));

            if (i < 5) {
                abcd = vsha1cq_u32(abcd, e, wk);
            } else if (i < 10 || i >= 15) {
                abcd = vsha1pq_u32(abcd, e, wk);
            } else {
                abcd = vsha1mq_u32(abcd, e, wk);
            }
            e = e1;
        }
        abcd = vaddq_u32(abcd, a0);
        e += e0;
    }
    vst1q_u32(res, abcd);
    res[4] = e;
    for (int i = 0; i < 5; i++) {
        sprintf(out + 8 * i, "%08x", res[i]);
    }
}

static void sha256(const char *msg, char *out)
{
    static uint8_t buf[1024];
    size_t nb = pad(buf, msg, 64);
    uint32x4_t s0 = vld1q_u32(h256), s1 = vld1q_u32(h256 + 4);
    uint32_t res[8];

    for (size_t b = 0; b < nb; b++) {
        uint32x4_t w[16], a0 = s0, a1 = s1;

        for (int i = 0; i < 4; i++) {
            w[i] = load_be32(buf + 64 * b + 16 * i);
        }
        for (int i = 4; i < 16; i++) {
            w[i] = vsha256su1q_u32(vsha256su0q_u32(w[i - 4], w[i - 3]),
                                   w[i - 2], w[i - 1]);
        }
        for (int i = 0; i < 16; i++) {
            uint32x4_t wk = vaddq_u32(w[i], vld1q_u32(k256 + 4 * i));
            uint32x4_t t = s0;

            s0 = vsha256hq_u32(s0, s1, wk);
            s1 = vsha256h2q_u32(s1, t, wk);
        }
        s0 = vaddq_u32(s0, a0);
        s1 = vaddq_u32(s1, a1);
    }
    vst1q_u32(res, s0);
    vst1q_u32(res + 4, s1);
    for (int i = 0; i < 8; i++) {
        sprintf(out + 8 * i, "%08x", res[i]);
    }
}

/*
 * Two rounds per step, state as {lo, hi} pairs ab = {a, b}, cd, ef, gh.
 * SHA512H Qd, Qn, Vm with Vm = {d, e}, Qn = {f, g}, Qd = {g + KW1,
 * h + KW0} gives {T1 of round 2, T1 of round 1}; SHA512H2 of that with
 * Qn = cd, Vm = ab gives {a'', a'}; e'' / e' are cd + that T1 pair.
 */
static void sha512_block(uint64x2_t st[4], const uint8_t *p)
{
    uint64x2_t w[40], ab = st[0], cd = st[1], ef = st[2], gh = st[3];

    for (int i = 0; i < 8; i++) {
        w[i] = vreinterpretq_u64_u8(vrev64q_u8(vld1q_u8(p + 16 * i)));
    }
    for (int i = 8; i < 40; i++) {
        uint64x2_t t = vsha512su0q_u64(w[i - 8], w[i - 7]);
        uint64x2_t m7 = vextq_u64(w[i - 4], w[i - 3], 1);

        w[i] = vsha512su1q_u64(t, w[i - 1], m7);
    }
    for (int i = 0; i < 40; i++) {
        uint64x2_t kw = vaddq_u64(w[i], vld1q_u64(k512 + 2 * i));
        uint64x2_t d_e = vextq_u64(cd, ef, 1);
        uint64x2_t f_g = vextq_u64(ef, gh, 1);
        uint64x2_t t1 = vaddq_u64(gh, vextq_u64(kw, kw, 1));
        uint64x2_t a2;

        t1 = vsha512hq_u64(t1, f_g, d_e);
        a2 = vsha512h2q_u64(t1, cd, ab);
        gh = ef;
        ef = vaddq_u64(cd, t1);
        cd = ab;
        ab = a2;
    }
    st[0] = vaddq_u64(st[0], ab);
    st[1] = vaddq_u64(st[1], cd);
    st[2] = vaddq_u64(st[2], ef);
    st[3] = vaddq_u64(st[3], gh);
}

static void sha512(const char *msg, char *out)
{
    static uint8_t buf[1024];
    size_t nb = pad(buf, msg, 128);
    uint64x2_t st[4];
    uint64_t res[8];

    for (int i = 0; i < 4; i++) {
        st[i] = vld1q_u64(h512 + 2 * i);
    }
    for (size_t b = 0; b < nb; b++) {
        sha512_block(st, buf + 128 * b);
    }
    for (int i = 0; i < 4; i++) {
        vst1q_u64(res + 2 * i, st[i]);
    }
    for (int i = 0; i < 8; i++) {
        sprintf(out + 16 * i, "%016llx", (unsigned long long)res[i]);
    }
}

static void test_sha(void)
{
    static const struct {
        const char *msg, *sha1, *sha256, *sha512;
    } v[] = {
        { "abc", "a9993e364706816aba3e25717850c26c9cd0d89d",
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
          "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
          "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f" },
        { "", "da39a3ee5e6b4b0d3255bfef95601890afd80709",
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
          "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
          "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e" },
        { "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
          "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
          "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
          "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445" },
        { "The quick brown fox jumps over the lazy dog"
          "The quick brown fox jumps over the lazy dog"
          "The quick brown fox jumps over the lazy dog"
          "The quick brown fox jumps over the lazy dog"
          "The quick brown fox jumps over the lazy dog",
          "809972720e1e917140f4ed7dbddad41f382a3a59",
          "7934ac96e6ebd24d26c21c2c423baf37dd2beb2fff683a0e1e6148f7e30a291f",
          "a8b456783763d2752be0afc7fb37546ccdecd2a9d4878e6638a71a4f439393d8"
          "7282f0775861b8b5a85501a225b4a8a467f3c51d3c46047adc03eca3081cf42a" },
    };
    char out[160], name[64];

    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        sha1(v[i].msg, out);
        snprintf(name, sizeof(name), "sha1 #%zu", i);
        check(name, out, v[i].sha1);
        sha256(v[i].msg, out);
        snprintf(name, sizeof(name), "sha256 #%zu", i);
        check(name, out, v[i].sha256);
        sha512(v[i].msg, out);
        snprintf(name, sizeof(name), "sha512 #%zu", i);
        check(name, out, v[i].sha512);
    }
}

/* ---- PMULL.1Q ---- */

static void clmul(uint64_t a, uint64_t b, uint64_t r[2])
{
    r[0] = r[1] = 0;
    for (int i = 0; i < 64; i++) {
        if ((b >> i) & 1) {
            r[0] ^= a << i;
            r[1] ^= i ? a >> (64 - i) : 0;
        }
    }
}

static void test_pmull(void)
{
    uint64_t x = 0x9e3779b97f4a7c15ull;
    int bad = 0;

    for (int i = 0; i < 1000; i++) {
        uint64_t a, b, want[2], got[2], got2[2];
        poly128_t p;

        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        a = x;
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        b = i % 10 == 0 ? ~0ull : x;
        clmul(a, b, want);
        p = vmull_p64(a, b);
        memcpy(got, &p, 16);
        p = vmull_high_p64(vreinterpretq_p64_u64(vdupq_n_u64(a)),
                           vreinterpretq_p64_u64(vdupq_n_u64(b)));
        memcpy(got2, &p, 16);
        if (memcmp(got, want, 16) || memcmp(got2, want, 16)) {
            bad++;
        }
    }
    printf("%s pmull.1q 1000 random products\n", bad ? "MISMATCH" : "ok");
    failures += bad;
}

int main(void)
{
    test_aes();
    test_sha();
    test_pmull();
    printf("%d failures\n", failures);
    return failures != 0;
}
