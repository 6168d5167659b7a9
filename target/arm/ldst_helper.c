/*
 * Load/store helpers (declared in target/arm/helper-ldst.h): the guest's
 * read-modify-write atomics as host atomics on guest_base + addr
 * (blueprint 3.12).  STXR is a compare-and-swap from the value LDXR saw,
 * LSE's LD<op>/SWP/CAS map to __atomic builtins, 128-bit pairs
 * (STXP/CASP of X registers) to cmpxchg16b.
 *
 * User mode only (the translator passes tcg_ctx->guest_base): the soft
 * MMU will need its own probe-and-translate step here.
 *
 * Faults: a helper runs outside generated code, so a host SIGSEGV inside
 * it could not be mapped back to the guest instruction.  Every helper
 * therefore checks, before touching memory,
 *   - natural alignment: else EXCP_UNALIGNED (SIGBUS), the guest state
 *     restored from GETPC();
 *   - that the guest pages are mapped readable and writable
 *     (linux-user's page_check_range): else EXCP_DATA_ABORT with
 *     exception_vaddr = addr (SIGSEGV).
 * A concurrent munmap by another guest thread between the check and the
 * access is not covered.
 */
#include <stdbool.h>
#include <stdint.h>

#include "target/arm/cpu.h"
#include "exec/cpu-ldst.h"
#include "exec/exec-all.h"


#define HELPER_H "target/arm/helper.h"
#include "tcg/helper-proto.h.inc"
#undef HELPER_H

static inline CPUARMState *arm_env(CPUArchState *env)
{
    return (CPUARMState *)env;
}

/* Raise excp at the guest insn that called the helper from retaddr. */
static void __attribute__((noreturn))
raise_at(CPUArchState *env, int excp, uint64_t addr, uintptr_t retaddr)
{
    CPUState *cs = env_cpu(env);

    arm_env(env)->exception_vaddr = addr;
    cs->exception_index = excp;
    cpu_loop_exit_restore(cs, retaddr);
}

/* The host address of [addr, addr + len), checked (see above). */
static void *host_addr(CPUArchState *env, uint64_t addr, unsigned len,
                       uint64_t guest_base, uintptr_t retaddr)
{
    if (addr & (len - 1)) {
        raise_at(env, EXCP_UNALIGNED, addr, retaddr);
    }
    if (!page_check_range(addr, len, PAGE_READ | PAGE_WRITE)) {
        raise_at(env, EXCP_DATA_ABORT, addr, retaddr);
    }
    return (void *)(uintptr_t)(guest_base + addr);
}

