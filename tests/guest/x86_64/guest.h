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

void serial_putc(char c);
void serial_puts(const char *s);
void serial_put_hex(u64 v);
void serial_put_dec(u64 v);
__attribute__((noreturn)) void debug_exit(u8 v);

#endif
