/*
 * Support for the tiny x86-64 test guests: port I/O, the 16550 at 0x3f8
 * (polled), the isa-debug-exit port and a few helpers.  Freestanding: no
 * libc, no SSE (-mgeneral-regs-only).
 */
#ifndef TESTS_GUEST_X86_64_GUEST_H
#define TESTS_GUEST_X86_64_GUEST_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long u64;

/* Exit statuses seen by the host: debug_exit(v) -> (v << 1) | 1. */
#define GUEST_PASS 0x10          /* exit status 33 */
#define GUEST_FAIL 0x11          /* exit status 35 */

static inline void outb(u16 port, u8 v) { __asm__ volatile("outb %0, %1" :: "a"(v), "Nd"(port)); }
static inline u8 inb(u16 port) { u8 v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline void outl(u16 port, u32 v) { __asm__ volatile("outl %0, %1" :: "a"(v), "Nd"(port)); }
static inline void mmio_write32(u64 addr, u32 v) { *(volatile u32 *)addr = v; }
static inline u32 mmio_read32(u64 addr) { return *(volatile u32 *)addr; }
static inline void cpu_relax(void) { __asm__ volatile("pause"); }

void guest_main(u64 cpu, u64 ncpus);
/* 1: every vCPU calls guest_main; 0 (libguest's weak default): only vCPU 0,
 * the others halt (so -smp N does not run a single-CPU test N times). */
extern const int guest_all_cpus;

/* Linux's zero page (struct boot_params) tern passed in RSI. */
extern u64 zero_page;
/* The kernel command line (-append), "" when none. */
const char *cmdline(void);
/* The value of NAME=NUMBER on the command line, or def. */
u64 cmdline_u64(const char *name, u64 def);
static inline u64 rdtsc(void)
{
    u32 lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((u64)hi << 32) | lo;
}

void serial_putc(char c);
void serial_puts(const char *s);
void serial_put_hex(u64 v);
void serial_put_dec(u64 v);
__attribute__((noreturn)) void debug_exit(u8 v);

#endif

/* ---- CPL 3 support (libguest.c, start.S) ---- */

/* Loads libguest's GDT on this vCPU, Linux's layout: 0x10 kernel code,
 * 0x18 kernel data, 0x23 user code32 (STAR base), 0x2b user data,
 * 0x33 user code64. */
void gdt_load(void);
/* STAR/LSTAR/SFMASK and EFER.SCE for syscall_entry on this vCPU. */
void syscall_setup(void);
/* Sets the U bit on the page-table entries covering 0..2 MiB (the image
 * and its stacks) and flushes this vCPU's TLB. */
void paging_allow_user_low(void);
/* iretq to fn(arg) at CPL 3 on stack_top; never returns (come back with
 * a syscall whose handler exits). */
__attribute__((noreturn)) void enter_user(void (*fn)(u64), u64 arg, u64 stack_top);
/* Defined by the test: called on `syscall` with RAX, RDI, RSI. */
u64 syscall_handler(u64 nr, u64 a1, u64 a2);
static inline u64 user_syscall(u64 nr, u64 a1, u64 a2)
{
    u64 ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a1), "S"(a2)
                     : "rcx", "r11", "rdx", "memory");
    return ret;
}

static inline u64 rdmsr(u32 msr)
{
    u32 lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((u64)hi << 32) | lo;
}
static inline void wrmsr(u32 msr, u64 v)
{
    __asm__ volatile("wrmsr" :: "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)));
}

/* ---- a minimal virtio-mmio (version 2) driver, polled (libguest.c) ---- */

#define VIRTIO_MMIO_BASE(i) (0xfeb00000ul + 0x200ul * (i))
#define VQ_SIZE 8

struct vring_desc { u64 addr; u32 len; u16 flags; u16 next; };
struct vring_avail { u16 flags; u16 idx; u16 ring[VQ_SIZE]; u16 used_event; };
struct vring_used_elem { u32 id; u32 len; };
struct vring_used { u16 flags; u16 idx; struct vring_used_elem ring[VQ_SIZE]; u16 avail_event; };

struct virtq {
    u64 base;                 /* the transport's MMIO window */
    unsigned index;           /* queue number */
    struct vring_desc desc[VQ_SIZE] __attribute__((aligned(16)));
    struct vring_avail avail __attribute__((aligned(2)));
    struct vring_used used __attribute__((aligned(4)));
    u16 last_used;
};

/* Finds the transport (slot) with device_id; 0 when absent.  Negotiates
 * VIRTIO_F_VERSION_1 plus `features` (low 32 bits); false on failure. */
u64 virtio_find(u32 device_id);
int virtio_init(u64 base, u32 features);
int virtq_setup(struct virtq *q, u64 base, unsigned index);
void virtio_driver_ok(u64 base);
/* Puts a chain of n buffers (addr, len, device-writable?) on the queue,
 * notifies and polls until the device returns it; returns the used len. */
u32 virtq_submit(struct virtq *q, unsigned n, const u64 *addr, const u32 *len,
                 const u8 *writable);