/* Compare-and-swap of 1 << size bytes; returns the old value. */
static uint64_t cmpxchg(void *p, int size, uint64_t cmp, uint64_t val)
{
    switch (size) {
    case 0: {
        uint8_t c = (uint8_t)cmp;
        __atomic_compare_exchange_n((uint8_t *)p, &c, (uint8_t)val, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return c;
    }
    case 1: {
        uint16_t c = (uint16_t)cmp;
        __atomic_compare_exchange_n((uint16_t *)p, &c, (uint16_t)val, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return c;
    }
    case 2: {
        uint32_t c = (uint32_t)cmp;
        __atomic_compare_exchange_n((uint32_t *)p, &c, (uint32_t)val, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return c;
    }
    default: {
        uint64_t c = cmp;
        __atomic_compare_exchange_n((uint64_t *)p, &c, val, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return c;
    }
    }
}

static uint64_t size_mask(int size)
{
    return size == 3 ? ~0ull : (1ull << (8 << size)) - 1;
}

/*
 * 128-bit compare-and-swap: *lo and *hi hold the expected value and receive
 * the old one; true if the new value was stored.  p is 16-byte aligned.
 */
static bool cmpxchg128(void *p, uint64_t *lo, uint64_t *hi,
                       uint64_t new_lo, uint64_t new_hi)
{
#if defined(__x86_64__)
    bool ok;

    __asm__ __volatile__("lock cmpxchg16b %1"
                         : "=@ccz"(ok), "+m"(*(volatile __int128 *)p),
                           "+a"(*lo), "+d"(*hi)
                         : "b"(new_lo), "c"(new_hi)
                         : "memory");
    return ok;
#else
    unsigned __int128 c = (unsigned __int128)*hi << 64 | *lo;
    unsigned __int128 n = (unsigned __int128)new_hi << 64 | new_lo;
    bool ok = __atomic_compare_exchange_n((unsigned __int128 *)p, &c, n,
                                          false, __ATOMIC_SEQ_CST,
                                          __ATOMIC_SEQ_CST);
    *lo = (uint64_t)c;
    *hi = (uint64_t)(c >> 64);
    return ok;
#endif
}

static uint64_t xreg(CPUARMState *env, int r)
{
    return r == 31 ? 0 : env->xregs[r];
}

static void set_xreg(CPUARMState *env, int r, uint64_t v)
{
    if (r != 31) {
        env->xregs[r] = v;
    }
}

uint64_t helper_stxr(CPUArchState *env, uint64_t addr, uint64_t val,
                     uint64_t guest_base, uint32_t desc)
{
    CPUARMState *e = arm_env(env);
    int size = desc & 3;
    uint64_t seen = e->exclusive_val & size_mask(size);
    uint64_t ok = 0;
    void *p;

    /* Alignment and permissions are checked even when it fails. */
    p = host_addr(env, addr, 1u << size, guest_base, GETPC());
    if (addr == e->exclusive_addr) {
        ok = cmpxchg(p, size, seen, val & size_mask(size)) == seen;
    }
    e->exclusive_addr = -1;
    return !ok;
}

uint64_t helper_stxp(CPUArchState *env, uint64_t addr, uint64_t guest_base,
                     uint32_t desc)
{
    CPUARMState *e = arm_env(env);
    int size = desc & 3;
    uint64_t v1 = xreg(e, (desc >> 8) & 31), v2 = xreg(e, (desc >> 16) & 31);
    uint64_t ok = 0;
    void *p;

    p = host_addr(env, addr, 2u << size, guest_base, GETPC());
    if (addr == e->exclusive_addr) {
        if (size == 2) {
            /* A W pair: one 64-bit word; LDXP kept all of it in _val. */
            uint64_t seen = e->exclusive_val;

            ok = cmpxchg(p, 3, seen, (uint32_t)v1 | v2 << 32) == seen;
        } else {
            uint64_t lo = e->exclusive_val, hi = e->exclusive_high;

            ok = cmpxchg128(p, &lo, &hi, v1, v2);
        }
    }
    e->exclusive_addr = -1;
    return !ok;
}

uint64_t helper_cas(CPUArchState *env, uint64_t addr, uint64_t cmp,
                    uint64_t val, uint64_t guest_base, uint32_t desc)
{
    int size = desc & 3;
    void *p = host_addr(env, addr, 1u << size, guest_base, GETPC());

    return cmpxchg(p, size, cmp & size_mask(size), val & size_mask(size));
}

void helper_casp(CPUArchState *env, uint64_t addr, uint64_t guest_base,
                 uint32_t desc)
{
    CPUARMState *e = arm_env(env);
    int size = desc & 3;
    int rs = (desc >> 8) & 31, rt = (desc >> 16) & 31;
    void *p = host_addr(env, addr, 2u << size, guest_base, GETPC());

    if (size == 2) {
        uint64_t c = (uint32_t)xreg(e, rs) | xreg(e, rs + 1) << 32;
        uint64_t n = (uint32_t)xreg(e, rt) | xreg(e, rt + 1) << 32;
        uint64_t old = cmpxchg(p, 3, c, n);

        set_xreg(e, rs, (uint32_t)old);
        set_xreg(e, rs + 1, old >> 32);
    } else {
        uint64_t lo = xreg(e, rs), hi = xreg(e, rs + 1);

        cmpxchg128(p, &lo, &hi, xreg(e, rt), xreg(e, rt + 1));
        set_xreg(e, rs, lo);
        set_xreg(e, rs + 1, hi);
    }
}

enum { RMW_ADD, RMW_CLR, RMW_EOR, RMW_SET, RMW_SMAX, RMW_SMIN, RMW_UMAX,
       RMW_UMIN, RMW_SWP };

/*
 * One LSE operation on a T (ST: its signed twin).  ADD/CLR/EOR/SET/SWP
 * are single host instructions (lock xadd/and/xor/or, xchg; the old
 * value of and/or/xor comes from a cmpxchg loop the compiler builds);
 * the min/max forms are a compare-and-swap loop.
 */
#define DEF_RMW(NAME, T, ST)                                                 \
static uint64_t NAME(T *p, T v, int op)                                      \
{                                                                            \
    T old, nv;                                                               \
                                                                             \
    switch (op) {                                                            \
    case RMW_ADD:                                                            \
        return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);                   \
    case RMW_CLR:                                                            \
        return __atomic_fetch_and(p, (T)~v, __ATOMIC_SEQ_CST);               \
    case RMW_EOR:                                                            \
        return __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST);                   \
    case RMW_SET:                                                            \
        return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST);                    \
    case RMW_SWP:                                                            \
        return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);                  \
    }                                                                        \
    old = __atomic_load_n(p, __ATOMIC_RELAXED);                              \
    do {                                                                     \
        switch (op) {                                                        \
        case RMW_SMAX:                                                       \
            nv = (ST)old > (ST)v ? old : v;                                  \
            break;                                                           \
        case RMW_SMIN:                                                       \
            nv = (ST)old < (ST)v ? old : v;                                  \
            break;                                                           \
        case RMW_UMAX:                                                       \
            nv = old > v ? old : v;                                          \
            break;                                                           \
        default:                                                             \
            nv = old < v ? old : v;                                          \
            break;                                                           \
        }                                                                    \
    } while (!__atomic_compare_exchange_n(p, &old, nv, false,                \
                                          __ATOMIC_SEQ_CST,                  \
                                          __ATOMIC_SEQ_CST));                \
    return old;                                                              \
}

DEF_RMW(rmw8, uint8_t, int8_t)
DEF_RMW(rmw16, uint16_t, int16_t)
DEF_RMW(rmw32, uint32_t, int32_t)
DEF_RMW(rmw64, uint64_t, int64_t)

uint64_t helper_atomic_rmw(CPUArchState *env, uint64_t addr, uint64_t val,
                           uint64_t guest_base, uint32_t desc)
{
    int size = desc & 3, op = (desc >> 4) & 15;
    void *p = host_addr(env, addr, 1u << size, guest_base, GETPC());

    switch (size) {
    case 0:
        return rmw8(p, (uint8_t)val, op);
    case 1:
        return rmw16(p, (uint16_t)val, op);
    case 2:
        return rmw32(p, (uint32_t)val, op);
    default:
        return rmw64(p, val, op);
    }
}

void helper_unaligned(CPUArchState *env, uint64_t addr)
{
    raise_at(env, EXCP_UNALIGNED, addr, GETPC());
}
