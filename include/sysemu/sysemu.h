/*
 * The system emulator's entry points (softmmu/vl.c): the command line,
 * machine creation, the main loop and teardown.  softmmu/main.c is only
 * main() calling qemu_main().
 */
#ifndef SYSEMU_SYSEMU_H
#define SYSEMU_SYSEMU_H

/* Returns the process exit status: the debug-exit value, 0 after a guest
 * poweroff or quit, 1 after an error. */
int qemu_main(int argc, char **argv);

#endif /* SYSEMU_SYSEMU_H */
