/*
 * x86-64 vCPU state helpers (target/i386/cpu.h): power-on and long-mode
 * boot states, the `info registers` dump and the page-table walk used by
 * the monitor's `x`.
 */
#include <inttypes.h>
#include <string.h>

#include "exec/memory.h"
#include "target/i386/cpu.h"

static void seg_set(X86Segment *s, uint16_t sel, uint64_t base, uint32_t limit,
                    uint8_t type, uint8_t s_bit, uint8_t dpl, uint8_t db,
                    uint8_t l, uint8_t g)
{
    *s = (X86Segment){
        .selector = sel, .base = base, .limit = limit, .type = type,
        .present = 1, .dpl = dpl, .db = db, .s = s_bit, .l = l, .g = g,
    };
}

void x86_cpu_reset_state(X86CPUState *env, int index)
{
    memset(env, 0, sizeof(*env));
    env->rip = 0xfff0;
    env->rflags = 2;
    env->regs[R_EDX] = 0x600;   /* family/model/stepping placeholder */
    env->cr0 = CR0_ET | (1ull << 30) | (1ull << 29);   /* CD | NW | ET */
    seg_set(&env->segs[R_CS], 0xf000, 0xffff0000, 0xffff, 0xb, 1, 0, 0, 0, 0);
    for (int i = 0; i < X86_NR_SEGS; i++) {
        if (i == R_CS) {
            continue;
        }
        seg_set(&env->segs[i], 0, 0, 0xffff, 3, 1, 0, 0, 0, 0);
    }
    env->segs[R_LDTR].type = 2;
    env->segs[R_LDTR].s = 0;
    env->segs[R_TR].type = 0xb;
    env->segs[R_TR].s = 0;
    env->gdt.limit = 0xffff;
    env->idt.limit = 0xffff;
    env->fcw = 0x37f;
    env->mxcsr = 0x1f80;
    env->pat = 0x0007040600070406ull;
    env->apic_id = (uint32_t)index;
    env->apic_base = 0xfee00000ull | (1u << 11) | (index == 0 ? (1u << 8) : 0);
}

void x86_cpu_set_long_mode_entry(X86CPUState *env, uint64_t entry, uint64_t pml4,
                                 uint64_t gdt_base, uint16_t gdt_limit,
                                 uint16_t code_sel, uint16_t data_sel)
{
    env->rip = entry;
    env->rflags = 2;                    /* IF clear */
    env->cr0 = CR0_PE | CR0_MP | CR0_ET | CR0_NE | CR0_WP | CR0_PG;
    env->cr3 = pml4;
    env->cr4 = CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT;
    env->efer = EFER_LME | EFER_LMA;
    /* type 0xb: execute/read, accessed; L=1, D=0 for 64-bit code */
    seg_set(&env->segs[R_CS], code_sel, 0, 0xffffffff, 0xb, 1, 0, 0, 1, 1);
    for (int i = R_ES; i <= R_GS; i++) {
        if (i != R_CS) {
            seg_set(&env->segs[i], data_sel, 0, 0xffffffff, 0x3, 1, 0, 1, 0, 1);
        }
    }
    /* A busy 64-bit TSS of minimal size; guests that need one load their own. */
    seg_set(&env->segs[R_TR], 0, 0, 0x67, 0xb, 0, 0, 0, 0, 0);
    seg_set(&env->segs[R_LDTR], 0, 0, 0xffff, 2, 0, 0, 0, 0, 0);
    env->segs[R_LDTR].unusable = 1;
    env->gdt.base = gdt_base;
    env->gdt.limit = gdt_limit;
    env->idt.base = 0;
    env->idt.limit = 0;
}

static const char *const seg_names[X86_NR_SEGS] = {
    "ES", "CS", "SS", "DS", "FS", "GS", "LDT", "TR",
};

static const char *const reg_names[16] = {
    "RAX", "RCX", "RDX", "RBX", "RSP", "RBP", "RSI", "RDI",
    "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15",
};

