# tern top-level Makefile (GNU make).
#
#   ./configure && make          build everything into build/
#   make check                   build and run the unit tests (TAP via prove)
#   make bench                   build and run the benchmarks
#   make install                 copy build/tern-* to $(DESTDIR)$(prefix)/bin
#   make BUILD=build-san check   use another configured build directory
#   make V=1                     show the full compiler command lines
#
# Sources are found by wildcard: drop a .c file into one of the directories
# below and it is built.  Run make from the top of the source tree.

BUILD ?= build

# Goals that must work without a configured build directory.
NOCONFIG_GOALS := clean distclean help fetch-debs
ifneq ($(filter-out $(NOCONFIG_GOALS),$(or $(MAKECMDGOALS),all)),)
ifeq ($(wildcard $(BUILD)/config.mak),)
$(error $(BUILD)/config.mak not found: run ./configure first$(if $(filter-out build,$(BUILD)), (with --builddir=$(BUILD))))
endif
endif
-include $(BUILD)/config.mak

ifeq ($(V),1)
Q :=
quiet = @:
else
Q := @
quiet = @printf '  %-6s %s\n'
endif

# ------------------------------------------------------------------
# What to build

LIB_DIRS := tcg tcg/tci accel/tcg util target/arm linux-user
ifeq ($(CONFIG_JIT_X86_64),y)
LIB_DIRS += tcg/x86_64
endif

# System mode (tern-system-*): the machine, devices, memory API, event
# loop, chardevs, block, monitor and the KVM accelerator, built into a
# second archive.
SYS_DIRS := softmmu hw/core hw/char hw/block hw/virtio hw/net hw/misc \
            hw/i386 chardev block net monitor accel target/i386
ifeq ($(CONFIG_KVM),y)
SYS_DIRS += accel/kvm
endif

