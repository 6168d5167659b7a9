/*
 * x86-64 vCPU register state as tern keeps it, independent of the
 * accelerator (accel/kvm converts it to and from KVM's structs), plus the
 * helpers the machine and the monitor need: the "entered in 64-bit mode"
 * boot state, `info registers`, the 4-level page walk, and the CPUID
 * feature names used by -cpu host,-feature.
 */
#ifndef TARGET_I386_CPU_H
#define TARGET_I386_CPU_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

enum {
    R_EAX, R_ECX, R_EDX, R_EBX, R_ESP, R_EBP, R_ESI, R_EDI,
    R_R8, R_R9, R_R10, R_R11, R_R12, R_R13, R_R14, R_R15,
};

enum { R_ES, R_CS, R_SS, R_DS, R_FS, R_GS, R_LDTR, R_TR, X86_NR_SEGS };

typedef struct X86Segment {
    uint64_t base;
    uint32_t limit;
    uint16_t selector;
    uint8_t type;      /* 4-bit descriptor type */
    uint8_t present, dpl, db, s, l, g, avl;
    uint8_t unusable;
} X86Segment;

typedef struct X86DTable {
    uint64_t base;
    uint16_t limit;
} X86DTable;

#define CR0_PE (1ull << 0)
#define CR0_MP (1ull << 1)
#define CR0_ET (1ull << 4)
#define CR0_NE (1ull << 5)
#define CR0_WP (1ull << 16)
#define CR0_PG (1ull << 31)
#define CR4_PAE (1ull << 5)
#define CR4_PGE (1ull << 7)
#define CR4_OSFXSR (1ull << 9)
#define CR4_OSXMMEXCPT (1ull << 10)
#define EFER_SCE (1ull << 0)
#define EFER_LME (1ull << 8)
#define EFER_LMA (1ull << 10)
#define EFER_NXE (1ull << 11)

#define MSR_IA32_APICBASE      0x0000001b
#define MSR_IA32_MISC_ENABLE   0x000001a0
#define MSR_IA32_CR_PAT        0x00000277
#define MSR_STAR               0xc0000081
#define MSR_LSTAR              0xc0000082
#define MSR_CSTAR              0xc0000083
#define MSR_SFMASK             0xc0000084
#define MSR_FS_BASE            0xc0000100
#define MSR_GS_BASE            0xc0000101
#define MSR_KERNEL_GS_BASE     0xc0000102
#define MSR_TSC_AUX            0xc0000103

typedef struct X86CPUState {
    uint64_t regs[16];
    uint64_t rip;
    uint64_t rflags;
    X86Segment segs[X86_NR_SEGS];
    X86DTable gdt, idt;
    uint64_t cr0, cr2, cr3, cr4, cr8;
    uint64_t efer;
    uint64_t apic_base;
    /* syscall MSRs and friends */
    uint64_t star, lstar, cstar, sfmask, kernel_gs_base, pat;
    /* FPU/SSE control (the rest is left to the accelerator) */
    uint16_t fcw;
    uint32_t mxcsr;
    /* CPUID leaf 1 EBX[31:24] / x2APIC id */
    uint32_t apic_id;
} X86CPUState;

/*
 * Power-on state of a vCPU (real mode at f000:fff0, as after RESET).
 */
void x86_cpu_reset_state(X86CPUState *env, int index);

/*
 * "Entered in 64-bit mode": CR0.PE|PG, CR4.PAE, EFER.LME|LMA, a flat 64-bit
 * code segment with selector code_sel and flat data segments with data_sel,
 * the GDT at gdt_base/gdt_limit, CR3 = pml4 (identity page tables the
 * machine wrote), interrupts off, RIP = entry.
 */
void x86_cpu_set_long_mode_entry(X86CPUState *env, uint64_t entry, uint64_t pml4,
                                 uint64_t gdt_base, uint16_t gdt_limit,
                                 uint16_t code_sel, uint16_t data_sel);

/* `info registers` (QEMU's layout, 64-bit form). */
void x86_cpu_dump_state(const X86CPUState *env, GString *out);

/*
 * Translate a guest-virtual address with the state's paging mode (4-level
 * long mode, PAE, 2-level 32-bit, or identity when paging is off), reading
 * the tables from address_space_memory.  false when not mapped.
 */
bool x86_cpu_virt_to_phys(const X86CPUState *env, uint64_t vaddr, uint64_t *paddr);

/* ---- CPUID feature names (as Linux's /proc/cpuinfo spells them) ---- */

typedef enum X86CpuidReg { CPUID_EAX, CPUID_EBX, CPUID_ECX, CPUID_EDX } X86CpuidReg;

typedef struct X86Feature {
    const char *name;
    uint32_t leaf;
    uint32_t subleaf;
    X86CpuidReg reg;
    uint8_t bit;
} X86Feature;

const X86Feature *x86_feature_find(const char *name);
/* Names close to `name` (edit distance or prefix), comma separated; "" if none. */
char *x86_feature_suggest(const char *name);
/* Every known feature, in table order (for -cpu help). */
const X86Feature *x86_feature_table(unsigned *count);

/*
 * Parse -cpu MODEL[,-feat|+feat|feat=on|feat=off...]: the model must be
 * host or max and every feature a known name (else *errp, naming close
 * names).  fn (may be NULL) is called for each feature, in order.
 */
typedef bool (*X86CpuFeatureFn)(void *opaque, const X86Feature *f, bool on,
                                GError **errp);
bool x86_cpu_model_parse(const char *model, X86CpuFeatureFn fn, void *opaque,
                         GError **errp);

#endif /* TARGET_I386_CPU_H */
