#!/usr/bin/perl
# Runs every cmocka unit test binary (build/tests/unit/test_*) and turns its
# TAP output (CMOCKA_MESSAGE_OUTPUT=TAP) into lines of this one TAP stream,
# named "binary: test". A binary that exits non-zero, dies, or reports no
# test at all is a failure of its own.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use FerryTest;
use Test::More;

my $B = build_dir();
my @srcs = sort glob("$FindBin::Bin/unit/test_*.c");
plan skip_all => 'no unit tests (tests/unit/test_*.c)' unless @srcs;

for my $src (@srcs) {
    my ($name) = $src =~ m{/(test_[^/]+)\.c$};
    my $bin = "$B/tests/unit/$name";
    unless (-x $bin) {
        fail("$name: built");
        diag("missing $bin: run 'make unit-tests'");
        next;
    }
    my ($out, $err, $st) = run_cmd([$bin], timeout => 300,
        env => { fixed_env(CMOCKA_MESSAGE_OUTPUT => 'TAP') });
    my ($seen, $last_ok) = (0, 1);
    for my $line (split /\n/, $out) {
        if ($line =~ /^(not )?ok\s+\d+\s*-?\s*(.*?)\s*$/) {
            my ($bad, $what) = ($1, $2);
            $seen++;
            # cmocka reports a skipped test as "not ok N # SKIP name"
            if ($what =~ /^#\s*SKIP\b\s*(.*)$/i) {
                SKIP: { skip("$name: $1", 1) }
                $last_ok = 1;
                next;
            }
            $last_ok = ok(!$bad, "$name: $what");
        } elsif ($line =~ /^#\s?(.*)/ && $line !~ /^#\s*(ok|not ok)\b/) {
            # cmocka's failure details follow the failing line
            $last_ok ? note("$name: $1") : diag("$name: $1");
        }
    }
    ok($st == 0 && $seen > 0, "$name: exit status 0 with tests run")
        or diag("exit status $st, $seen tests seen\nstdout:\n$out\nstderr:\n$err");
    diag("$name stderr:\n$err") if $st != 0 && $err ne '';
}
done_testing();
