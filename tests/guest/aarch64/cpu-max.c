/*
 * What a CPU model offers a process, seen three ways that must agree:
 * one instruction of each optional group run under a SIGILL handler,
 * the AT_HWCAP/AT_HWCAP2 bits, and the ID register fields Linux lets EL0
 * read with MRS (ID_AA64ISAR0/ISAR1/PFR0/PFR1_EL1).  One line per group:
 *   NAME exec=yes|SIGILL|- hwcap=0|1 id=FIELD [MISMATCH]
 * "-" means there is no single EL0 instruction to try (BTI, MTE).
 *
 * The same source runs once per model: cpu-cortex-a57.c, cpu-cortex-a72.c
 * and cpu-neoverse-n1.c are symlinks to this file, each NAME.cpu names
 * the -cpu model.  The .out files were recorded with qemu-aarch64 7.2
 * -cpu MODEL and equal its output for cortex-a57 and cortex-a72.  Where
 * they differ from qemu, the expected line is what tern must print,
 * because tern's models advertise exactly what tern implements:
 *   dcpop (neoverse-n1, max): qemu 7.2 advertises DCPOP but raises SIGILL
 *       for DC CVAP at EL0 (its own MISMATCH); Linux lets EL0 run it
 *       (SCTLR_EL1.UCI), so tern executes it and prints "0 mismatches".
 *   max, qemu has and tern has not (exec=SIGILL hwcap=0 id=0 here):
 *   sm3, sm4   SM3/SM4 crypto: not implemented (docs/target-arm.md)
 *   fhm        FMLAL/FMLSL: not implemented
 *   rng        RNDR/RNDRRS: not implemented
 *   bf16, i8mm BFloat16 and int8 matrix multiply: not implemented
 *   sb         the SB barrier: not implemented
 *   sve        SVE: not implemented
 *   mte        not implemented
 *   max, field values: lrcpc id=1 (LDAPR only; qemu's 2 adds LDAPUR...),
 *   dcpop id=1 (DC CVAP; qemu's 2 adds DC CVADP).
 * pauth and pacg of max equal qemu's: both have PAuth with QARMA5 (APA = 1).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <ucontext.h>

/* One stub per group: the instruction (as a word: no -march needed), ret. */
#define STUB(name, insn) \
    ".global t_" #name "\n" "t_" #name ":\n" \
    "    .inst " #insn "\n" "    ret\n"

__asm__(
    ".text\n"
    STUB(aes, 0x4e284820)       /* aese v0.16b, v1.16b */
    STUB(pmull, 0x0ee2e020)     /* pmull v0.1q, v1.1d, v2.1d */
    STUB(sha1, 0x5e280820)      /* sha1h s0, s1 */
    STUB(sha256, 0x5e282820)    /* sha256su0 v0.4s, v1.4s */
    STUB(sha512, 0xcec08020)    /* sha512su0 v0.2d, v1.2d */
    STUB(sha3, 0xce020c20)      /* eor3 v0.16b, v1.16b, v2.16b, v3.16b */
    STUB(sm3, 0xce420c20)       /* sm3ss1 v0.4s, v1.4s, v2.4s, v3.4s */
    STUB(sm4, 0xcec08420)       /* sm4e v0.4s, v1.4s */
    STUB(crc32, 0x1ac14021)     /* crc32b w1, w1, w1 */
    STUB(lse, 0xf8210002)       /* ldadd x1, x2, [x0] */
    STUB(rdm, 0x6e428420)       /* sqrdmlah v0.8h, v1.8h, v2.8h */
    STUB(dotprod, 0x4e829420)   /* sdot v0.4s, v1.16b, v2.16b */
    STUB(fhm, 0x0e22ec20)       /* fmlal v0.2s, v1.2h, v2.2h */
    STUB(flagm, 0xd500401f)     /* cfinv */
    STUB(flagm2, 0xd500405f)    /* axflag */
    STUB(rng, 0xd53b2401)       /* mrs x1, rndr */
    STUB(fphp, 0x1ee22820)      /* fadd h0, h1, h2 */
    STUB(asimdhp, 0x4e421420)   /* fadd v0.8h, v1.8h, v2.8h */
    STUB(jscvt, 0x1e7e0001)     /* fjcvtzs w1, d0 */
    STUB(fcma, 0x6e82e420)      /* fcadd v0.4s, v1.4s, v2.4s, #90 */
    STUB(lrcpc, 0x38bfc001)     /* ldaprb w1, [x0] */
    STUB(dcpop, 0xd50b7c20)     /* dc cvap, x0 */
    STUB(frint, 0x1e284020)     /* frint32z s0, s1 */
    STUB(bf16, 0x6e42fc20)      /* bfdot v0.4s, v1.8h, v2.8h */
    STUB(i8mm, 0x4e82a420)      /* smmla v0.4s, v1.16b, v2.16b */
    STUB(pauth, 0xdac10041)     /* pacia x1, x2 */
    STUB(pacg, 0x9ac23021)      /* pacga x1, x1, x2 */
    STUB(sb, 0xd50330ff)        /* sb */
    STUB(sve, 0x0420e3e1)       /* cntb x1 */
);

typedef void stub_fn(void *buf);

#define DECL(n) extern stub_fn t_##n;
DECL(aes) DECL(pmull) DECL(sha1) DECL(sha256) DECL(sha512) DECL(sha3)
DECL(sm3) DECL(sm4) DECL(crc32) DECL(lse) DECL(rdm) DECL(dotprod) DECL(fhm)
DECL(flagm) DECL(flagm2) DECL(rng) DECL(fphp) DECL(asimdhp) DECL(jscvt)
DECL(fcma) DECL(lrcpc) DECL(dcpop) DECL(frint) DECL(bf16) DECL(i8mm)
DECL(pauth) DECL(pacg) DECL(sb) DECL(sve)

