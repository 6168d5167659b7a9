/*
 * CPUID feature names as Linux's /proc/cpuinfo spells them, with where
 * each bit lives, for `-cpu host,-avx512f,+...` (accel/kvm filters
 * KVM_GET_SUPPORTED_CPUID with them).  Facts from the Intel SDM / AMD APM
 * CPUID tables.
 */
#include <string.h>

#include "target/i386/cpu.h"

static const X86Feature features[] = {
    { "fpu", 0x1, 0, CPUID_EDX, 0 },
    { "vme", 0x1, 0, CPUID_EDX, 1 },
    { "de", 0x1, 0, CPUID_EDX, 2 },
    { "pse", 0x1, 0, CPUID_EDX, 3 },
    { "tsc", 0x1, 0, CPUID_EDX, 4 },
    { "msr", 0x1, 0, CPUID_EDX, 5 },
    { "pae", 0x1, 0, CPUID_EDX, 6 },
    { "mce", 0x1, 0, CPUID_EDX, 7 },
    { "cx8", 0x1, 0, CPUID_EDX, 8 },
    { "apic", 0x1, 0, CPUID_EDX, 9 },
    { "sep", 0x1, 0, CPUID_EDX, 11 },
    { "mtrr", 0x1, 0, CPUID_EDX, 12 },
    { "pge", 0x1, 0, CPUID_EDX, 13 },
    { "mca", 0x1, 0, CPUID_EDX, 14 },
    { "cmov", 0x1, 0, CPUID_EDX, 15 },
    { "pat", 0x1, 0, CPUID_EDX, 16 },
    { "pse36", 0x1, 0, CPUID_EDX, 17 },
    { "pn", 0x1, 0, CPUID_EDX, 18 },
    { "clflush", 0x1, 0, CPUID_EDX, 19 },
    { "ds", 0x1, 0, CPUID_EDX, 21 },
    { "acpi", 0x1, 0, CPUID_EDX, 22 },
    { "mmx", 0x1, 0, CPUID_EDX, 23 },
    { "fxsr", 0x1, 0, CPUID_EDX, 24 },
    { "sse", 0x1, 0, CPUID_EDX, 25 },
    { "sse2", 0x1, 0, CPUID_EDX, 26 },
    { "ss", 0x1, 0, CPUID_EDX, 27 },
    { "ht", 0x1, 0, CPUID_EDX, 28 },
    { "tm", 0x1, 0, CPUID_EDX, 29 },
    { "ia64", 0x1, 0, CPUID_EDX, 30 },
    { "pbe", 0x1, 0, CPUID_EDX, 31 },
    { "pni", 0x1, 0, CPUID_ECX, 0 },
    { "pclmulqdq", 0x1, 0, CPUID_ECX, 1 },
    { "dtes64", 0x1, 0, CPUID_ECX, 2 },
    { "monitor", 0x1, 0, CPUID_ECX, 3 },
    { "ds_cpl", 0x1, 0, CPUID_ECX, 4 },
    { "vmx", 0x1, 0, CPUID_ECX, 5 },
    { "smx", 0x1, 0, CPUID_ECX, 6 },
    { "est", 0x1, 0, CPUID_ECX, 7 },
    { "tm2", 0x1, 0, CPUID_ECX, 8 },
    { "ssse3", 0x1, 0, CPUID_ECX, 9 },
    { "cid", 0x1, 0, CPUID_ECX, 10 },
    { "sdbg", 0x1, 0, CPUID_ECX, 11 },
    { "fma", 0x1, 0, CPUID_ECX, 12 },
    { "cx16", 0x1, 0, CPUID_ECX, 13 },
    { "xtpr", 0x1, 0, CPUID_ECX, 14 },
    { "pdcm", 0x1, 0, CPUID_ECX, 15 },
    { "pcid", 0x1, 0, CPUID_ECX, 17 },
    { "dca", 0x1, 0, CPUID_ECX, 18 },
    { "sse4_1", 0x1, 0, CPUID_ECX, 19 },
    { "sse4_2", 0x1, 0, CPUID_ECX, 20 },
    { "x2apic", 0x1, 0, CPUID_ECX, 21 },
    { "movbe", 0x1, 0, CPUID_ECX, 22 },
    { "popcnt", 0x1, 0, CPUID_ECX, 23 },
    { "tsc_deadline_timer", 0x1, 0, CPUID_ECX, 24 },
    { "aes", 0x1, 0, CPUID_ECX, 25 },
    { "xsave", 0x1, 0, CPUID_ECX, 26 },
    { "osxsave", 0x1, 0, CPUID_ECX, 27 },
    { "avx", 0x1, 0, CPUID_ECX, 28 },
    { "f16c", 0x1, 0, CPUID_ECX, 29 },
    { "rdrand", 0x1, 0, CPUID_ECX, 30 },
    { "hypervisor", 0x1, 0, CPUID_ECX, 31 },
    { "fsgsbase", 0x7, 0, CPUID_EBX, 0 },
    { "tsc_adjust", 0x7, 0, CPUID_EBX, 1 },
    { "sgx", 0x7, 0, CPUID_EBX, 2 },
    { "bmi1", 0x7, 0, CPUID_EBX, 3 },
    { "hle", 0x7, 0, CPUID_EBX, 4 },
    { "avx2", 0x7, 0, CPUID_EBX, 5 },
    { "fdp_excptn_only", 0x7, 0, CPUID_EBX, 6 },
    { "smep", 0x7, 0, CPUID_EBX, 7 },
    { "bmi2", 0x7, 0, CPUID_EBX, 8 },
    { "erms", 0x7, 0, CPUID_EBX, 9 },
    { "invpcid", 0x7, 0, CPUID_EBX, 10 },
    { "rtm", 0x7, 0, CPUID_EBX, 11 },
    { "cqm", 0x7, 0, CPUID_EBX, 12 },
    { "zero_fcs_fds", 0x7, 0, CPUID_EBX, 13 },
    { "mpx", 0x7, 0, CPUID_EBX, 14 },
    { "rdt_a", 0x7, 0, CPUID_EBX, 15 },
    { "avx512f", 0x7, 0, CPUID_EBX, 16 },
    { "avx512dq", 0x7, 0, CPUID_EBX, 17 },
    { "rdseed", 0x7, 0, CPUID_EBX, 18 },
    { "adx", 0x7, 0, CPUID_EBX, 19 },
    { "smap", 0x7, 0, CPUID_EBX, 20 },
    { "avx512ifma", 0x7, 0, CPUID_EBX, 21 },
    { "clflushopt", 0x7, 0, CPUID_EBX, 23 },
    { "clwb", 0x7, 0, CPUID_EBX, 24 },
    { "intel_pt", 0x7, 0, CPUID_EBX, 25 },
    { "avx512pf", 0x7, 0, CPUID_EBX, 26 },
    { "avx512er", 0x7, 0, CPUID_EBX, 27 },
    { "avx512cd", 0x7, 0, CPUID_EBX, 28 },
    { "sha_ni", 0x7, 0, CPUID_EBX, 29 },
    { "avx512bw", 0x7, 0, CPUID_EBX, 30 },
    { "avx512vl", 0x7, 0, CPUID_EBX, 31 },
    { "avx512vbmi", 0x7, 0, CPUID_ECX, 1 },
    { "umip", 0x7, 0, CPUID_ECX, 2 },
    { "pku", 0x7, 0, CPUID_ECX, 3 },
    { "ospke", 0x7, 0, CPUID_ECX, 4 },
    { "waitpkg", 0x7, 0, CPUID_ECX, 5 },
    { "avx512_vbmi2", 0x7, 0, CPUID_ECX, 6 },
    { "cet_ss", 0x7, 0, CPUID_ECX, 7 },
    { "gfni", 0x7, 0, CPUID_ECX, 8 },
    { "vaes", 0x7, 0, CPUID_ECX, 9 },
    { "vpclmulqdq", 0x7, 0, CPUID_ECX, 10 },
    { "avx512_vnni", 0x7, 0, CPUID_ECX, 11 },
    { "avx512_bitalg", 0x7, 0, CPUID_ECX, 12 },
    { "tme", 0x7, 0, CPUID_ECX, 13 },
    { "avx512_vpopcntdq", 0x7, 0, CPUID_ECX, 14 },
    { "la57", 0x7, 0, CPUID_ECX, 16 },
    { "rdpid", 0x7, 0, CPUID_ECX, 22 },
    { "bus_lock_detect", 0x7, 0, CPUID_ECX, 24 },
    { "cldemote", 0x7, 0, CPUID_ECX, 25 },
    { "movdiri", 0x7, 0, CPUID_ECX, 27 },
    { "movdir64b", 0x7, 0, CPUID_ECX, 28 },
    { "enqcmd", 0x7, 0, CPUID_ECX, 29 },
    { "sgx_lc", 0x7, 0, CPUID_ECX, 30 },
    { "avx512_4vnniw", 0x7, 0, CPUID_EDX, 2 },
    { "avx512_4fmaps", 0x7, 0, CPUID_EDX, 3 },
    { "fsrm", 0x7, 0, CPUID_EDX, 4 },
    { "avx512_vp2intersect", 0x7, 0, CPUID_EDX, 8 },
    { "srbds_ctrl", 0x7, 0, CPUID_EDX, 9 },
    { "md_clear", 0x7, 0, CPUID_EDX, 10 },
    { "tsx_force_abort", 0x7, 0, CPUID_EDX, 13 },
    { "serialize", 0x7, 0, CPUID_EDX, 14 },
    { "hybrid_cpu", 0x7, 0, CPUID_EDX, 15 },
    { "tsxldtrk", 0x7, 0, CPUID_EDX, 16 },
    { "pconfig", 0x7, 0, CPUID_EDX, 18 },
    { "arch_lbr", 0x7, 0, CPUID_EDX, 19 },
    { "ibt", 0x7, 0, CPUID_EDX, 20 },
    { "amx_bf16", 0x7, 0, CPUID_EDX, 22 },
    { "avx512_fp16", 0x7, 0, CPUID_EDX, 23 },
    { "amx_tile", 0x7, 0, CPUID_EDX, 24 },
    { "amx_int8", 0x7, 0, CPUID_EDX, 25 },
    { "spec_ctrl", 0x7, 0, CPUID_EDX, 26 },
    { "intel_stibp", 0x7, 0, CPUID_EDX, 27 },
    { "flush_l1d", 0x7, 0, CPUID_EDX, 28 },
    { "arch_capabilities", 0x7, 0, CPUID_EDX, 29 },
    { "core_capabilities", 0x7, 0, CPUID_EDX, 30 },
    { "spec_ctrl_ssbd", 0x7, 0, CPUID_EDX, 31 },
    { "avx_vnni", 0x7, 1, CPUID_EAX, 4 },
    { "avx512_bf16", 0x7, 1, CPUID_EAX, 5 },
    { "xsaveopt", 0xd, 1, CPUID_EAX, 0 },
    { "xsavec", 0xd, 1, CPUID_EAX, 1 },
    { "xgetbv1", 0xd, 1, CPUID_EAX, 2 },
    { "xsaves", 0xd, 1, CPUID_EAX, 3 },
    { "syscall", 0x80000001, 0, CPUID_EDX, 11 },
    { "nx", 0x80000001, 0, CPUID_EDX, 20 },
    { "mmxext", 0x80000001, 0, CPUID_EDX, 22 },
    { "fxsr_opt", 0x80000001, 0, CPUID_EDX, 25 },
    { "pdpe1gb", 0x80000001, 0, CPUID_EDX, 26 },
    { "rdtscp", 0x80000001, 0, CPUID_EDX, 27 },
    { "lm", 0x80000001, 0, CPUID_EDX, 29 },
    { "lahf_lm", 0x80000001, 0, CPUID_ECX, 0 },
    { "cmp_legacy", 0x80000001, 0, CPUID_ECX, 1 },
    { "svm", 0x80000001, 0, CPUID_ECX, 2 },
    { "extapic", 0x80000001, 0, CPUID_ECX, 3 },
    { "cr8_legacy", 0x80000001, 0, CPUID_ECX, 4 },
    { "abm", 0x80000001, 0, CPUID_ECX, 5 },
    { "sse4a", 0x80000001, 0, CPUID_ECX, 6 },
    { "misalignsse", 0x80000001, 0, CPUID_ECX, 7 },
    { "3dnowprefetch", 0x80000001, 0, CPUID_ECX, 8 },
    { "osvw", 0x80000001, 0, CPUID_ECX, 9 },
    { "ibs", 0x80000001, 0, CPUID_ECX, 10 },
    { "xop", 0x80000001, 0, CPUID_ECX, 11 },
    { "skinit", 0x80000001, 0, CPUID_ECX, 12 },
    { "wdt", 0x80000001, 0, CPUID_ECX, 13 },
    { "lwp", 0x80000001, 0, CPUID_ECX, 15 },
    { "fma4", 0x80000001, 0, CPUID_ECX, 16 },
    { "tce", 0x80000001, 0, CPUID_ECX, 17 },
    { "nodeid_msr", 0x80000001, 0, CPUID_ECX, 19 },
    { "tbm", 0x80000001, 0, CPUID_ECX, 21 },
    { "topoext", 0x80000001, 0, CPUID_ECX, 22 },
    { "perfctr_core", 0x80000001, 0, CPUID_ECX, 23 },
    { "perfctr_nb", 0x80000001, 0, CPUID_ECX, 24 },
    { "bpext", 0x80000001, 0, CPUID_ECX, 26 },
    { "ptsc", 0x80000001, 0, CPUID_ECX, 27 },
    { "perfctr_llc", 0x80000001, 0, CPUID_ECX, 28 },
    { "mwaitx", 0x80000001, 0, CPUID_ECX, 29 },
    { "clzero", 0x80000008, 0, CPUID_EBX, 0 },
    { "irperf", 0x80000008, 0, CPUID_EBX, 1 },
    { "xsaveerptr", 0x80000008, 0, CPUID_EBX, 2 },
    { "rdpru", 0x80000008, 0, CPUID_EBX, 3 },
    { "wbnoinvd", 0x80000008, 0, CPUID_EBX, 9 },
};

