# gen-syscalls.awk: syscalls/syscall.tbl -> the dispatch table (C).
#
# One table feeds both the dispatcher and the strace printer, so they can
# never disagree. The checks here run at build time: a row out of number
# order, a duplicate number or name, an unknown argument or result kind,
# a passthrough row with a kind that needs a hand-written conversion, or
# arguments that do not fit in r0..r6 stop the build with the row's line.
#
# Output: prototypes of every handler named in the table, then
#   const SysEntry sys_table[]       indexed by number (0 .. last)
#   const SysEntry sys_arm_table[]   ARM private calls, nr - 0x0f0000
# Written for POSIX awk (mawk and gawk).

function fail(msg) {
    printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
    failed = 1
    exit 1
}

function parse_nr(s,    v, i, c, digits) {
    if (s ~ /^0[xX][0-9a-fA-F]+$/) {
        digits = "0123456789abcdef"
        v = 0
        s = tolower(substr(s, 3))
        for (i = 1; i <= length(s); i++) {
            c = index(digits, substr(s, i, 1)) - 1
            v = v * 16 + c
        }
        return v
    }
    if (s ~ /^[0-9]+$/)
        return s + 0
    fail("bad syscall number '" s "'")
}

BEGIN {
    ARM_BASE = 983040    # 0x0f0000
    split("int uint hex size mode fd dirfd sig ptr path str ibuf obuf oflags off64 ioctl uid16", k, " ")
    for (i in k) arg_kind[k[i]] = 1
    # Kinds the shared passthrough converts by itself.
    split("int uint hex size mode fd dirfd sig path str ibuf obuf oflags off64 uid16", k, " ")
    for (i in k) pass_kind[k[i]] = 1
    split("int fd hex mode none exec", k, " ")
    for (i in k) ret_kind[k[i]] = 1
    last = -1
    nrows = 0
}

/^[ \t]*(#|$)/ { next }

{
    nr = parse_nr($1)
    name = $2
    if (name == "") fail("row without a name")
    if (nr <= last) fail("syscall " name " (" $1 ") is out of order or a duplicate number")
    last = nr
    if (name in seen) fail("duplicate name " name)
    seen[name] = 1

    row_nr[nrows] = nr
    row_name[nrows] = name
    row_handler[nrows] = ""
    if (NF == 2) { nrows++; next }
    if (NF < 5) fail(name ": expected handler, host, ret")
    handler = $3; host = $4; ret = $5
    if (!(ret in ret_kind)) fail(name ": unknown result kind '" ret "'")
    if (handler == "pass" && host == "-") fail(name ": a passthrough row needs a host syscall")
    if (handler != "pass" && host != "-") fail(name ": only passthrough rows name a host syscall")
    if (handler !~ /^[a-z_][a-z0-9_]*$/) fail(name ": bad handler name '" handler "'")

    reg = 0
    npaths = 0
    spec = ""
    nargs = NF - 5
    if (nargs > 6) fail(name ": more than 6 arguments")
    for (i = 6; i <= NF; i++) {
        kind = $i
        if (!(kind in arg_kind)) fail(name ": unknown argument kind '" kind "'")
        if (handler == "pass" && !(kind in pass_kind))
            fail(name ": kind '" kind "' needs a handler, not the passthrough")
        if ((kind == "ibuf" || kind == "obuf") && (i == NF || $(i + 1) != "size"))
            fail(name ": a buffer must be followed by its size")
        # sys-pass.c has room for two converted paths (rename, link).
        if (kind == "path" && ++npaths > 2) fail(name ": more than two path arguments")
        if (kind == "off64" && reg % 2 == 1) reg++
        spec = spec sprintf("{SYS_ARG_%s, %d}, ", kind, reg)
        reg += (kind == "off64") ? 2 : 1
    }
    if (reg > 7) fail(name ": arguments need more than r0..r6")
    row_handler[nrows] = handler
    row_host[nrows] = host
    row_ret[nrows] = ret
    row_nargs[nrows] = nargs
    row_spec[nrows] = spec
    nrows++
}

function emit_row(i, index_) {
    if (row_handler[i] == "") {
        printf "    [%d] = { \"%s\", NULL, 0, SYS_RET_int, 0, {{0, 0}} },\n", index_, row_name[i]
        return
    }
    printf "    [%d] = { \"%s\", sys_h_%s, %s, SYS_RET_%s, %d, { %s} },\n", \
        index_, row_name[i], row_handler[i], \
        (row_host[i] == "-") ? "-1" : "SYS_" row_host[i], \
        row_ret[i], row_nargs[i], row_spec[i]
}

END {
    if (failed) exit 1
    print "/* Generated from syscalls/syscall.tbl by scripts/gen-syscalls.awk: do not edit. */"
    print "#include <sys/syscall.h>"
    print ""
    for (i = 0; i < nrows; i++) {
        h = row_handler[i]
        if (h != "" && !(h in declared)) {
            declared[h] = 1
            printf "int64_t sys_h_%s(ArmCpu *cpu, const SysArgs *args);\n", h
        }
    }
    max_main = -1; max_arm = -1
    for (i = 0; i < nrows; i++) {
        if (row_nr[i] >= ARM_BASE) max_arm = row_nr[i] - ARM_BASE
        else max_main = row_nr[i]
    }
    print ""
    printf "const uint32_t sys_table_len = %d;\n", max_main + 1
    printf "const SysEntry sys_table[%d] = {\n", max_main + 1
    for (i = 0; i < nrows; i++)
        if (row_nr[i] < ARM_BASE) emit_row(i, row_nr[i])
    print "};"
    print ""
    printf "const uint32_t sys_arm_table_len = %d;\n", max_arm + 1
    printf "const SysEntry sys_arm_table[%d] = {\n", (max_arm < 0) ? 1 : max_arm + 1
    for (i = 0; i < nrows; i++)
        if (row_nr[i] >= ARM_BASE) emit_row(i, row_nr[i] - ARM_BASE)
    print "};"
}
