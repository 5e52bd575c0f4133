#!/usr/bin/perl
# Assembly tests: ARM/Thumb features that compiled C rarely produces (IT
# blocks, conditional execution, exclusives, table branches, interworking,
# kuser helpers, TLS, faults). Each tests/guest/asm/NAME.S is freestanding
# (no libc: SVC write/exit through asm/lib.S); its stdout followed by
# "[exit N]" (N as a shell reports it: 128+signal for a fatal signal) must
# equal tests/guest/asm/NAME.expected, which was verified with qemu-arm.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use FerryTest;
use Test::More;

my $B = build_dir();
my @runner = runner_cmd();
my @tests = sort map { m{([^/]+)\.expected$} ? $1 : () } glob("$FindBin::Bin/guest/asm/*.expected");
plan skip_all => 'no assembly tests' unless @tests;

for my $t (@tests) {
    my $bin = "$B/tests/guest/asm/$t";
    my $want = slurp("$FindBin::Bin/guest/asm/$t.expected");
    unless (-x $bin) {
        fail($t);
        diag("missing $bin: run 'make check-guest'");
        next;
    }
    my ($out, $err, $st) = run_cmd([@runner, $bin], timeout => 20);
    my $got = "$out\[exit $st]\n";
    ok($got eq $want, $t)
        or why_failed($t, diff_text($want, $got), $err ne '' ? "stderr: " . substr($err, 0, 2000) : '');
}
done_testing();