const X86Feature *x86_feature_table(unsigned *count)
{
    *count = G_N_ELEMENTS(features);
    return features;
}

const X86Feature *x86_feature_find(const char *name)
{
    for (unsigned i = 0; i < G_N_ELEMENTS(features); i++) {
        if (!strcmp(features[i].name, name)) {
            return &features[i];
        }
    }
    /* QEMU spells some with dashes (sse4-1, avx512-vbmi2): accept those. */
    g_autofree char *alt = g_strdelimit(g_strdup(name), "-", '_');
    for (unsigned i = 0; i < G_N_ELEMENTS(features); i++) {
        if (!strcmp(features[i].name, alt)) {
            return &features[i];
        }
    }
    return NULL;
}

static unsigned edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    g_autofree unsigned *row = g_new(unsigned, lb + 1);
    for (size_t j = 0; j <= lb; j++) {
        row[j] = (unsigned)j;
    }
    for (size_t i = 1; i <= la; i++) {
        unsigned diag = row[0];
        row[0] = (unsigned)i;
        for (size_t j = 1; j <= lb; j++) {
            unsigned up = row[j];
            unsigned best = diag + (a[i - 1] != b[j - 1]);
            best = MIN(best, up + 1);
            best = MIN(best, row[j - 1] + 1);
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

char *x86_feature_suggest(const char *name)
{
    GString *s = g_string_new(NULL);
    size_t len = strlen(name);
    for (unsigned i = 0; i < G_N_ELEMENTS(features); i++) {
        const char *f = features[i].name;
        bool close = edit_distance(name, f) <= (len > 5 ? 2u : 1u) ||
                     (len >= 3 && g_str_has_prefix(f, name));
        if (close) {
            g_string_append_printf(s, "%s%s", s->len ? ", " : "", f);
        }
    }
    return g_string_free(s, FALSE);
}

/* The feature name of one -cpu item ("-avx", "+avx", "avx=off", "avx"). */
static char *item_feature(const char *p, bool *on)
{
    if (p[0] == '+' || p[0] == '-') {
        *on = p[0] == '+';
        return g_strdup(p + 1);
    }
    if (g_str_has_suffix(p, "=off") || g_str_has_suffix(p, "=on")) {
        *on = g_str_has_suffix(p, "=on");
        return g_strndup(p, strcspn(p, "="));
    }
    *on = true;
    return g_strdup(p);
}

bool x86_cpu_model_parse(const char *model, X86CpuFeatureFn fn, void *opaque,
                         GError **errp)
{
    g_auto(GStrv) parts = g_strsplit(model, ",", -1);
    if (!parts[0] || (strcmp(parts[0], "host") != 0 && strcmp(parts[0], "max") != 0)) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "-cpu %s: unknown CPU model '%s' (x86-64 guests run with host or "
                    "max, plus ,-feature / ,+feature)", model, parts[0] ? parts[0] : "");
        return false;
    }
    for (int i = 1; parts[i]; i++) {
        bool on;
        g_autofree char *name = item_feature(parts[i], &on);
        const X86Feature *f = x86_feature_find(name);
        if (!f) {
            g_autofree char *close = x86_feature_suggest(name);
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "-cpu %s: unknown CPU feature '%s'%s%s%s", model, name,
                        *close ? " (did you mean: " : " (names as in /proc/cpuinfo flags)",
                        close, *close ? ")" : "");
            return false;
        }
        if (fn && !fn(opaque, f, on, errp)) {
            return false;
        }
    }
    return true;
}