enum { ISAR0, ISAR1, PFR0, PFR1 };

typedef struct Group {
    const char *name;
    stub_fn *fn;            /* NULL: no instruction to try */
    int hwcap;              /* 1: AT_HWCAP, 2: AT_HWCAP2 */
    int bit;
    int reg, shift;         /* the ID register field */
    int min;                /* field value from which the feature is there */
} Group;

static const Group groups[] = {
    { "aes", t_aes, 1, 3, ISAR0, 4, 1 },
    { "pmull", t_pmull, 1, 4, ISAR0, 4, 2 },
    { "sha1", t_sha1, 1, 5, ISAR0, 8, 1 },
    { "sha256", t_sha256, 1, 6, ISAR0, 12, 1 },
    { "sha512", t_sha512, 1, 21, ISAR0, 12, 2 },
    { "sha3", t_sha3, 1, 17, ISAR0, 32, 1 },
    { "sm3", t_sm3, 1, 18, ISAR0, 36, 1 },
    { "sm4", t_sm4, 1, 19, ISAR0, 40, 1 },
    { "crc32", t_crc32, 1, 7, ISAR0, 16, 1 },
    { "lse", t_lse, 1, 8, ISAR0, 20, 2 },
    { "rdm", t_rdm, 1, 12, ISAR0, 28, 1 },
    { "dotprod", t_dotprod, 1, 20, ISAR0, 44, 1 },
    { "fhm", t_fhm, 1, 23, ISAR0, 48, 1 },
    { "flagm", t_flagm, 1, 27, ISAR0, 52, 1 },
    { "flagm2", t_flagm2, 2, 7, ISAR0, 52, 2 },
    { "rng", t_rng, 2, 16, ISAR0, 60, 1 },
    { "fphp", t_fphp, 1, 9, PFR0, 16, 1 },
    { "asimdhp", t_asimdhp, 1, 10, PFR0, 20, 1 },
    { "jscvt", t_jscvt, 1, 13, ISAR1, 12, 1 },
    { "fcma", t_fcma, 1, 14, ISAR1, 16, 1 },
    { "lrcpc", t_lrcpc, 1, 15, ISAR1, 20, 1 },
    { "dcpop", t_dcpop, 1, 16, ISAR1, 0, 1 },
    { "frint", t_frint, 2, 8, ISAR1, 32, 1 },
    { "bf16", t_bf16, 2, 14, ISAR1, 44, 1 },
    { "i8mm", t_i8mm, 2, 13, ISAR1, 52, 1 },
    { "pauth", t_pauth, 1, 30, ISAR1, 4, 1 },   /* APA (QARMA5) */
    { "pacg", t_pacg, 1, 31, ISAR1, 24, 1 },    /* GPA */
    { "sb", t_sb, 1, 29, ISAR1, 36, 1 },
    { "sve", t_sve, 1, 22, PFR0, 32, 1 },
    { "bti", NULL, 2, 17, PFR1, 0, 1 },
    { "mte", NULL, 2, 18, PFR1, 8, 2 },         /* 2: EL0 tag checks */
};

static volatile int trapped;

static void on_sigill(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;

    (void)sig;
    (void)si;
    trapped = 1;
    uc->uc_mcontext.pc += 4;    /* skip the instruction */
}

static uint64_t id_reg(int reg)
{
    uint64_t v = 0;

    switch (reg) {
    case ISAR0:
        __asm__ volatile("mrs %0, S3_0_C0_C6_0" : "=r"(v));
        break;
    case ISAR1:
        __asm__ volatile("mrs %0, S3_0_C0_C6_1" : "=r"(v));
        break;
    case PFR0:
        __asm__ volatile("mrs %0, S3_0_C0_C4_0" : "=r"(v));
        break;
    case PFR1:
        __asm__ volatile("mrs %0, S3_0_C0_C4_1" : "=r"(v));
        break;
    }
    return v;
}

int main(void)
{
    struct sigaction sa;
    uint64_t hwcap = getauxval(AT_HWCAP), hwcap2 = getauxval(AT_HWCAP2);
    uint64_t buf[8] __attribute__((aligned(64)));
    int mismatches = 0;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_sigill;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);

    printf("fp hwcap=%d asimd hwcap=%d cpuid hwcap=%d\n",
           (int)(hwcap & 1), (int)(hwcap >> 1 & 1), (int)(hwcap >> 11 & 1));
    for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
        const Group *g = &groups[i];
        int has_cap = ((g->hwcap == 1 ? hwcap : hwcap2) >> g->bit) & 1;
        int field = (id_reg(g->reg) >> g->shift) & 0xf;
        /* PFR0.FP/AdvSIMD are signed: 0xf means "no FP at all". */
        int id_has = field >= g->min &&
                     !(g->reg == PFR0 && g->shift < 32 && field == 0xf);
        const char *exec = "-";
        int ok = has_cap == id_has;

        if (g->fn) {
            memset(buf, 0, sizeof(buf));
            trapped = 0;
            g->fn(buf);
            exec = trapped ? "SIGILL" : "yes";
            ok = ok && has_cap == !trapped;
        }
        printf("%-8s exec=%s hwcap=%d id=%x%s\n", g->name, exec, has_cap,
               field, ok ? "" : " MISMATCH");
        mismatches += !ok;
    }
    printf("%d mismatches\n", mismatches);
    return 0;
}
