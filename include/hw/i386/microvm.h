/*
 * The "microvm" x86-64 machine (hw/i386/microvm.c): a PC without PCI,
 * ACPI or firmware, in the spirit of QEMU's microvm and Firecracker.
 *
 * Memory map:
 *   0 .. min(RAM, 3 GiB)        RAM (low memory layout: x86-boot.h)
 *   0xfeb00000 + 0x200 * i      virtio-mmio transport i (i < 8), GSI 16 + i
 *                               (IOAPIC pins, level triggered)
 *   0xfec00000                  IOAPIC (in-kernel, KVM)
 *   0xfee00000                  local APICs (in-kernel, KVM)
 *   4 GiB ..                    the RAM above 3 GiB
 * Ports:
 *   0x3f8 / IRQ 4, 0x2f8 / IRQ 3, 0x3e8 / IRQ 4, 0x2e8 / IRQ 3   16550A UARTs (-serial)
 *   0x60, 0x64                  i8042 (reset line only)
 *   0x501 (debug-exit-port=)    isa-debug-exit (debug-exit=on, the default;
 *                               -device isa-debug-exit,iobase=P replaces it)
 *   0x40-0x43, 0x20/0xa0        PIT and PICs (in-kernel, KVM)
 *
 * Boot (-kernel, required): a bzImage (Linux boot protocol) or an ELF64
 * image, both entered in 64-bit mode (x86-boot.h).  tern's boot
 * convention for ELF kernels: every vCPU starts at the entry point at the
 * same time, in long mode at CPL 0 with the identity page tables of the
 * first 4 GiB (2 MiB pages, present/writable, supervisor only: a guest
 * that drops to CPL 3 sets the U bit itself), CS = 0x10, other
 * segments 0x18, interrupts off, with
 *   RDI = the vCPU's index (0 .. N-1, equal to its APIC id)
 *   RSI = the zero page (0x7000)
 *   RDX = the number of vCPUs
 *   RSP = 0x8ff0 on vCPU 0 only (the others must set their own stack)
 * A bzImage gets Linux's convention instead: only vCPU 0 runs; the others
 * wait for INIT/SIPI from the kernel (in-kernel LAPIC).
 */
#ifndef HW_I386_MICROVM_H
#define HW_I386_MICROVM_H

#define MICROVM_VIRTIO_BASE     0xfeb00000ull
#define MICROVM_VIRTIO_STRIDE   0x200
#define MICROVM_VIRTIO_SLOTS    8
#define MICROVM_VIRTIO_GSI      16
#define MICROVM_LOW_RAM_MAX     0xc0000000ull      /* 3 GiB */
#define MICROVM_DEBUG_EXIT_PORT 0x501

#endif /* HW_I386_MICROVM_H */
