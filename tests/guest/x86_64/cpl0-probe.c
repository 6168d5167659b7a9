/*
 * Which instructions can the host's KVM run at guest CPL 0?  With
 * hardware virtualization, all of them; a nested KVM that emulates guest
 * kernel code (kvm_pvm, docs/kvm.md) lacks some, and a guest kernel that
 * uses one stops with "KVM could not emulate an instruction" (or is sent
 * a #UD, which this guest without an IDT turns into a triple fault).
 *
 * For each probe the guest prints "try NAME", runs it, prints "ok NAME".
 * -append "skip=a,b,..." skips probes; scripts/kvm-cpl0-probe.sh reruns
 * the guest, skipping each probe that stopped it, and reports the list.
 * NAMEs are Linux's /proc/cpuinfo flag names where one feature is behind
 * the instruction (so that the list can become a clearcpuid= option).
 */
#include "guest.h"

u8 probe_area[4096] __attribute__((aligned(64), used));

/* Is name in the comma-separated list after "skip=" on the command line? */
static int skipped(const char *name)
{
    const char *p = cmdline();

    while (*p && !(p[0] == 's' && p[1] == 'k' && p[2] == 'i' && p[3] == 'p' &&
                   p[4] == '=')) {
        p++;
    }
    if (!*p) {
        return 0;
    }
    p += 5;
    while (*p && *p != ' ') {
        const char *n = name;
        while (*n && *p == *n) {
            n++;
            p++;
        }
        if (!*n && (*p == ',' || *p == ' ' || !*p)) {
            return 1;
        }
        while (*p && *p != ',' && *p != ' ') {
            p++;
        }
        if (*p == ',') {
            p++;
        }
    }
    return 0;
}

#define PROBE(name, insn)                                                   \
    do {                                                                    \
        if (!skipped(name)) {                                               \
            serial_puts("try " name "\n");                                  \
            __asm__ volatile("lea probe_area(%%rip), %%rsi\n" insn                \
                             ::: "rax", "rcx", "rdx", "rsi", "rdi", "memory", \
                             "cc");                                         \
            serial_puts("ok " name "\n");                                   \
        }                                                                   \
    } while (0)

void guest_main(u64 cpu, u64 ncpus)
{
    (void)cpu;
    (void)ncpus;
    PROBE("popcnt", "mov $5, %%rdi; popcnt %%rdi, %%rax");
    PROBE("abm", "mov $5, %%rdi; lzcnt %%rdi, %%rax");
    PROBE("bmi1", "mov $5, %%rdi; andn %%rdi, %%rdi, %%rax; tzcnt %%rdi, %%rax");
    PROBE("bmi2", "mov $5, %%rdi; mov $1, %%rcx; shlx %%rcx, %%rdi, %%rax;"
                  "rorx $3, %%rdi, %%rax; pdep %%rdi, %%rdi, %%rax;"
                  "mov $5, %%rdx; mulx %%rdx, %%rax, %%rcx");
    PROBE("adx", "xor %%eax, %%eax; adcx %%rax, %%rax");
    PROBE("movbe", "movbe (%%rsi), %%rax");
    PROBE("sse4_2", "mov $5, %%rdi; crc32q %%rdi, %%rax");
    PROBE("rdrand", "rdrand %%rax");
    PROBE("rdseed", "rdseed %%rax");
    PROBE("rdtscp", "rdtscp");
    PROBE("rdpid", "rdpid %%rax");
    PROBE("clflushopt", "clflushopt (%%rsi)");
    PROBE("clwb", "clwb (%%rsi)");
    PROBE("invpcid", "movq $0, (%%rsi); movq $0, 8(%%rsi); mov $2, %%rax;"
                     "invpcid (%%rsi), %%rax");
    PROBE("fsgsbase", "rdfsbase %%rax; wrfsbase %%rax; rdgsbase %%rax; wrgsbase %%rax");
    PROBE("monitor", "mov %%rsi, %%rax; xor %%ecx, %%ecx; xor %%edx, %%edx; monitor");
    PROBE("smap", "stac; clac");
    PROBE("cx16", "mov (%%rsi), %%rax; mov 8(%%rsi), %%rdx; mov %%rax, %%rbx;"
                  "mov %%rdx, %%rcx; lock cmpxchg16b (%%rsi)");
    /* Not behind a feature a kernel can be told to avoid: */
    PROBE("xgetbv", "xor %%ecx, %%ecx; xgetbv");
    PROBE("fxsave", "fxsave64 (%%rsi); fxrstor64 (%%rsi)");
    PROBE("x87-control", "fnstcw (%%rsi); fninit; fldcw (%%rsi)");
    PROBE("sse", "pxor %%xmm0, %%xmm0; movdqu %%xmm0, (%%rsi)");
    PROBE("mxcsr", "stmxcsr (%%rsi); ldmxcsr (%%rsi)");
    PROBE("verw", "verw (%%rsi)");
    PROBE("rdtsc cpuid fences", "rdtsc; mov $1, %%eax; cpuid; lfence; sfence; mfence");
    PROBE("cr-msr", "mov %%cr3, %%rax; mov %%rax, %%cr3; mov $0xc0000080, %%ecx;"
                    "rdmsr; wrmsr; invlpg (%%rsi)");
    PROBE("string", "lea 2048(%%rsi), %%rdi; mov $64, %%rcx; rep movsb;"
                    "lea 2048(%%rsi), %%rdi; mov $64, %%rcx; rep stosb");
    PROBE("atomics", "lock incq (%%rsi); lock xaddq %%rax, (%%rsi);"
                     "lock cmpxchgq %%rcx, (%%rsi); lock btsq $5, (%%rsi)");
    serial_puts("done\n");
    debug_exit(GUEST_PASS);
}
