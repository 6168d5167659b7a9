/*
 * The initial stack as the kernel (and tern's loader) builds it: SP
 * 16-byte aligned, argc, argv[] (NULL-terminated), envp[] (the runner
 * passes a fixed environment), and the auxv entries whose values are
 * deterministic for a static non-PIE program.  Values that differ per
 * run or per machine (uids, AT_RANDOM's bytes, HWCAP beyond FP/ASIMD)
 * are only checked for presence.  Expected output from qemu-aarch64,
 * except the order of envp: qemu 7.2 passes the environment reversed,
 * the kernel (and tern) in the order the parent gave it.
 */
#include "user-lib.inc"

    .text
    .globl _start
_start:
    mov     x19, sp
    SAY     "sp%16="
    and     x0, x19, #15
    bl      putdec
    NL
    ldr     x20, [x19]              /* argc */
    SAY     "argc="
    mov     x0, x20
    bl      putdec
    NL
    add     x21, x19, #8            /* argv */
    mov     x22, #0
1:  cmp     x22, x20
    b.hs    2f
    SAY     "argv["
    mov     x0, x22
    bl      putdec
    SAY     "]=\""
    ldr     x0, [x21, x22, lsl #3]
    bl      puts
    SAY     "\"\n"
    add     x22, x22, #1
    b       1b
2:  SAY     "argv[argc]="
    ldr     x0, [x21, x20, lsl #3]
    bl      puthex
    NL
    add     x23, x21, x20, lsl #3
    add     x23, x23, #8            /* envp */
3:  ldr     x24, [x23], #8
    cbz     x24, 4f
    SAY     "env="
    mov     x0, x24
    bl      puts
    NL
    b       3b
4:  /* x23 = auxv.  Look up each key of the table in order. */
    adr     x25, keys
5:  ldp     x26, x27, [x25], #16    /* key, kind */
    cbz     x26, 15f
    ldr     x0, [x25], #8           /* name */
    bl      puts
    SAY     "="
    mov     x9, x23
6:  ldp     x10, x11, [x9], #16
    cbz     x10, 13f                /* AT_NULL: missing */
    cmp     x10, x26
    b.ne    6b
    mov     x0, x11
    cmp     x27, #1
    b.eq    10f
    cmp     x27, #2
    b.eq    11f
    cmp     x27, #3
    b.eq    12f
    bl      puthex                  /* kind 0: the value */
    b       14f
10: bl      puts                    /* kind 1: a string */
    b       14f
11: SAY     "present"               /* kind 2: any value */
    b       14f
12: and     x0, x0, #3              /* kind 3: HWCAP FP|ASIMD */
    bl      puthex
    b       14f
13: SAY     "missing"
14: NL
    b       5b
15: EXIT    0

    .section .rodata
    .balign 8
keys:
    .quad   3, 0, n_phdr
    .quad   4, 0, n_phent
    .quad   5, 0, n_phnum
    .quad   6, 0, n_pagesz
    .quad   7, 0, n_base
    .quad   8, 0, n_flags
    .quad   9, 0, n_entry
    .quad   11, 2, n_uid
    .quad   12, 2, n_euid
    .quad   13, 2, n_gid
    .quad   14, 2, n_egid
    .quad   15, 1, n_platform
    .quad   16, 3, n_hwcap
    .quad   17, 0, n_clktck
    .quad   23, 0, n_secure
    .quad   25, 2, n_random
    .quad   26, 2, n_hwcap2
    .quad   31, 1, n_execfn
    .quad   0, 0, 0
n_phdr:     .asciz "AT_PHDR"
n_phent:    .asciz "AT_PHENT"
n_phnum:    .asciz "AT_PHNUM"
n_pagesz:   .asciz "AT_PAGESZ"
n_base:     .asciz "AT_BASE"
n_flags:    .asciz "AT_FLAGS"
n_entry:    .asciz "AT_ENTRY"
n_uid:      .asciz "AT_UID"
n_euid:     .asciz "AT_EUID"
n_gid:      .asciz "AT_GID"
n_egid:     .asciz "AT_EGID"
n_platform: .asciz "AT_PLATFORM"
n_hwcap:    .asciz "AT_HWCAP&3"
n_clktck:   .asciz "AT_CLKTCK"
n_secure:   .asciz "AT_SECURE"
n_random:   .asciz "AT_RANDOM"
n_hwcap2:   .asciz "AT_HWCAP2"
n_execfn:   .asciz "AT_EXECFN"
