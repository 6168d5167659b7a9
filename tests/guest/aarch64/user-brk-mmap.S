/*
 * brk, mmap, munmap, mprotect, mremap as a C library uses them, and
 * -EFAULT for a syscall buffer the guest has not mapped.  Each line is
 * "what=result"; results are errno values or checks, never addresses.
 * Expected output from qemu-aarch64, except mmap_noreplace: qemu 7.2
 * takes MAP_FIXED_NOREPLACE as a mere hint and maps elsewhere, Linux
 * (since 4.17) and tern answer EEXIST (17).
 */
#include "user-lib.inc"

    .macro CHECK name
    SAY     "\name="
    .endm

    .text
    .globl _start
_start:
    /* brk(0) is the current break; grow it by 64 KiB and use it. */
    mov     x0, #0
    SYSCALL 214
    mov     x19, x0
    add     x0, x19, #0x10000
    SYSCALL 214
    add     x1, x19, #0x10000
    cmp     x0, x1
    CHECK   "brk_grow"
    bl      okbad
    /* Fresh break memory reads as zero; write its last byte. */
    add     x1, x19, #0x10000
    sub     x1, x1, #8
    ldr     x2, [x1]
    mov     x3, #0x55
    str     x3, [x1]
    cmp     x2, #0
    CHECK   "brk_zero"
    bl      okbad
    /* Shrink and grow again: the byte is gone. */
    mov     x0, x19
    SYSCALL 214
    add     x0, x19, #0x10000
    SYSCALL 214
    add     x1, x19, #0x10000
    sub     x1, x1, #8
    ldr     x2, [x1]
    cmp     x2, #0
    CHECK   "brk_regrow_zero"
    bl      okbad
    /* Below the start: refused, the break stays. */
    mov     x0, #0x1000
    SYSCALL 214
    add     x1, x19, #0x10000
    cmp     x0, x1
    CHECK   "brk_below"
    bl      okbad

    /* mmap 3 anonymous pages, fill them. */
    mov     x0, #0
    mov     x1, #0x3000
    mov     x2, #3                  /* PROT_READ|PROT_WRITE */
    mov     x3, #0x22               /* MAP_PRIVATE|MAP_ANONYMOUS */
    mov     x4, #-1
    mov     x5, #0
    SYSCALL 222
    mov     x20, x0
    tst     x20, #0xfff
    CHECK   "mmap_aligned"
    bl      okbad
    mov     x1, #0
1:  strb    w1, [x20, x1]
    add     x1, x1, #1
    cmp     x1, #0x3000
    b.ne    1b
    /* MAP_FIXED_NOREPLACE over it: EEXIST. */
    mov     x0, x20
    mov     x1, #0x1000
    mov     x2, #3
    mov     x3, #0x22
    orr     x3, x3, #0x100000
    mov     x4, #-1
    mov     x5, #0
    SYSCALL 222
    neg     x0, x0
    mov     x28, x0
    CHECK   "mmap_noreplace"
    mov     x0, x28
    bl      putdec
    NL
    /* munmap of an unaligned address: EINVAL. */
    add     x0, x20, #1
    mov     x1, #0x1000
    SYSCALL 215
    neg     x0, x0
    mov     x28, x0
    CHECK   "munmap_unaligned"
    mov     x0, x28
    bl      putdec
    NL
    /* write() from the mapping works; from an unmapped page: EFAULT. */
    mov     x0, #1
    add     x1, x20, #0x41
    mov     x2, #0
    SYSCALL 64
    mov     x28, x0
    CHECK   "write_len0"
    mov     x0, x28
    bl      putdec
    NL
    add     x0, x20, #0x1000
    mov     x1, #0x1000
    SYSCALL 215                     /* unmap the middle page */
    mov     x28, x0
    CHECK   "munmap_middle"
    mov     x0, x28
    bl      putdec
    NL
    mov     x0, #1
    add     x1, x20, #0xff0
    mov     x2, #0x20               /* crosses into the hole */
    SYSCALL 64
    neg     x0, x0
    mov     x28, x0
    CHECK   "write_efault"
    mov     x0, x28
    bl      putdec
    NL
    /* mprotect over the hole: ENOMEM; the third page alone: fine. */
    mov     x0, x20
    mov     x1, #0x3000
    mov     x2, #1
    SYSCALL 226
    neg     x0, x0
    mov     x28, x0
    CHECK   "mprotect_hole"
    mov     x0, x28
    bl      putdec
    NL
    add     x0, x20, #0x2000
    mov     x1, #0x1000
    mov     x2, #1                  /* read-only */
    SYSCALL 226
    mov     x28, x0
    CHECK   "mprotect_ro"
    mov     x0, x28
    bl      putdec
    NL
    /* read() into the read-only page: EFAULT, the page is unchanged. */
    mov     x0, #0
    add     x1, x20, #0x2000
    mov     x2, #1
    SYSCALL 63
    neg     x0, x0
    mov     x28, x0
    CHECK   "read_into_ro"
    mov     x0, x28
    bl      putdec
    NL
    add     x1, x20, #0x2000
    ldrb    w0, [x1, #5]
    mov     x28, x0
    CHECK   "ro_content"
    mov     x0, x28
    bl      putdec
    NL
    /* mremap the first page to 4 pages (may move): content kept. */
    mov     x0, x20
    mov     x1, #0x1000
    mov     x2, #0x4000
    mov     x3, #1                  /* MREMAP_MAYMOVE */
    SYSCALL 216
    mov     x21, x0
    tst     x21, #0xfff
    CHECK   "mremap_ok"
    bl      okbad
    ldrb    w0, [x21, #0x7b]
    mov     x28, x0
    CHECK   "mremap_content"
    mov     x0, x28
    bl      putdec
    NL
    add     x1, x21, #0x3000
    ldr     x0, [x1]                /* new pages are zero */
    cmp     x0, #0
    CHECK   "mremap_new_zero"
    bl      okbad
    /* Without MAYMOVE, growing into an occupied range fails. */
    mov     x0, #0
    mov     x1, #0x2000
    mov     x2, #3
    mov     x3, #0x22
    mov     x4, #-1
    mov     x5, #0
    SYSCALL 222
    mov     x22, x0
    mov     x0, #0
    mov     x1, #0x1000
    mov     x2, #3
    mov     x3, #0x22
    mov     x4, #-1
    mov     x5, #0
    SYSCALL 222                     /* whatever lies below or above */
    mov     x0, x22
    mov     x1, #0x1000
    SYSCALL 215                     /* free x22's first page */
    add     x0, x22, #0x1000
    mov     x1, #0x1000
    mov     x2, #0x100000
    mov     x3, #0
    SYSCALL 216
    neg     x0, x0
    mov     x28, x0
    CHECK   "mremap_nomove"
    mov     x0, x28
    bl      putdec
    NL
    /* Shrinking in place always works. */
    mov     x0, x21
    mov     x1, #0x4000
    mov     x2, #0x1000
    mov     x3, #0
    SYSCALL 216
    cmp     x0, x21
    CHECK   "mremap_shrink"
    bl      okbad
    EXIT    0

/* Print "ok" if the flags say EQ, else "bad"; then a newline. */
okbad:
    stp     x29, x30, [sp, #-16]!
    b.ne    1f
    SAY     "ok\n"
    b       2f
1:  SAY     "bad\n"
2:  ldp     x29, x30, [sp], #16
    ret
