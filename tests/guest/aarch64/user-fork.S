/*
 * fork() under tern: the child must be able to translate new code (the
 * translation lock is re-created in the child).  The parent reaps the
 * child with wait4 before printing, so the child prints first.
 */
    .text
    .globl _start
_start:
    mov     x8, #220            /* clone(SIGCHLD, 0, 0, 0, 0) = fork */
    mov     x0, #17
    mov     x1, #0
    mov     x2, #0
    mov     x3, #0
    mov     x4, #0
    svc     #0
    cbz     x0, child
    mov     x0, #-1             /* parent: wait4(-1, NULL, 0, NULL) */
    mov     x1, #0
    mov     x2, #0
    mov     x3, #0
    mov     x8, #260
    svc     #0
    adr     x1, msg_parent
    mov     x2, #7
    b       print_exit
child:
    bl      only_child_runs_this
    adr     x1, msg_child
    mov     x2, #6
print_exit:
    mov     x0, #1
    mov     x8, #64
    svc     #0
    mov     x0, #0
    mov     x8, #93
    svc     #0

    .balign 64
only_child_runs_this:           /* first executed (translated) in the child */
    add     x9, x9, #1
    ret

    .data
    .balign 8
msg_parent: .ascii "parent\n"
msg_child:  .ascii "child\n"
