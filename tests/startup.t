#!/usr/bin/perl
# Start-up and run-time, end to end: guest programs built here with the
# armhf cross compiler check argv/envp/auxv, .bss, the kuser helpers, brk
# and mmap (tests/loader/startup-probe.c), and the exit status of guest
# faults (SIGSEGV 139, SIGILL 132, SIGTRAP 133 as a shell sees them).
# FERRY_ARM overrides the binary, CROSS_CC the compiler.
use strict;
use warnings;
use File::Temp qw(tempdir);
use Test::More;

my $ferry = $ENV{FERRY_ARM} // ($ENV{FERRY_BUILD} // 'build') . '/ferry-arm';
my $cc = $ENV{CROSS_CC} // 'arm-linux-gnueabihf-gcc';
plan skip_all => "$ferry not built" unless -x $ferry;
plan skip_all => "no $cc" unless system("command -v $cc >/dev/null 2>&1") == 0;

my $dir = tempdir(CLEANUP => 1);
my $probe = "$dir/probe";
system($cc, qw(-nostdlib -ffreestanding -static -O1 -fno-tree-vectorize -o), $probe,
       'tests/loader/startup-probe.c') == 0 or BAIL_OUT('cannot build the probe');

sub asm_prog {
    my ($name, $body) = @_;
    open my $fh, '>', "$dir/$name.S" or die;
    print $fh ".syntax unified\n.global _start\n$body\n";
    close $fh;
    system($cc, '-nostdlib', '-static', '-o', "$dir/$name", "$dir/$name.S") == 0 or die "build $name";
    return "$dir/$name";
}

sub run {   # (wait status, stdout)
    my (@cmd) = @_;
    my $pid = open(my $out, '-|') // die;
    if (!$pid) {
        open STDERR, '>', '/dev/null';
        exec(@cmd) or exit 126;
    }
    local $/;
    my $o = <$out> // '';
    close $out;
    return ($?, $o);
}

# A build without a translator cannot run guest code at all.
my ($st0, undef) = run($ferry, asm_prog('exit7', ".arm\n_start: mov r0, #7\n mov r7, #248\n svc 0\n"));
plan skip_all => "$ferry cannot run guest code yet" if ($st0 >> 8) != 7;
pass('a guest program runs and its exit status comes through');

my ($st, $out) = run($ferry, $probe, 'a', 'b');
is($st, 0, 'the probe passes every check') or diag($out);
like($out, qr/^ok \d+$/m, 'the probe reports its checks');

($st, $out) = run($ferry, '-0', 'zero', $probe, 'argv0');
is($out, "zero\n", '-0 sets argv[0]');
{
    local $ENV{FERRY_ARGV0} = 'envzero';
    ($st, $out) = run($ferry, $probe, 'argv0');
    is($out, "envzero\n", 'FERRY_ARGV0 sets argv[0]');
}
($st, $out) = run($ferry, $probe, 'argv0');
is($out, "$probe\n", 'argv[0] is the program by default');
($st, $out) = run($ferry, '-E', 'FOO=bar,BAZ=1', $probe, 'env', 'FOO');
is($out, "bar\n", '-E sets a variable');
{
    local $ENV{FOO} = 'host';
    ($st, $out) = run($ferry, $probe, 'env', 'FOO');
    is($out, "host\n", 'the environment passes through');
    ($st, $out) = run($ferry, '-U', 'FOO', $probe, 'env', 'FOO');
    is($out, "(unset)\n", '-U removes a variable');
}

($st, $out) = run($ferry, '-B', '0x100000000000', $probe);
is($st, 0, 'the probe passes with a non-zero guest_base (-B)') or diag($out);
($st, $out) = run($ferry, '-s', '64k', $probe);
is($st, 0, 'the probe passes with a 64 KiB stack (-s)') or diag($out);

my $small = asm_prog('small', ".arm\n_start: ldr r0, [sp]\n add r0, r0, #40\n mov r7, #248\n svc 0\n");
($st, $out) = run($ferry, '-R', '64M', $small, 'x');
is($st >> 8, 42, 'a 64 MiB guest space (-R) runs a program');

my $log = "$dir/page.log";
run($ferry, '-d', 'page', '-D', $log, $small);
open my $lf, '<', $log or die;
my $text = do { local $/; <$lf> };
like($text, qr/^page: program 0x00010000-/m, '-d page -D FILE logs the program mapping');

