/*
 * The small PC devices of the microvm machine: a minimal i8042 keyboard
 * controller (enough for Linux's reboot=k and its probe) and the debug-exit
 * port that lets a test guest choose the emulator's exit status.
 */
#ifndef HW_I386_PC_DEVICES_H
#define HW_I386_PC_DEVICES_H

#include "hw/qdev.h"

/*
 * "i8042": data port 0x60 and command/status port 0x64 (two PIO regions,
 * mapped by the machine).  Command 0xFE (pulse the reset line) requests a
 * guest reset; self-test (0xAA), interface test (0xAB), read/write of the
 * command byte (0x20/0x60), port disable/enable answer as a real
 * controller with no keyboard attached would.  No IRQs are raised.
 */
extern const DeviceClass i8042_class;

/*
 * "isa-debug-exit" (QEMU's device of the same name): a write of value v to
 * its port makes the process exit with status (v << 1) | 1, so a guest can
 * report pass/fail without a shutdown protocol (status 1 is the emulator's
 * own error status and cannot be produced).  Properties iobase (default
 * 0x501) and iosize (default 2); the machine maps device_pio(dev, 0) at
 * iobase.
 */
extern const DeviceClass isa_debug_exit_class;

#endif /* HW_I386_PC_DEVICES_H */
