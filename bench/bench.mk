# `make bench`: ferry-arm vs qemu-arm vs native (bench/bench.pl).
# Not part of `make check`. Needs the sysroot (Debian armhf packages) for
# the package workloads; FERRY=path overrides the ferry-arm under test.
BENCH_DIR := $(B)/bench
BENCH_KERNELS := $(wildcard bench/kernels/*.c)
BENCH_NAMES := $(BENCH_KERNELS:bench/kernels/%.c=%)
BENCH_BINS := $(foreach n,$(BENCH_NAMES),$(BENCH_DIR)/$(n).arm $(BENCH_DIR)/$(n).native) \
              $(BENCH_DIR)/hello.arm $(BENCH_DIR)/hello.native $(BENCH_DIR)/startup
# As Debian builds armhf: Thumb-2, -O2.
BENCH_ARM_FLAGS := -O2 -mthumb -static
BENCH_CFLAGS := -std=gnu11 -Wall -Wextra -Werror

$(BENCH_DIR)/%.arm: bench/kernels/%.c bench/kernels/bench.h
	@mkdir -p $(@D)
	@echo "  ARMCC   $@"
	$(Q)$(CROSS_CC) $(BENCH_CFLAGS) $(BENCH_ARM_FLAGS) -o $@ $<
$(BENCH_DIR)/%.native: bench/kernels/%.c bench/kernels/bench.h
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(BENCH_CFLAGS) -O2 -o $@ $<
$(BENCH_DIR)/hello.arm: bench/hello.c
	@mkdir -p $(@D)
	$(Q)$(CROSS_CC) $(BENCH_CFLAGS) $(BENCH_ARM_FLAGS) -o $@ $<
$(BENCH_DIR)/hello.native: bench/hello.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(BENCH_CFLAGS) -O2 -static -o $@ $<
$(BENCH_DIR)/startup: bench/startup.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(BENCH_CFLAGS) -O2 -o $@ $<

BENCH_FERRY_DEP := $(if $(FERRY),,$(B)/ferry-arm)
bench: $(BENCH_BINS) $(SYSROOT)/.complete $(BENCH_FERRY_DEP)
	FERRY_BUILD='$(B)' SYSROOT='$(SYSROOT)' $(if $(FERRY),FERRY='$(FERRY)') perl bench/bench.pl
.PHONY: bench