void x86_cpu_dump_state(const X86CPUState *env, GString *out)
{
    static const int order[16] = { 0, 3, 1, 2, 6, 7, 5, 4, 8, 9, 10, 11, 12, 13, 14, 15 };
    for (int i = 0; i < 16; i++) {
        int r = order[i];
        g_string_append_printf(out, "%-3s=%016" PRIx64 "%s", reg_names[r], env->regs[r],
                               (i % 4 == 3) ? "\n" : " ");
    }
    uint64_t f = env->rflags;
    g_string_append_printf(out, "RIP=%016" PRIx64 " RFL=%08" PRIx64 " [%c%c%c%c%c%c%c] CPL=%d\n",
                           env->rip, f,
                           f & 0x800 ? 'O' : '-', f & 0x400 ? 'D' : '-',
                           f & 0x80 ? 'S' : '-', f & 0x40 ? 'Z' : '-',
                           f & 0x10 ? 'A' : '-', f & 0x4 ? 'P' : '-',
                           f & 0x1 ? 'C' : '-', env->segs[R_CS].dpl);
    for (int i = 0; i < X86_NR_SEGS; i++) {
        const X86Segment *s = &env->segs[i];
        uint32_t flags = ((uint32_t)s->type << 8) | ((uint32_t)s->s << 12) |
                         ((uint32_t)s->dpl << 13) | ((uint32_t)s->present << 15) |
                         ((uint32_t)s->avl << 20) | ((uint32_t)s->l << 21) |
                         ((uint32_t)s->db << 22) | ((uint32_t)s->g << 23);
        g_string_append_printf(out, "%-3s =%04x %016" PRIx64 " %08x %08x%s\n",
                               seg_names[i], s->selector, s->base, s->limit, flags,
                               s->unusable ? " unusable" : "");
    }
    g_string_append_printf(out, "GDT=     %016" PRIx64 " %08x\n", env->gdt.base, env->gdt.limit);
    g_string_append_printf(out, "IDT=     %016" PRIx64 " %08x\n", env->idt.base, env->idt.limit);
    g_string_append_printf(out, "CR0=%08" PRIx64 " CR2=%016" PRIx64 " CR3=%016" PRIx64
                           " CR4=%08" PRIx64 "\n", env->cr0, env->cr2, env->cr3, env->cr4);
    g_string_append_printf(out, "EFER=%016" PRIx64 " APICBASE=%016" PRIx64 " CR8=%" PRIx64 "\n",
                           env->efer, env->apic_base, env->cr8);
    g_string_append_printf(out, "STAR=%016" PRIx64 " LSTAR=%016" PRIx64 " SFMASK=%08" PRIx64 "\n",
                           env->star, env->lstar, env->sfmask);
    g_string_append_printf(out, "FCW=%04x MXCSR=%08x\n", env->fcw, env->mxcsr);
}

/* One page-table entry; false when the read fails or P is clear. */
static bool read_pte(uint64_t addr, bool is64, uint64_t *pte)
{
    MemTxResult res = MEMTX_OK;
    if (is64) {
        *pte = address_space_ldq_le(&address_space_memory, addr, &res);
    } else {
        *pte = address_space_ldl_le(&address_space_memory, addr, &res);
    }
    return res == MEMTX_OK && (*pte & 1);
}

bool x86_cpu_virt_to_phys(const X86CPUState *env, uint64_t vaddr, uint64_t *paddr)
{
    const uint64_t addr_mask = 0x000ffffffffff000ull;
    uint64_t pte;

    if (!(env->cr0 & CR0_PG)) {
        *paddr = vaddr;
        return true;
    }
    if (env->efer & EFER_LMA) {
        /* Canonical check: bits 63..47 equal. */
        int64_t sv = (int64_t)(vaddr << 16) >> 16;
        if ((uint64_t)sv != vaddr) {
            return false;
        }
        uint64_t table = env->cr3 & addr_mask;
        for (int level = 4; level >= 1; level--) {
            unsigned shift = 12 + 9 * (level - 1);
            unsigned idx = (vaddr >> shift) & 0x1ff;
            if (!read_pte(table + idx * 8, true, &pte)) {
                return false;
            }
            if ((level == 2 || level == 3) && (pte & 0x80)) {
                uint64_t page_mask = (1ull << shift) - 1;
                *paddr = (pte & addr_mask & ~page_mask) | (vaddr & page_mask);
                return true;
            }
            table = pte & addr_mask;
        }
        *paddr = table | (vaddr & 0xfff);
        return true;
    }
    if (env->cr4 & CR4_PAE) {
        uint64_t pdpt = (env->cr3 & 0xffffffe0) + ((vaddr >> 30) & 3) * 8;
        if (!read_pte(pdpt, true, &pte)) {
            return false;
        }
        uint64_t pd = pte & addr_mask;
        if (!read_pte(pd + ((vaddr >> 21) & 0x1ff) * 8, true, &pte)) {
            return false;
        }
        if (pte & 0x80) {
            *paddr = (pte & addr_mask & ~0x1fffffull) | (vaddr & 0x1fffff);
            return true;
        }
        if (!read_pte((pte & addr_mask) + ((vaddr >> 12) & 0x1ff) * 8, true, &pte)) {
            return false;
        }
        *paddr = (pte & addr_mask) | (vaddr & 0xfff);
        return true;
    }
    /* Legacy 2-level paging (4 MiB pages when CR4.PSE; assumed here). */
    vaddr &= 0xffffffffu;
    if (!read_pte((env->cr3 & 0xfffff000) + (vaddr >> 22) * 4, false, &pte)) {
        return false;
    }
    if (pte & 0x80) {
        *paddr = (pte & 0xffc00000) | (vaddr & 0x3fffff);
        return true;
    }
    if (!read_pte((pte & 0xfffff000) + ((vaddr >> 12) & 0x3ff) * 4, false, &pte)) {
        return false;
    }
    *paddr = (pte & 0xfffff000) | (vaddr & 0xfff);
    return true;
}

/* ---- the generic vCPU code's view of this target (accel/accel.h) ---- */

#include "accel/accel.h"

static void x86_vcpu_dump(VCPU *cpu, GString *out)
{
    x86_cpu_dump_state(cpu->env, out);
}

static bool x86_vcpu_virt_to_phys(VCPU *cpu, uint64_t vaddr, uint64_t *paddr)
{
    return x86_cpu_virt_to_phys(cpu->env, vaddr, paddr);
}

const VCPUTargetOps x86_64_target_ops = {
    .name = "x86_64",
    .dump_state = x86_vcpu_dump,
    .virt_to_phys = x86_vcpu_virt_to_phys,
};
