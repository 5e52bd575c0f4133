# ferry: one non-recursive Makefile. Everything is built under build/.
#   make            ferry-arm and ferry-arm-static
#   make check      the default test suite (what CI runs)
#   make demo       installs what is missing, builds, runs busybox under ferry-arm
#   make bench      ferry-arm vs qemu-arm vs native
#   MODE=debug|asan|ubsan|tsan selects a build mode (default: release)
.DELETE_ON_ERROR:
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules

-include config.mk
CC ?= cc
CROSS_CC ?= arm-linux-gnueabihf-gcc

MODE ?= release
# V=1 shows the commands
Q := $(if $(V),,@)
B := build
ifneq ($(MODE),release)
B := build/$(MODE)
endif

WARN := -Wall -Wextra -Werror -Wno-unused-parameter
CFLAGS_release := -O2 -g
# maybe-uninitialized gives false positives at -O0/-O1 (GCC docs): release keeps it.
CFLAGS_debug := -O0 -g -DFERRY_DEBUG -Wno-maybe-uninitialized
CFLAGS_asan := -O1 -g -Wno-maybe-uninitialized -fsanitize=address -fno-omit-frame-pointer -DFERRY_DEBUG
CFLAGS_ubsan := -O1 -g -Wno-maybe-uninitialized -fsanitize=undefined -fno-sanitize-recover -DFERRY_DEBUG
CFLAGS_tsan := -O1 -g -Wno-maybe-uninitialized -fsanitize=thread -DFERRY_DEBUG
MODE_CFLAGS := $(CFLAGS_$(MODE))
ifeq ($(MODE_CFLAGS),)
$(error unknown MODE '$(MODE)': use release, debug, asan, ubsan or tsan)
endif

CPPFLAGS := -I. -I$(B)/gen -D_GNU_SOURCE
CFLAGS := -std=gnu11 -fPIE $(WARN) $(MODE_CFLAGS) $(EXTRA_CFLAGS)
LDFLAGS := -pie $(filter -fsanitize=%,$(MODE_CFLAGS))
# Start-up cost (docs/startup.md): every shared library ferry-arm needs is
# mapped and relocated before main, so ferry-arm links only libc and libm.
# libelf is linked from its archive (the few objects ferry uses; none of
# them needs libz or libzstd); no -lcapstone and no -lunwind: ferry-arm
# dlopens them on first use (util/capstone.h, util/backtrace-unwind.c).
# -O1 and GNU hash make the symbol look-ups cheaper, packed relative
# relocations (DT_RELR) the PIE's own relocation.
LIBS := -l:libelf.a -lpthread -lm
PROG_LDFLAGS := -Wl,-O1,--hash-style=gnu,-z,pack-relative-relocs
# libm too is dlopen'd on first use (util/libm-lazy.c): the functions
# ferry calls are wrapped, and libm is linked --as-needed, so a libm
# function missing from this list brings the link-time libm back.
LIBM_WRAP := fma fmaf sqrt sqrtf ldexp ldexpf ilogb
PROG_LIBS := -l:libelf.a -lpthread $(foreach f,$(LIBM_WRAP),-Wl,--wrap=$(f)) -Wl,--as-needed -lm -Wl,--no-as-needed
soname = $(shell objdump -p "$$($(CC) -print-file-name=$(1))" 2>/dev/null | awk '$$1 == "SONAME" { print $$2 }')
CAPSTONE_SONAME := $(call soname,libcapstone.so)
UNWIND_SONAME := $(call soname,libunwind.so)
# ferry-arm-static: a static PIE, so it loads high and leaves the guest's
# low 4 GiB free. libelf needs zlib and zstd when static. Packed relative
# relocations (DT_RELR) keep the remaining start-up relocations cheap.
# No capstone in the static build (util/capstone-none.c says why).
STATIC_LDFLAGS := -static-pie -Wl,-z,pack-relative-relocs
STATIC_LIBS := -lelf -lz -lzstd -lpthread -lm