# -perfmap: /tmp/perf-PID.map names each translated unit for perf. The
# child's pid is the map's name; the file is removed after the check.
# (-interp 0: the program's units each run once, and a first run is
# interpreted, with no code to name.)
{
    my $pid = fork // die;
    if (!$pid) {
        open STDOUT, '>', '/dev/null';
        open STDERR, '>', '/dev/null';
        exec($ferry, '-interp', '0', '-perfmap', $small, 'x') or exit 126;
    }
    waitpid($pid, 0);
    is($? >> 8, 42, '-perfmap runs the program');
    my $map = "/tmp/perf-$pid.map";
    ok(open(my $mf, '<', $map), "  and writes $map");
    my $m = $mf ? do { local $/; <$mf> } : '';
    like($m, qr/^[0-9a-f]+ [0-9a-f]+ guest_000[0-9a-f]{5}_f0(?:_hot)?\n/m, '  with a line per unit (host address, size, guest pc and flags)');
    unlink $map;
}

# Disassembly (-d in_asm, out_asm): ferry-arm loads capstone only then
# (util/capstone.h); ferry-arm-static has none and says so, and still runs.
my $static = $ferry =~ s/ferry-arm$/ferry-arm-static/r;
for my $bin ($ferry, -x $static && $static ne $ferry ? ($static) : ()) {
    my $dlog = "$dir/disas.log";
    unlink $dlog;
    ($st, undef) = run($bin, '-interp', '0', '-d', 'in_asm,out_asm', '-D', $dlog, $small, 'x');
    is($st >> 8, 42, "$bin -d in_asm,out_asm still runs the program");
    open my $df, '<', $dlog or die;
    my $d = do { local $/; <$df> };
    if ($bin =~ /ferry-arm-static$/) {
        like($d, qr/no disassembler: ferry-arm-static is built without capstone/, "  in_asm/out_asm say why there is no disassembly");
        next;
    }
    like($d, qr/^0x[0-9a-f]{8}:  ldr +r0, \[sp\]$/m, "  in_asm shows the guest instructions");
    like($d, qr/^  0x[0-9a-f]{4}: (mov|add|lea|jmp|call|ret)\b/m, "  out_asm shows the host instructions");
}

# A unit's first run is interpreted (-interp, default 1), its next ones
# run compiled code; -interp 0 compiles at once, and so does -tier 0
# (every unit hot from its first run). The first unit runs the loop's
# first pass (a cold unit ends at its branch); the loop's own unit then
# runs 3 times.
my $loop3 = asm_prog('loop3', ".arm\n_start: mov r0, #4\nloop: subs r0, r0, #1\n bne loop\n" .
    " mov r0, #42\n mov r7, #248\n svc 0\n");
