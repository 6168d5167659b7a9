/*
 * target/i386 and accel/accel.c without KVM: the page walk behind the
 * monitor's `x` (4 KiB, 2 MiB and 1 GiB pages, not-present entries,
 * canonical addresses, paging off, PAE), the long-mode boot state and
 * `info registers`, the CPUID feature names of -cpu host,-feature, and
 * the accelerator registry's choices and errors.
 */
#include <string.h>

#include <glib.h>

#include "accel/accel.h"
#include "exec/memory.h"
#include "target/i386/cpu.h"

#define RAM_SIZE (8u << 20)

static MemoryRegion ram;

static void put64(hwaddr a, uint64_t v)
{
    MemTxResult r = MEMTX_OK;
    address_space_stq_le(&address_space_memory, a, v, &r);
    g_assert_cmpint(r, ==, MEMTX_OK);
}

static void setup_ram(void)
{
    static bool done;
    if (done) {
        return;
    }
    done = true;
    memory_system_init();
    g_assert_true(memory_region_init_ram(&ram, NULL, "test.ram", RAM_SIZE, NULL));
    memory_region_add_subregion(get_system_memory(), 0, &ram);
}

/*
 * PML4 0x1000 -> PDPT 0x2000; PDPT[0] -> PD 0x3000, PDPT[1] = 1 GiB page
 * at 0x40000000; PD[0] -> PT 0x4000, PD[2] = 2 MiB page at 0x600000;
 * PT[1] = 0x7000, PT[0] not present; PML4[511] -> PDPT 0x5000 whose
 * entry 510 -> PD 0x3000 (the kernel half aliases the low 1 GiB).
 */
static void build_tables(void)
{
    memset(memory_region_get_ram_ptr(&ram), 0, 0x8000);
    put64(0x1000, 0x2000 | 3);
    put64(0x1000 + 511 * 8, 0x5000 | 3);
    put64(0x2000, 0x3000 | 3);
    put64(0x2008, 0x40000000 | 0x83);
    put64(0x5000 + 510 * 8, 0x3000 | 3);
    put64(0x3000, 0x4000 | 3);
    put64(0x3000 + 2 * 8, 0x600000 | 0x83);
    put64(0x4008, 0x7000 | 3);
}

static X86CPUState long_mode_env(void)
{
    X86CPUState env;
    x86_cpu_reset_state(&env, 0);
    x86_cpu_set_long_mode_entry(&env, 0x100000, 0x1000, 0x500, 31, 0x10, 0x18);
    return env;
}

static void test_walk_long_mode(void)
{
    setup_ram();
    build_tables();
    X86CPUState env = long_mode_env();
    uint64_t pa;

    g_assert_true(x86_cpu_virt_to_phys(&env, 0x1234, &pa));
    g_assert_cmphex(pa, ==, 0x7234);
    g_assert_false(x86_cpu_virt_to_phys(&env, 0x0234, &pa));          /* PT[0] absent */
    g_assert_true(x86_cpu_virt_to_phys(&env, 0x4abcde, &pa));          /* 2 MiB page */
    g_assert_cmphex(pa, ==, 0x6abcde);
    g_assert_true(x86_cpu_virt_to_phys(&env, 0x40000123, &pa));        /* 1 GiB page */
    g_assert_cmphex(pa, ==, 0x40000123);
    g_assert_false(x86_cpu_virt_to_phys(&env, 0x80000000, &pa));       /* PDPT[2] absent */
    g_assert_true(x86_cpu_virt_to_phys(&env, 0xffffffff80001234ull, &pa));
    g_assert_cmphex(pa, ==, 0x7234);
    /* Not canonical: bits 63..47 differ. */
    g_assert_false(x86_cpu_virt_to_phys(&env, 0x0000800000001234ull, &pa));
    /* Tables outside RAM (unmapped space reads as all ones) are not
     * taken for present entries. */
    env.cr3 = 0x7ff00000;
    g_assert_false(x86_cpu_virt_to_phys(&env, 0x1234, &pa));
}

static void test_walk_other_modes(void)
{
    setup_ram();
    X86CPUState env;
    uint64_t pa;

    x86_cpu_reset_state(&env, 0);                   /* paging off: identity */
    g_assert_true(x86_cpu_virt_to_phys(&env, 0xabcdef, &pa));
    g_assert_cmphex(pa, ==, 0xabcdef);

    /* PAE without long mode: PDPT at 0x6000 -> PD 0x3000 (as above). */
    build_tables();
    put64(0x6000, 0x3000 | 1);
    env.cr0 |= CR0_PE | CR0_PG;
    env.cr4 |= CR4_PAE;
    env.cr3 = 0x6000;
    g_assert_true(x86_cpu_virt_to_phys(&env, 0x1010, &pa));
    g_assert_cmphex(pa, ==, 0x7010);
    g_assert_true(x86_cpu_virt_to_phys(&env, 0x500001, &pa));
    g_assert_cmphex(pa, ==, 0x700001);
}

