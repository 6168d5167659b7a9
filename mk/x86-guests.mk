# Tiny x86-64 test guests (tests/guest/x86_64/NAME.c -> NAME.elf), built
# with the host compiler as freestanding ELF64 images entered in long mode,
# and the runner that boots them under tern-system-x86_64 -accel kvm.
ifeq ($(HOST_ARCH),x86_64)
X86_GUEST_DIR    := tests/guest/x86_64
X86_GUEST_LIB    := $(X86_GUEST_DIR)/start.S $(X86_GUEST_DIR)/libguest.c
X86_GUEST_SRCS   := $(filter-out $(X86_GUEST_DIR)/libguest.c,$(sort $(wildcard $(X86_GUEST_DIR)/*.c)))
X86_GUEST_BINS   := $(patsubst $(X86_GUEST_DIR)/%.c,$(BUILD)/$(X86_GUEST_DIR)/%.elf,$(X86_GUEST_SRCS))
X86_GUEST_CFLAGS := -O2 -g -Wall -Wextra -Wno-unused-parameter -ffreestanding -nostdlib -static -fno-pie -no-pie \
                    -fno-stack-protector -fno-asynchronous-unwind-tables -mno-red-zone \
                    -mgeneral-regs-only -fcf-protection=none -Wl,--build-id=none \
                    -Wl,-z,max-page-size=4096 -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments -T $(X86_GUEST_DIR)/guest.ld

$(BUILD)/$(X86_GUEST_DIR)/%.elf: $(X86_GUEST_DIR)/%.c $(X86_GUEST_LIB) $(X86_GUEST_DIR)/guest.h \
                                 $(X86_GUEST_DIR)/guest.ld $(BUILD)/config.mak
	$(quiet) GUEST $@
	@mkdir -p $(@D)
	$(Q)$(CC) $(X86_GUEST_CFLAGS) -o $@ $(X86_GUEST_LIB) $<

EXTRA_ALL   += $(X86_GUEST_BINS)
EXTRA_TESTS += $(wildcard tests/system/run-x86-kvm.sh tests/system/run-x86-qmp.sh)
endif