# Programs with their own main(), outside the library.
MAIN_SRCS    := linux-user/main.c softmmu/main.c
LIB_SRCS     := $(filter-out $(MAIN_SRCS),$(sort $(foreach d,$(LIB_DIRS),$(wildcard $(d)/*.c))))
TEST_SRCS    := $(sort $(wildcard tests/unit/test-*.c))
SUPPORT_SRCS := $(sort $(wildcard tests/unit/support/*.c))
TOOL_SRCS    := $(sort $(wildcard tools/*.c))
BENCH_SRCS   := $(sort $(wildcard tests/bench/*.c))

obj = $(patsubst %.c,$(BUILD)/%.o,$(1))

LIB_OBJS     := $(call obj,$(LIB_SRCS))
SYS_SRCS     := $(filter-out $(MAIN_SRCS),$(sort $(foreach d,$(SYS_DIRS),$(wildcard $(d)/*.c))))
SYS_OBJS     := $(call obj,$(SYS_SRCS))
SYS_LIB      := $(if $(SYS_SRCS),$(BUILD)/libtern-system.a)
SUPPORT_OBJS := $(call obj,$(SUPPORT_SRCS))
LIB          := $(BUILD)/libtern.a
TEST_BINS    := $(patsubst %.c,$(BUILD)/%,$(TEST_SRCS))
TOOL_BINS    := $(patsubst tools/%.c,$(BUILD)/%,$(TOOL_SRCS))
BENCH_BINS   := $(patsubst %.c,$(BUILD)/%,$(BENCH_SRCS))
ALL_OBJS     := $(LIB_OBJS) $(SYS_OBJS) $(SUPPORT_OBJS) $(call obj,$(TEST_SRCS) $(TOOL_SRCS) $(BENCH_SRCS) $(wildcard $(MAIN_SRCS)))

# The emulators.
USER_BINS    := $(if $(wildcard linux-user/main.c),$(BUILD)/tern-aarch64)
SYSTEM_BINS  := $(if $(wildcard softmmu/main.c),$(BUILD)/tern-system-x86_64)

# Fragments in mk/*.mk add their own build rules (e.g. the tiny x86-64
# guests) and append to EXTRA_ALL (built by `make`) and EXTRA_TESTS
# (scripts prove runs in `make check`).
EXTRA_ALL   :=
EXTRA_TESTS :=
-include $(sort $(wildcard mk/*.mk))

# Guest test programs (AArch64, built with the cross compiler when
# configure found one): tests/guest/aarch64/NAME.S or NAME.c becomes
# $(BUILD)/tests/guest/aarch64/NAME; tests/guest/run-aarch64.sh runs them.
GUEST_SRCS   := $(sort $(wildcard tests/guest/aarch64/*.S tests/guest/aarch64/*.c))
GUEST_BINS   := $(if $(CROSS_CC_AARCH64),$(patsubst tests/%,$(BUILD)/tests/%,$(basename $(GUEST_SRCS))))
GUEST_TESTS  := $(wildcard tests/guest/run-aarch64.sh)

# Differential ISA tests: tests/isa/gen.py writes one program per class
# that has recorded expectations in tests/isa/data/CLASS.xz.
ISA_CLASSES  := $(basename $(notdir $(wildcard tests/isa/data/*.xz)))
ISA_BINS     := $(if $(CROSS_CC_AARCH64),$(patsubst %,$(BUILD)/tests/isa/%,$(ISA_CLASSES)))
ISA_TESTS    := $(wildcard tests/isa/run-isa.sh)

# Debian's arm64 programs under tern-aarch64, against the same programs
# run natively; scripts/fetch-arm64-debs.sh (cached) fetches them first.
DEBIAN_TESTS := $(wildcard tests/debian/run-arm64.sh)

ALL_CFLAGS = $(CFLAGS) -MMD -MP -Iinclude -I$(BUILD) -I. $(DEP_CFLAGS)

# ------------------------------------------------------------------
# Rules

.PHONY: all check bench install clean distclean help fetch-debs
.DEFAULT_GOAL := all

all: $(LIB) $(SYS_LIB) $(TOOL_BINS) $(USER_BINS) $(SYSTEM_BINS) $(TEST_BINS) $(BENCH_BINS) $(GUEST_BINS) $(ISA_BINS) $(EXTRA_ALL)

# Every object depends on config.mak so that re-configuring (other flags,
# other compiler) rebuilds everything.  config-host.h is tracked by -MMD.
$(BUILD)/%.o: %.c $(BUILD)/config.mak
	$(quiet) CC $<
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Recreated from scratch so objects of deleted sources do not linger.
$(LIB): $(LIB_OBJS)
	$(quiet) AR $@
	@mkdir -p $(@D)
	@rm -f $@
	$(Q)$(AR) rcs $@ $^

$(SYS_LIB): $(SYS_OBJS)
	$(quiet) AR $@
	@mkdir -p $(@D)
	@rm -f $@
	$(Q)$(AR) rcs $@ $^

# Tools, tests and benchmarks link the archives the usual way (only the
# objects they use).  A unit test of a device references its DeviceClass
# (e.g. serial_class), which pulls in the device's object and its
# type_init constructor.
link = $(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(SYS_LIB) $(LIB) $(LIBS)

$(TEST_BINS): $(BUILD)/tests/unit/%: $(BUILD)/tests/unit/%.o $(SUPPORT_OBJS) $(LIB) $(SYS_LIB)
	$(quiet) LINK $@
	$(Q)$(link)

$(TOOL_BINS): $(BUILD)/%: $(BUILD)/tools/%.o $(LIB)
	$(quiet) LINK $@
	$(Q)$(link)

$(BENCH_BINS): $(BUILD)/tests/bench/%: $(BUILD)/tests/bench/%.o $(LIB)
	$(quiet) LINK $@
	$(Q)$(link)

$(BUILD)/tern-aarch64: $(BUILD)/linux-user/main.o $(LIB)
	$(quiet) LINK $@
	$(Q)$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(LIB) $(LIBS)

# The system emulator takes every object of the system archive: devices
# and machines register themselves from constructors, nothing names them.
comma := ,
$(BUILD)/tern-system-x86_64: $(BUILD)/softmmu/main.o $(LIB) $(SYS_LIB)
	$(quiet) LINK $@
	$(Q)$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) \
	    -Wl$(comma)--whole-archive $(SYS_LIB) -Wl$(comma)--no-whole-archive $(LIB) $(LIBS)

GUEST_CFLAGS = -static -O2 -g -Wall
$(BUILD)/tests/guest/aarch64/%: tests/guest/aarch64/%.S $(BUILD)/config.mak
	$(quiet) CROSS $<
	@mkdir -p $(@D)
	$(Q)$(CROSS_CC_AARCH64) $(GUEST_CFLAGS) -nostdlib -o $@ $<

$(BUILD)/tests/guest/aarch64/%: tests/guest/aarch64/%.c $(BUILD)/config.mak
	$(quiet) CROSS $<
	@mkdir -p $(@D)
	$(Q)$(CROSS_CC_AARCH64) $(GUEST_CFLAGS) -o $@ $<

$(BUILD)/tests/isa/%.S: tests/isa/gen.py
	$(quiet) GEN $@
	@mkdir -p $(@D)
	$(Q)python3 tests/isa/gen.py $* $@

$(BUILD)/tests/isa/%: $(BUILD)/tests/isa/%.S $(BUILD)/config.mak
	$(quiet) CROSS $<
	$(Q)$(CROSS_CC_AARCH64) -static -nostdlib -o $@ $<

.SECONDARY: $(patsubst %,%.S,$(ISA_BINS))

# Unit tests are GTest programs; prove runs each through scripts/tap-run
# (which passes --tap) and prints the summary.  Extra prove options:
# make check PROVE_FLAGS=-j4
PROVE_FLAGS ?=
check: all $(if $(DEBIAN_TESTS),fetch-debs)
ifeq ($(TEST_BINS),)
	@echo "No unit tests (tests/unit/test-*.c) yet."
else
	BUILD=$(BUILD) prove $(PROVE_FLAGS) --exec scripts/tap-run $(TEST_BINS) $(GUEST_TESTS) $(ISA_TESTS) $(DEBIAN_TESTS) $(EXTRA_TESTS)
endif

# Downloads and unpacks into build/debs and build/sysroot-arm64 (whatever
# BUILD is); a warm run takes a fraction of a second and needs no network.
# A failure does not stop `make check`: tests/debian/run-arm64.sh reports
# it as failed tests with the script's reason.
fetch-debs:
	@scripts/fetch-arm64-debs.sh || \
	    echo "fetch-debs: failed; the Debian tests will fail with the reason above"

bench: all
	@if [ -x tests/bench/run.sh ]; then \
	    BUILD=$(BUILD) tests/bench/run.sh; \
	elif [ -f tests/bench/run.sh ]; then \
	    BUILD=$(BUILD) sh tests/bench/run.sh; \
	else \
	    echo "tests/bench/run.sh does not exist yet; benchmarks built in $(BUILD)/tests/bench/"; \
	fi

INSTALL_BINS = $(filter $(BUILD)/tern-%,$(TOOL_BINS)) $(USER_BINS) $(SYSTEM_BINS)
install: all
	install -d "$(DESTDIR)$(prefix)/bin"
ifneq ($(strip $(INSTALL_BINS)),)
	install -m 0755 $(INSTALL_BINS) "$(DESTDIR)$(prefix)/bin/"
endif

# clean keeps the configuration; distclean removes the build directory.
clean:
	@if [ -d "$(BUILD)" ]; then find "$(BUILD)" -name '*.[od]' -type f -delete; fi
	rm -f $(LIB) $(SYS_LIB) $(TOOL_BINS) $(USER_BINS) $(SYSTEM_BINS) $(TEST_BINS) $(BENCH_BINS) $(GUEST_BINS) $(ISA_BINS) $(patsubst %,%.S,$(ISA_BINS))

distclean:
	rm -rf $(BUILD)

help:
	@echo "Targets: all (default), check, bench, install, clean, distclean, help"
	@echo "Variables: BUILD=dir (default build), V=1, DESTDIR=, PROVE_FLAGS="

-include $(ALL_OBJS:.o=.d)
