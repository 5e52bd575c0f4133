# Test rules, included by the top-level Makefile.
#
#   make check              everything below, then one prove run (prove -j2)
#   make check-unit         cmocka unit tests (tests/unit.t wraps them as TAP)
#   make check-guest        guest C programs (8 armhf variants vs native) and
#                           the assembly tests with expected outputs
#   make check-integration  real Debian armhf binaries from build/sysroot
#   make check-diff         the differential tester (tests/diff/diff.mk; its
#                           short run tests/diff/diff.t is part of check)
#   make demo               busybox-static (armhf) under ferry-arm
#
# RUNNER runs the armhf programs; default the freshly built ferry-arm.
# `make check-guest RUNNER=qemu-arm` checks the tests themselves against
# the reference emulator. PROVE_FLAGS adds prove options (e.g. -v).
# Other test areas hook in with a tests/<area>.mk or tests/<dir>/*.mk that
# appends build targets to CHECK_DEPS (they are included below).

FERRY_DEFAULT_RUNNER := $(B)/ferry-arm
RUNNER ?= $(FERRY_DEFAULT_RUNNER)
# Only the default runner has to be built first.
RUNNER_DEP := $(if $(filter $(FERRY_DEFAULT_RUNNER),$(RUNNER)),$(B)/ferry-arm)
SYSROOT ?= build/sysroot
PROVE ?= prove
PROVE_FLAGS ?=
TEST_ENV = RUNNER='$(RUNNER)' FERRY_BUILD='$(B)' SYSROOT='$(SYSROOT)' CROSS_CC='$(CROSS_CC)'

CHECK_DEPS :=
-include $(filter-out tests/tests.mk,$(wildcard tests/*.mk tests/*/*.mk))

# ---- guest programs --------------------------------------------------------
GUEST_DIR := $(B)/tests/guest
GUEST_SRCS := $(wildcard tests/guest/*.c)
GUEST_PROGS := $(GUEST_SRCS:tests/guest/%.c=%)
GUEST_VARIANTS := arm-O0-static arm-O2-static thumb-O0-static thumb-O2-static \
                  arm-O0-dyn arm-O2-dyn thumb-O0-dyn thumb-O2-dyn
GUEST_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter -g
GUEST_LIBS := -pthread -lm
GUEST_BINS := $(foreach p,$(GUEST_PROGS),$(GUEST_DIR)/$(p).native \
                $(foreach v,$(GUEST_VARIANTS),$(GUEST_DIR)/$(p).$(v)))
guest_flags = $(if $(findstring thumb,$(1)),-mthumb,-marm) \
              $(if $(findstring O0,$(1)),-O0,-O2) \
              $(if $(findstring static,$(1)),-static)

$(GUEST_DIR)/%.native: tests/guest/%.c $(wildcard tests/guest/*.h)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(GUEST_CFLAGS) -O2 -o $@ $< $(GUEST_LIBS)

define guest_variant_rule
$(GUEST_DIR)/%.$(1): tests/guest/%.c $(wildcard tests/guest/*.h)
	@mkdir -p $$(@D)
	@echo "  ARMCC   $$@"
	$(Q)$(CROSS_CC) $(GUEST_CFLAGS) $(call guest_flags,$(1)) -o $$@ $$< $(GUEST_LIBS)
endef
$(foreach v,$(GUEST_VARIANTS),$(eval $(call guest_variant_rule,$(v))))

# Assembly tests: freestanding (no libc), each linked with asm/lib.S.
ASM_SRCS := $(filter-out tests/guest/asm/lib.S,$(wildcard tests/guest/asm/*.S))
ASM_BINS := $(ASM_SRCS:tests/guest/asm/%.S=$(GUEST_DIR)/asm/%)
ASM_FLAGS := -march=armv7-a -mfpu=vfpv3-d16 -mfloat-abi=hard -nostdlib -static -Wl,--build-id=none
$(GUEST_DIR)/asm/%: tests/guest/asm/%.S tests/guest/asm/lib.S tests/guest/asm/asm.h
	@mkdir -p $(@D)
	@echo "  ARMAS   $@"
	$(Q)$(CROSS_CC) $(ASM_FLAGS) -o $@ $< tests/guest/asm/lib.S

guest-tests: $(GUEST_BINS) $(ASM_BINS)
.PHONY: guest-tests

# ---- targets ---------------------------------------------------------------
sysroot: $(SYSROOT)/.complete
$(SYSROOT)/.complete: scripts/sysroot.sh
	sh scripts/sysroot.sh $(SYSROOT) && touch $@
.PHONY: sysroot

check-unit: unit-tests
	$(TEST_ENV) $(PROVE) $(PROVE_FLAGS) tests/unit.t

check-guest: guest-tests $(RUNNER_DEP)
	$(TEST_ENV) $(PROVE) -j2 $(PROVE_FLAGS) tests/guest.t tests/asm.t

check-integration: sysroot $(RUNNER_DEP)
	$(TEST_ENV) $(PROVE) -j2 $(PROVE_FLAGS) $(wildcard tests/integration/*.t)

ifeq ($(wildcard tests/diff/diff.mk),)
check-diff:
	@echo "check-diff: no differential tester (tests/diff/diff.mk) yet"
endif
.PHONY: check-unit check-guest check-integration check-diff

# The whole default suite: build everything first (so that prove's output
# is the tests alone), then every TAP script -- tests/*.t and those of the
# areas (tests/integration, tests/diff: the differential tester's short
# fixed-seed run) -- in one prove run ending with its summary.
CHECK_TS = $(sort $(wildcard tests/*.t)) $(sort $(wildcard tests/*/*.t))
check: unit-tests guest-tests sysroot $(RUNNER_DEP) $(CHECK_DEPS)
	$(TEST_ENV) $(PROVE) -j2 $(PROVE_FLAGS) $(CHECK_TS)
.PHONY: check

# ---- demo ------------------------------------------------------------------
# Installs what is missing (scripts/deps.sh), builds ferry-arm, fetches
# busybox-static for armhf and runs it. DEMO_RUNNER=qemu-arm to compare.
demo:
	$(Q)MAKE='$(MAKE)' sh scripts/demo.sh $(DEMO_RUNNER)
.PHONY: demo