SRC_DIRS := util tcg tcg/opt tcg/x86_64 target/arm target/arm/helpers loader linux-user syscalls
LIB_SRCS := $(filter-out linux-user/main.c util/backtrace-glibc.c util/capstone-none.c,$(foreach d,$(SRC_DIRS),$(wildcard $(d)/*.c)))
LIB_OBJS := $(LIB_SRCS:%.c=$(B)/obj/%.o)
MAIN_OBJ := $(B)/obj/linux-user/main.o

# Generated sources: decoders from the encoding tables, the syscall table.
DECODE_TABLES := $(wildcard target/arm/*.decode)
DECODE_GEN := $(DECODE_TABLES:target/arm/%.decode=$(B)/gen/target/arm/%.c.inc) \
              $(DECODE_TABLES:target/arm/%.decode=$(B)/gen/target/arm/%.patterns.inc)
SYSCALL_GEN := $(if $(wildcard syscalls/syscall.tbl),$(B)/gen/syscalls/syscall-table.c.inc)
GENERATED := $(DECODE_GEN) $(SYSCALL_GEN)
# Keep generated sources: they are inputs to several objects.
.SECONDARY: $(GENERATED)

all: ferry-arm ferry-arm-static
.PHONY: all

$(B)/gen/target/arm/%.c.inc: target/arm/%.decode scripts/decodetree.awk
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	$(Q)awk -v fn=decode_$(subst -,_,$*) -f scripts/decodetree.awk $< > $@

$(B)/gen/target/arm/%.patterns.inc: target/arm/%.decode scripts/decodetree.awk
	@mkdir -p $(@D)
	$(Q)awk -v fn=decode_$(subst -,_,$*) -v mode=patterns -f scripts/decodetree.awk $< > $@

$(B)/gen/syscalls/syscall-table.c.inc: syscalls/syscall.tbl scripts/gen-syscalls.awk
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	$(Q)awk -f scripts/gen-syscalls.awk $< > $@

$(B)/obj/%.o: %.c | $(GENERATED)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(B)/ferry-arm: $(MAIN_OBJ) $(LIB_OBJS)
	@echo "  LINK    $@"
	$(Q)$(CC) $(LDFLAGS) $(PROG_LDFLAGS) -o $@ $^ $(PROG_LIBS)

$(B)/obj/util/capstone-dl.o: CPPFLAGS += $(if $(CAPSTONE_SONAME),-DFERRY_CAPSTONE_SONAME='"$(CAPSTONE_SONAME)"')
$(B)/obj/util/backtrace-unwind.o: CPPFLAGS += $(if $(UNWIND_SONAME),-DFERRY_UNWIND_SONAME='"$(UNWIND_SONAME)"')

STATIC_OBJS := $(filter-out $(B)/obj/util/backtrace-unwind.o $(B)/obj/util/capstone-dl.o $(B)/obj/util/libm-lazy.o,$(LIB_OBJS)) \
               $(B)/obj/util/backtrace-glibc.o $(B)/obj/util/capstone-none.o
$(B)/ferry-arm-static: $(MAIN_OBJ) $(STATIC_OBJS)
	@echo "  LINK    $@"
	$(Q)$(CC) $(STATIC_LDFLAGS) -o $@ $^ $(STATIC_LIBS)

ferry-arm ferry-arm-static: %: $(B)/%
	@ln -sf $(B)/$* $@
.PHONY: ferry-arm ferry-arm-static

-include $(LIB_OBJS:.o=.d) $(MAIN_OBJ:.o=.d) $(B)/obj/util/backtrace-glibc.d $(B)/obj/util/capstone-none.d

config.mk: configure
	./configure

# Unit tests (cmocka): tests/unit/test_NAME.c -> build/tests/unit/test_NAME,
# linked with every object but main (objects, not an archive, so that a
# weak fallback never hides the real definition).
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(B)/tests/unit/%)
$(B)/tests/unit/%: tests/unit/%.c $(LIB_OBJS)
	@mkdir -p $(@D)
	@echo "  LINK    $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJS) $(LIBS) -lcapstone -lcmocka
unit-tests: $(UNIT_BINS)
.PHONY: unit-tests

# Test and benchmark rules live beside their sources.
-include tests/tests.mk
-include bench/bench.mk

clean:
	rm -rf build ferry-arm ferry-arm-static
.PHONY: clean