static void test_boot_state_and_dump(void)
{
    X86CPUState env = long_mode_env();
    g_assert_cmphex(env.cr0 & (CR0_PE | CR0_PG), ==, CR0_PE | CR0_PG);
    g_assert_cmphex(env.efer & (EFER_LME | EFER_LMA), ==, EFER_LME | EFER_LMA);
    g_assert_cmphex(env.cr4 & CR4_PAE, ==, CR4_PAE);
    g_assert_cmpint(env.segs[R_CS].l, ==, 1);
    g_assert_cmpint(env.segs[R_CS].db, ==, 0);
    g_assert_cmpint(env.segs[R_CS].selector, ==, 0x10);
    g_assert_cmpint(env.segs[R_SS].selector, ==, 0x18);
    g_assert_cmphex(env.rflags, ==, 2);

    env.regs[R_EBX] = 0x7e57;
    GString *out = g_string_new(NULL);
    x86_cpu_dump_state(&env, out);
    g_assert_nonnull(strstr(out->str, "RBX=0000000000007e57"));
    g_assert_nonnull(strstr(out->str, "RIP=0000000000100000 RFL=00000002"));
    g_assert_nonnull(strstr(out->str, "CS  =0010 0000000000000000 ffffffff 00a09b00"));
    g_assert_nonnull(strstr(out->str, "CR3=0000000000001000"));
    g_assert_nonnull(strstr(out->str, "EFER=0000000000000500"));
    g_string_free(out, TRUE);
}

static void test_features(void)
{
    const X86Feature *f = x86_feature_find("avx512f");
    g_assert_nonnull(f);
    g_assert_cmphex(f->leaf, ==, 7);
    g_assert_cmpint(f->reg, ==, CPUID_EBX);
    g_assert_cmpint(f->bit, ==, 16);
    f = x86_feature_find("clflushopt");
    g_assert_cmpint(f->bit, ==, 23);
    f = x86_feature_find("sse4-1");                  /* QEMU's spelling */
    g_assert_nonnull(f);
    g_assert_cmpstr(f->name, ==, "sse4_1");
    g_assert_cmpint(f->bit, ==, 19);
    f = x86_feature_find("lm");
    g_assert_cmphex(f->leaf, ==, 0x80000001);
    g_assert_cmpint(f->reg, ==, CPUID_EDX);
    g_assert_cmpint(f->bit, ==, 29);
    g_assert_null(x86_feature_find("avx512fx"));

    char *s = x86_feature_suggest("avx512fx");
    g_assert_nonnull(strstr(s, "avx512f"));
    g_free(s);
    s = x86_feature_suggest("zzzzzzzz");
    g_assert_cmpstr(s, ==, "");
    g_free(s);

    /* No two names for one bit. */
    unsigned n;
    const X86Feature *t = x86_feature_table(&n);
    for (unsigned i = 0; i < n; i++) {
        for (unsigned j = i + 1; j < n; j++) {
            g_assert_false(t[i].leaf == t[j].leaf && t[i].subleaf == t[j].subleaf &&
                           t[i].reg == t[j].reg && t[i].bit == t[j].bit);
            g_assert_cmpstr(t[i].name, !=, t[j].name);
        }
    }
}

static bool record_feature(void *opaque, const X86Feature *f, bool on, GError **errp)
{
    g_string_append_printf(opaque, "%c%s ", on ? '+' : '-', f->name);
    return true;
}

static void test_cpu_model_parse(void)
{
    GError *err = NULL;
    GString *seen = g_string_new(NULL);
    g_assert_true(x86_cpu_model_parse("host,-avx512f,+sse4-2,xsave=off,pcid=on,lm",
                                      record_feature, seen, &err));
    g_assert_cmpstr(seen->str, ==, "-avx512f +sse4_2 -xsave +pcid +lm ");
    g_string_free(seen, TRUE);
    g_assert_true(x86_cpu_model_parse("max", NULL, NULL, &err));

    g_assert_false(x86_cpu_model_parse("qemu64", NULL, NULL, &err));
    g_assert_nonnull(strstr(err->message, "unknown CPU model 'qemu64'"));
    g_clear_error(&err);
    g_assert_false(x86_cpu_model_parse("host,-avx512fx", NULL, NULL, &err));
    g_assert_cmpstr(err->message, ==, "-cpu host,-avx512fx: unknown CPU feature 'avx512fx' "
                    "(did you mean: avx512f, avx512dq, avx512pf, avx512er, avx512cd, "
                    "avx512bw, avx512vl)");
    g_clear_error(&err);
}

static void test_accel_registry(void)
{
    GError *err = NULL;
    const AccelOps *tcg = accel_find("tcg");
    g_assert_nonnull(tcg);

    GString *why = g_string_new(NULL);
    g_assert_false(tcg->probe("x86_64", why));
    g_assert_cmpstr(why->str, ==, "no x86-64 translator yet (only AArch64 guests are translated)");
    g_string_free(why, TRUE);

    g_assert_false(accel_add_option("hvf", &err));
    g_assert_nonnull(strstr(err->message, "unknown accelerator 'hvf'"));
    g_clear_error(&err);
    g_assert_false(accel_add_option("tcg,thread=multi", &err));
    g_assert_nonnull(strstr(err->message, "options are not supported"));
    g_clear_error(&err);

    g_assert_true(accel_add_option("tcg", &err));
    g_assert_null(accel_select("x86_64", &err));
    g_assert_cmpstr(err->message, ==,
                    "-accel tcg: no x86-64 translator yet (only AArch64 guests are translated)");
    g_clear_error(&err);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/x86-cpu/walk/long-mode", test_walk_long_mode);
    g_test_add_func("/x86-cpu/walk/other-modes", test_walk_other_modes);
    g_test_add_func("/x86-cpu/boot-state-and-dump", test_boot_state_and_dump);
    g_test_add_func("/x86-cpu/features", test_features);
    g_test_add_func("/x86-cpu/cpu-model-parse", test_cpu_model_parse);
    g_test_add_func("/x86-cpu/accel-registry", test_accel_registry);
    return g_test_run();
}
