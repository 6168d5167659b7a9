/*
 * tern-system-x86_64: main() of the system emulator; everything happens
 * in qemu_main() (softmmu/vl.c).
 */
#include "sysemu/sysemu.h"

int main(int argc, char **argv)
{
    return qemu_main(argc, argv);
}
