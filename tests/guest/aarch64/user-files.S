/*
 * File syscalls whose arm64 form differs from the host's or that need
 * tern's own answer: openat with O_DIRECTORY (another value on arm64)
 * and F_GETFL reporting it back, fstat/newfstatat in the arm64 struct
 * stat layout (st_size at offset 48, st_mode at 16), readlinkat of
 * /proc/self/exe (the guest program, not tern), uname's machine,
 * getdents64, pipe2 + dup3, lseek/pread64, mkdirat/unlinkat, ioctl
 * TIOCGWINSZ on a non-terminal, an unknown syscall (ENOSYS).  Each line
 * is "what=result".  Expected output from qemu-aarch64.
 */
#include "user-lib.inc"

    .macro NUM name
    mov     x28, x0
    SAY     "\name="
    mov     x0, x28
    bl      putdec
    NL
    .endm
    .macro NEGNUM name
    neg     x0, x0
    NUM     \name
    .endm

    .text
    .globl _start
_start:
    /* openat(AT_FDCWD, ".", O_RDONLY|O_DIRECTORY) */
    mov     x0, #-100
    adr     x1, dot
    mov     x2, #040000             /* arm64 O_DIRECTORY */
    SYSCALL 56
    mov     x19, x0
    cmp     x19, #0
    cset    x0, ge
    NUM     "open_dir_ok"
    mov     x0, x19
    mov     x1, #3                  /* F_GETFL */
    SYSCALL 25
    and     x0, x0, #040000
    lsr     x0, x0, #14
    NUM     "getfl_o_directory"
    /* O_DIRECTORY on a regular file: ENOTDIR. */
    mov     x0, #-100
    adr     x1, self_name
    mov     x2, #040000
    SYSCALL 56
    NEGNUM  "open_file_as_dir"
    /* getdents64 on "." returns something, its first record names "." or "..". */
    mov     x0, x19
    adr     x1, buf
    mov     x2, #4096
    SYSCALL 61
    cmp     x0, #19
    cset    x0, gt
    NUM     "getdents_some"
    mov     x0, x19
    SYSCALL 57
    NUM     "close"
    /* fstat of our own program: S_IFREG, size as newfstatat says. */
    mov     x0, #-100
    adr     x1, self_name
    mov     x2, #0
    SYSCALL 56
    mov     x20, x0
    adr     x1, buf
    SYSCALL 80                      /* fstat */
    NUM     "fstat"
    adr     x1, buf
    ldr     w0, [x1, #16]           /* st_mode */
    lsr     x0, x0, #12
    NUM     "st_mode_type"          /* 8 = S_IFREG */
    adr     x1, buf
    ldr     x21, [x1, #48]          /* st_size */
    mov     x0, #-100
    adr     x1, self_name
    adr     x2, buf
    mov     x3, #0
    SYSCALL 79                      /* newfstatat */
    adr     x1, buf
    ldr     x0, [x1, #48]
    cmp     x0, x21
    cset    x0, eq
    NUM     "newfstatat_same_size"
    /* lseek to the end = st_size; pread64 of the ELF magic. */
    mov     x0, x20
    mov     x1, #0
    mov     x2, #2                  /* SEEK_END */
    SYSCALL 62
    cmp     x0, x21
    cset    x0, eq
    NUM     "lseek_end"
    mov     x0, x20
    adr     x1, buf
    mov     x2, #4
    mov     x3, #0
    SYSCALL 67
    adr     x1, buf
    ldr     w0, [x1]
    movz    w1, #0x457f
    movk    w1, #0x464c, lsl #16
    cmp     w0, w1
    cset    x0, eq
    NUM     "pread_elf_magic"
    mov     x0, x20
    SYSCALL 57
    /* readlinkat(/proc/self/exe) ends in "/user-files". */
    mov     x0, #-100
    adr     x1, proc_exe
    adr     x2, buf
    mov     x3, #4096
    SYSCALL 78
    adr     x1, buf
    add     x1, x1, x0
    sub     x1, x1, #11
    adr     x0, slash_name
    mov     x2, #11
    bl      memeq
    NUM     "proc_self_exe"
    /* uname: machine is the 5th 65-byte field. */
    adr     x0, buf
    SYSCALL 160
    adr     x0, buf
    add     x0, x0, #(65 * 4)
    bl      puts
    NL
    /* pipe2, dup3, write through one end, read from the other. */
    adr     x0, buf
    mov     x1, #0
    SYSCALL 59
    NUM     "pipe2"
    adr     x1, buf
    ldp     w22, w23, [x1]
    mov     x0, x23
    mov     x1, #30
    mov     x2, #0
    SYSCALL 24                      /* dup3(wr, 30, 0) */
    NUM     "dup3"
    mov     x0, #30
    adr     x1, two
    mov     x2, #2
    SYSCALL 64
    mov     x0, x22
    adr     x1, buf
    mov     x2, #16
    SYSCALL 63
    NUM     "pipe_read"
    /* mkdirat + unlinkat(AT_REMOVEDIR) in the current directory. */
    mov     x0, #-100
    adr     x1, tmpdir
    mov     x2, #0700
    SYSCALL 34
    NUM     "mkdirat"
    mov     x0, #-100
    adr     x1, tmpdir
    mov     x2, #0x200              /* AT_REMOVEDIR */
    SYSCALL 35
    NUM     "unlinkat"
    /* TIOCGWINSZ on a pipe: ENOTTY. */
    mov     x0, x22
    mov     x1, #0x5413
    adr     x2, buf
    SYSCALL 29
    NEGNUM  "ioctl_winsz_pipe"
    /* A syscall number nobody has. */
    mov     x8, #1000
    svc     #0
    NEGNUM  "unknown_syscall"
    EXIT    0

/* memeq(x0, x1, x2): 1 if the x2 bytes are equal. */
memeq:
    cbz     x2, 2f
    ldrb    w3, [x0], #1
    ldrb    w4, [x1], #1
    cmp     w3, w4
    b.ne    1f
    sub     x2, x2, #1
    b       memeq
1:  mov     x0, #0
    ret
2:  mov     x0, #1
    ret

    .section .rodata
dot:        .asciz "."
two:        .ascii "ok"
self_name:  .asciz "./user-files"
slash_name: .asciz "/user-files"
proc_exe:   .asciz "/proc/self/exe"
tmpdir:     .asciz "user-files.tmpdir"

    .bss
    .balign 16
buf:        .zero 4096
