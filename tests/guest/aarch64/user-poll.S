/*
 * ppoll on a pipe: nothing to read (timeout 0 and 20 ms: 0 ready), one
 * byte written (POLLIN), the write end closed (POLLIN|POLLHUP, then
 * POLLHUP once drained), the write end polled for POLLOUT, a bad pollfd
 * address (EFAULT), an fd that is not open (POLLNVAL), and ppoll with a
 * signal mask (8 bytes, accepted; 4 bytes: EINVAL).
 */
#include "user-lib.inc"

    .macro PPOLL nfds, ts, mask
    adr     x0, pfd
    mov     x1, #\nfds
    adr     x2, \ts
    mov     x3, #\mask
    mov     x4, #8
    SYSCALL 73
    .endm

    .text
    .globl _start
_start:
    adr     x0, fds
    mov     x1, #0
    SYSCALL 59                      /* pipe2 */
    bl      putret
    adr     x0, fds
    ldr     w19, [x0]               /* read end */
    ldr     w20, [x0, #4]           /* write end */

    SAY     "empty, timeout 0: "
    bl      setpfd_read
    PPOLL   1, ts0, 0
    bl      putpoll
    SAY     "empty, timeout 20ms: "
    bl      setpfd_read
    PPOLL   1, ts20, 0
    bl      putpoll

    mov     x0, x20
    adr     x1, byte
    mov     x2, #1
    SYSCALL 64
    SAY     "one byte: "
    bl      setpfd_read
    PPOLL   1, ts0, 0
    bl      putpoll

    SAY     "write end, POLLOUT: "
    adr     x0, pfd
    str     w20, [x0]
    mov     w1, #4                  /* POLLOUT */
    strh    w1, [x0, #4]
    strh    wzr, [x0, #6]
    PPOLL   1, ts0, 0
    bl      putpoll

    mov     x0, x20
    SYSCALL 57                      /* close the write end */
    SAY     "writer closed: "
    bl      setpfd_read
    PPOLL   1, ts0, 0
    bl      putpoll
    mov     x0, x19
    adr     x1, buf
    mov     x2, #16
    SYSCALL 63
    mov     x21, x0
    SAY     "read "
    mov     x0, x21
    bl      putret
    SAY     "drained: "
    bl      setpfd_read
    PPOLL   1, ts0, 0
    bl      putpoll

    SAY     "fd not open: "
    adr     x0, pfd
    mov     w1, #77
    str     w1, [x0]
    mov     w1, #1
    strh    w1, [x0, #4]
    strh    wzr, [x0, #6]
    PPOLL   1, ts0, 0
    bl      putpoll

    SAY     "with a mask: "
    bl      setpfd_read
    adr     x0, pfd
    mov     x1, #1
    adr     x2, ts0
    adr     x3, mask
    mov     x4, #8
    SYSCALL 73
    bl      putret
    SAY     "mask size 4: "
    adr     x0, pfd
    mov     x1, #1
    adr     x2, ts0
    adr     x3, mask
    mov     x4, #4
    SYSCALL 73
    bl      putret
    SAY     "bad address: "
    mov     x0, #0x1000
    mov     x1, #1
    adr     x2, ts0
    mov     x3, #0
    mov     x4, #8
    SYSCALL 73
    bl      putret
    EXIT    0

/* pfd = { read end, POLLIN, 0 } */
setpfd_read:
    adr     x0, pfd
    str     w19, [x0]
    mov     w1, #1
    strh    w1, [x0, #4]
    strh    wzr, [x0, #6]
    ret

/* putpoll(x0 = ppoll result): "result revents=0x.." */
putpoll:
    stp     x29, x30, [sp, #-16]!
    bl      putret_nonl
    SAY     " revents="
    adr     x0, pfd
    ldrh    w0, [x0, #6]
    bl      puthex
    NL
    ldp     x29, x30, [sp], #16
    ret

putret:
    stp     x29, x30, [sp, #-16]!
    bl      putret_nonl
    NL
    ldp     x29, x30, [sp], #16
    ret

putret_nonl:
    stp     x29, x30, [sp, #-16]!
    tbz     x0, #63, 1f
    str     x0, [sp, #-16]!
    SAY     "-"
    ldr     x0, [sp], #16
    neg     x0, x0
1:  bl      putdec
    ldp     x29, x30, [sp], #16
    ret

    .data
    .balign 8
fds:    .word 0, 0
pfd:    .word 0
        .hword 0, 0
ts0:    .quad 0, 0
ts20:   .quad 0, 20000000
mask:   .quad 0x4000            /* SIGTERM blocked while waiting */
byte:   .ascii "x"
buf:    .skip 16
