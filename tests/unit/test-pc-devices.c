/*
 * The microvm machine's small devices and the run-state requests they
 * make, driven through the port I/O address space: isa-debug-exit (a write
 * of v ends the process with (v << 1) | 1, even with -no-shutdown), the
 * i8042 (self-test answers, command byte, 0xFE and the output port reset
 * the machine, -no-reboot turns that into an exit), and the run-state
 * rules behind them (reset hooks, HOST_ERROR status 1).
 */
#include <string.h>

#include <glib.h>

#include "exec/memory.h"
#include "hw/i386/pc-devices.h"
#include "hw/qdev.h"
#include "qemu/main-loop.h"
#include "sysemu/runstate.h"

static int resets;

static void count_reset(void *opaque)
{
    resets++;
}

static void setup(void)
{
    static bool done;
    if (done) {
        return;
    }
    done = true;
    memory_system_init();
    qemu_init_main_loop();
    qemu_register_reset(count_reset, NULL);

    DeviceState *kbd = device_new(i8042_class.name, NULL);
    g_assert_nonnull(kbd);
    g_assert_true(device_realize(kbd, NULL));
    memory_region_add_subregion(get_system_io(), 0x60, device_pio(kbd, 0));
    memory_region_add_subregion(get_system_io(), 0x64, device_pio(kbd, 1));

    DeviceState *dx = device_new(isa_debug_exit_class.name, NULL);
    g_assert_nonnull(dx);
    g_assert_true(device_set_prop(dx, "iobase", "0x501", NULL));
    g_assert_true(device_realize(dx, NULL));
    memory_region_add_subregion(get_system_io(), 0x501, device_pio(dx, 0));
}

static uint8_t inb(uint16_t port)
{
    uint8_t v = 0;
    g_assert_cmpint(address_space_read(&address_space_io, port, &v, 1), ==, MEMTX_OK);
    return v;
}

static void outb(uint16_t port, uint8_t v)
{
    g_assert_cmpint(address_space_write(&address_space_io, port, &v, 1), ==, MEMTX_OK);
}

static void test_i8042_registers(void)
{
    setup();
    g_assert_cmphex(inb(0x64) & 0x01, ==, 0);        /* output buffer empty */
    g_assert_cmphex(inb(0x64) & 0x04, ==, 0x04);     /* system flag */
    outb(0x64, 0xaa);                                /* self-test */
    g_assert_cmphex(inb(0x64) & 0x01, ==, 0x01);
    g_assert_cmphex(inb(0x60), ==, 0x55);
    g_assert_cmphex(inb(0x64) & 0x01, ==, 0);
    outb(0x64, 0xab);                                /* keyboard interface test */
    g_assert_cmphex(inb(0x60), ==, 0x00);
    outb(0x64, 0x60);                                /* write command byte */
    outb(0x60, 0x47);
    outb(0x64, 0x20);                                /* read it back */
    g_assert_cmphex(inb(0x60), ==, 0x47);
    g_assert_false(main_loop_should_exit());
}

static void test_i8042_reset(void)
{
    setup();
    int before = resets;
    outb(0x64, 0xfe);                                /* pulse the reset line */
    g_assert_false(main_loop_should_exit());
    g_assert_cmpint(resets, ==, before + 1);

    outb(0x64, 0xd1);                                /* output port, bit 0 = 0 */
    outb(0x60, 0xfe);
    g_assert_false(main_loop_should_exit());
    g_assert_cmpint(resets, ==, before + 2);
    outb(0x64, 0xd1);                                /* bit 0 = 1: no reset */
    outb(0x60, 0x01);
    g_assert_false(main_loop_should_exit());
    g_assert_cmpint(resets, ==, before + 2);

    no_reboot = true;                                /* -no-reboot */
    outb(0x64, 0xfe);
    g_assert_true(main_loop_should_exit());
    g_assert_cmpint(resets, ==, before + 2);
    g_assert_cmpint(qemu_exit_status(), ==, 0);
    no_reboot = false;
}

static void test_host_error_status(void)
{
    setup();
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_ERROR);
    g_assert_true(main_loop_should_exit());
    g_assert_cmpint(qemu_exit_status(), ==, 1);
}

static void test_debug_exit(void)
{
    setup();
    outb(0x501, 0x10);
    g_assert_true(main_loop_should_exit());
    g_assert_cmpint(qemu_exit_status(), ==, 0x21);

    /* -no-shutdown does not keep the process: the guest chose to exit. */
    no_shutdown = true;
    outb(0x501, 0x11);
    g_assert_true(main_loop_should_exit());
    g_assert_cmpint(qemu_exit_status(), ==, 0x23);
    no_shutdown = false;
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    /* The run state is process-wide: GTest runs these in path order. */
    g_test_add_func("/pc-devices/1-i8042-registers", test_i8042_registers);
    g_test_add_func("/pc-devices/2-i8042-reset", test_i8042_reset);
    g_test_add_func("/pc-devices/3-host-error-status", test_host_error_status);
    g_test_add_func("/pc-devices/4-debug-exit", test_debug_exit);
    return g_test_run();
}
