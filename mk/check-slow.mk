# make check-slow: long system tests, not part of `make check`.  Boots
# Debian's amd64 cloud kernel with a busybox initramfs under
# tern-system-x86_64 -accel kvm (tests/system/boot-debian-kernel.sh; the
# report lands in $(BUILD)/amd64-kernel/boot-report.txt).  The kernel and
# busybox are fetched first (scripts/fetch-amd64-kernel.sh, cached).
# Variables: TERN_SLOW_TIMEOUT, TERN_SLOW_CPU, TERN_SLOW_SMP, TERN_SLOW_MEM,
# TERN_SLOW_APPEND (see the script).

.PHONY: check-slow fetch-amd64-kernel

fetch-amd64-kernel:
	@BUILD=$(BUILD) scripts/fetch-amd64-kernel.sh

check-slow: $(SYSTEM_BINS) fetch-amd64-kernel
	BUILD=$(BUILD) prove -v --exec bash tests/system/boot-debian-kernel.sh
