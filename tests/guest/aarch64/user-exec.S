/*
 * execve under tern: the program runs itself again through /proc/self/exe
 * with arguments (the child prints them and exits 7), then runs another
 * built guest program (./user-hello, the runner's current directory),
 * each in a forked child reaped with wait4 (pid, exit status, rusage).
 * Failing execve calls return the errno and the program goes on:
 * ENOENT for a missing file, EACCES for a directory and for a file
 * without execute permission.
 */
#include "user-lib.inc"

    .text
    .globl _start
_start:
    mov     x19, sp
    ldr     x20, [x19]              /* argc */
    add     x21, x19, #8            /* argv */
    add     x22, x21, x20, lsl #3
    add     x22, x22, #8            /* envp */
    cmp     x20, #1
    b.ne    as_child

    /* 1: fork, the child execs /proc/self/exe child 42 */
    SAY     "parent: start\n"
    bl      fork
    cbnz    x0, 1f
    adr     x0, self_path
    adr     x1, child_argv
    mov     x2, x22
    SYSCALL 221
    SAY     "child: execve failed\n"
    EXIT    99
1:  bl      reap

    /* 2: fork, the child execs ./user-hello */
    bl      fork
    cbnz    x0, 1f
    adr     x0, hello_path
    adr     x1, hello_argv
    mov     x2, x22
    SYSCALL 221
    SAY     "child: execve of user-hello failed\n"
    EXIT    99
1:  bl      reap

    /* 3: errors, in this process */
    SAY     "missing file: "
    adr     x0, missing_path
    adr     x1, child_argv
    mov     x2, x22
    SYSCALL 221
    bl      putret
    SAY     "directory: "
    adr     x0, dir_path
    adr     x1, child_argv
    mov     x2, x22
    SYSCALL 221
    bl      putret
    SAY     "not executable: "
    adr     x0, noexec_path
    adr     x1, child_argv
    mov     x2, x22
    SYSCALL 221
    bl      putret
    SAY     "wait4 without children: "
    mov     x0, #-1
    mov     x1, #0
    mov     x2, #0
    mov     x3, #0
    SYSCALL 260
    bl      putret
    SAY     "parent: done\n"
    EXIT    0

as_child:
    SAY     "child: argc="
    mov     x0, x20
    bl      putdec
    mov     x23, #1
1:  cmp     x23, x20
    b.hs    2f
    SAY     " "
    ldr     x0, [x21, x23, lsl #3]
    bl      puts
    add     x23, x23, #1
    b       1b
2:  NL
    EXIT    7

/* fork(): clone(SIGCHLD, 0, 0, 0, 0); returns the pid / 0 */
fork:
    mov     x0, #17
    mov     x1, #0
    mov     x2, #0
    mov     x3, #0
    mov     x4, #0
    SYSCALL 220
    ret

/* reap(x0 = pid): wait4(pid, &status, 0, &rusage), print what it says */
reap:
    stp     x29, x30, [sp, #-16]!
    mov     x24, x0
    adr     x1, status
    mov     x2, #0
    adr     x3, rusage
    SYSCALL 260
    cmp     x0, x24
    b.eq    1f
    SAY     "wait4: wrong pid\n"
    EXIT    1
1:  SAY     "wait4: exited="
    adr     x1, status
    ldr     w25, [x1]
    and     w0, w25, #0x7f
    cmp     w0, #0
    cset    x0, eq
    bl      putdec
    SAY     " status="
    ubfx    x0, x25, #8, #8
    bl      putdec
    SAY     " utime+stime>=0: "
    adr     x1, rusage
    ldr     x0, [x1]                /* ru_utime.tv_sec */
    lsr     x0, x0, #63
    eor     x0, x0, #1
    bl      putdec
    NL
    ldp     x29, x30, [sp], #16
    ret

/* putret(x0 = syscall result): "-errno\n" or the value */
putret:
    stp     x29, x30, [sp, #-16]!
    tbz     x0, #63, 1f
    mov     x19, x0
    SAY     "-"
    neg     x0, x19
1:  bl      putdec
    NL
    ldp     x29, x30, [sp], #16
    ret

    .data
    .balign 8
child_argv:     .quad argv0, arg1, arg2, 0
hello_argv:     .quad hello_path, 0
status:         .quad 0
rusage:         .skip 144
argv0:          .asciz "user-exec"
arg1:           .asciz "child"
arg2:           .asciz "42"
self_path:      .asciz "/proc/self/exe"
hello_path:     .asciz "./user-hello"
missing_path:   .asciz "/nonexistent/program"
dir_path:       .asciz "/"
noexec_path:    .asciz "/proc/self/status"