for my $case ([[], 1, 1], [['-interp', '0'], 0, 1], [['-interp', '2'], 2, 1], [['-tier', '0'], 0, 1]) {
    my ($opts, $interp_runs, $compiled) = @$case;
    local %ENV = %ENV;   # the suite may run with FERRY_TIER=0 or FERRY_INTERP set
    delete @ENV{qw(FERRY_TIER FERRY_INTERP)};
    my $elog = "$dir/exec.log";
    unlink $elog;
    ($st, undef) = run($ferry, @$opts, '-d', 'exec,out_asm', '-D', $elog, $loop3);
    open my $ef, '<', $elog or die;
    my $e = do { local $/; <$ef> };
    # The loop's unit starts at the second instruction.
    my ($first) = $e =~ /^exec: (0x[0-9a-f]{8}) flags 0x0/m;
    my $loop = sprintf('0x%08x', hex($first // 0) + 4);
    my @interp = $e =~ /^exec: $loop flags 0x0 \(interpreted\)$/mg;
    my $code = () = $e =~ /^OUT: \[guest $loop flags 0x0\]/mg;
    is($st >> 8, 42, "@$opts loop of 4 runs");
    is(scalar @interp, $interp_runs, "  its first $interp_runs run(s) interpreted");
    is($code, $compiled, "  then compiled once");
}

# The compile after an interpreted run takes the IR that run built (it
# is kept for the most recent units, tcg/recent-ir.h): the front end, and
# so -d in_asm, shows the loop's instructions twice (in the first unit,
# which runs the loop's first pass, and in the loop's own unit), not 3
# times.
{
    local %ENV = %ENV;
    delete @ENV{qw(FERRY_TIER FERRY_INTERP)};
    my $ilog = "$dir/in_asm.log";
    unlink $ilog;
    ($st, undef) = run($ferry, '-d', 'in_asm,exec', '-D', $ilog, $loop3);
    open my $if, '<', $ilog or die;
    my $i = do { local $/; <$if> };
    my ($first) = $i =~ /^exec: (0x[0-9a-f]{8}) flags 0x0/m;
    my $loop = sprintf('0x%08x', hex($first // 0) + 4);
    my $reads = () = $i =~ /^$loop:  subs/mg;
    is($reads, 2, 'a unit interpreted then compiled is read by the front end once');
}

# -d cpu: the registers before each unit the dispatcher runs.
{
    my $clog = "$dir/cpu.log";
    unlink $clog;
    ($st, undef) = run($ferry, '-d', 'cpu', '-D', $clog, $loop3);
    open my $cf, '<', $clog or die;
    my $c = do { local $/; <$cf> };
    is($st >> 8, 42, '-d cpu runs the program');
    like($c, qr/^R00=00000000 R01=00000000 R02=00000000 R03=00000000\n(?:.*\n){2}R12=00000000 R13=[0-9a-f]{8} R14=00000000 R15=[0-9a-f]{8}\nPSR=00000010 ----- A usr32\n/m,
         '  shows the registers and PSR at entry');
    like($c, qr/^R00=00000003 /m, '  and as they change');
}

# ferry-arm links no libm (docs/startup.md): its VFP helpers reach libm
# through a dlopen on first use, which must work when a guest needs it.
my $fma = asm_prog('vfma', ".fpu vfpv4\n.arm\n_start: vmov.f64 d0, #1.5\n vmov.f64 d1, #2.0\n" .
    " vmov.f64 d2, #0.5\n vfma.f64 d2, d0, d1\n vmov.f32 s8, #4.0\n vsqrt.f32 s8, s8\n" .
    " vcvt.f64.f32 d5, s8\n vadd.f64 d2, d2, d5\n" .
    " vmov.f64 d3, #5.5\n vcmp.f64 d2, d3\n vmrs APSR_nzcv, fpscr\n" .
    " moveq r0, #42\n movne r0, #1\n mov r7, #1\n svc 0\n");
($st, $out) = run($ferry, $fma);
is($st >> 8, 42, 'VFP fused multiply-add and square root give their results (libm on first use)');

my %faults = (
    segv => [".arm\n_start: mov r0, #0\n ldr r1, [r0]\n", 11, 'a bad load ends with SIGSEGV'],
    segv_xn => [".arm\n_start: ldr r0, =code\n bx r0\n.ltorg\n.data\ncode: .word 0xe12fff1e\n", 11,
                'running code from a data page (XN) ends with SIGSEGV'],
    ill  => [".arm\n_start: udf #0\n", 4, 'an undefined instruction ends with SIGILL'],
    bkpt => [".thumb\n.thumb_func\n_start: bkpt #0\n", 5, 'bkpt (Thumb entry) ends with SIGTRAP'],
    brk_arm => [".arm\n_start: .word 0xe7f001f0\n", 5, "the kernel's ARM breakpoint (udf) is SIGTRAP"],
    brk_t32 => [".thumb\n.thumb_func\n_start: .hword 0xf7f0, 0xa000\n", 5, "the kernel's Thumb-2 breakpoint is SIGTRAP"],
    ill_t16 => [".thumb\n.thumb_func\n_start: .hword 0xde02\n", 4, 'another T16 udf is SIGILL'],
);
for my $name (sort keys %faults) {
    my ($body, $sig, $what) = @{ $faults{$name} };
    ($st, $out) = run($ferry, asm_prog($name, $body));
    is($st & 127, $sig, $what);
    my $sh = system('sh', '-c', "'$ferry' '$dir/$name' 2>/dev/null; exit \$?") >> 8;
    is($sh, 128 + $sig, "  a shell sees status " . (128 + $sig));
}

done_testing();
