/*
 * Two threads (clone with CLONE_VM|CLONE_THREAD) racing on shared
 * counters, 1000000 increments each: with LDXR/STXR, with LDADD (LSE)
 * and with a CAS loop.  Every counter must reach exactly 2000000
 * (0x1e8480): exclusives and atomics are atomic across host threads
 * (blueprint 3.12).  The main thread waits for the other's LDAR/STLR
 * "done" flag; it starts its own work once the child has started.
 */
#include "ldst-common.inc"

    .arch   armv8.1-a

    .equ    N, 1000000
    /* CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM */
    .equ    CLONE_FLAGS, 0x00000100 | 0x00000200 | 0x00000400 | 0x00000800 | 0x00010000 | 0x00040000

    .text
    .globl _start
_start:
    adr     x19, counters
    mov     x0, #(CLONE_FLAGS & 0xffff)
    movk    x0, #(CLONE_FLAGS >> 16), lsl #16
    adr     x1, stack_top
    mov     x2, #0
    mov     x3, #0
    mov     x4, #0
    mov     x8, #220                /* clone */
    svc     #0
    cbz     x0, child
    tbnz    x0, #63, fail

    add     x20, x19, #28
0:  ldar    w9, [x20]               /* wait until the child runs */
    cbz     w9, 0b
    bl      work
    add     x20, x19, #24
1:  ldar    w9, [x20]
    cbnz    w9, 2f
    mov     x8, #124                /* sched_yield */
    svc     #0
    b       1b
2:  ldr     x9, [x19]
    P       x9
    ldr     x9, [x19, #8]
    P       x9
    ldr     x9, [x19, #16]
    P       x9
    EXIT0

child:
    adr     x19, counters
    mov     w9, #1
    add     x10, x19, #28
    stlr    w9, [x10]
    bl      work
    mov     w9, #1
    add     x10, x19, #24
    stlr    w9, [x10]
    mov     x0, #0
    mov     x8, #93                 /* exit (this thread) */
    svc     #0

fail:
    mov     x0, #1
    mov     x8, #93
    svc     #0

/* N increments of each counter; x19 = counters. */
work:
    mov     x12, #(N & 0xffff)
    movk    x12, #(N >> 16), lsl #16
    add     x13, x19, #8
    add     x14, x19, #16
    mov     x15, #1
1:  ldxr    x9, [x19]
    add     x9, x9, #1
    stxr    w10, x9, [x19]
    cbnz    w10, 1b
    ldadd   x15, xzr, [x13]
    ldr     x9, [x14]
2:  add     x10, x9, #1
    mov     x11, x9
    casal   x9, x10, [x14]
    cmp     x9, x11
    b.ne    2b
    subs    x12, x12, #1
    b.ne    1b
    ret

    .data
    .balign 16
counters:
    .quad   0, 0, 0, 0

    .bss
    .balign 16
stack:
    .zero   4096
stack_top:
