#!/usr/bin/perl
# The differential tester's short run for `make check`: a fixed-seed set of
# random A32 and T32 integer sequences under the reference emulator
# (qemu-arm) and the emulator under test ($RUNNER, default
# build/ferry-arm), then checks that the tester itself works: the same
# sequence is generated alone as in a batch, and a deliberately corrupted
# emulator output is reported as a mismatch.
use strict;
use warnings;
use File::Temp qw(tempdir);

my $build = $ENV{FERRY_BUILD} // 'build';
my $difftool = "$build/tests/diff/difftool";
my $runner = $ENV{RUNNER} // "$build/ferry-arm";
my $count = $ENV{DIFF_COUNT} // 3000;
my $seed = 20240601;

sub have { my ($p) = @_; return $p =~ m{/} ? -x $p : !system("command -v $p >/dev/null 2>&1") }
unless (have('qemu-arm') && have($ENV{CROSS_CC} // 'arm-linux-gnueabihf-gcc') && -x $difftool) {
    print "1..0 # SKIP needs qemu-arm, the armhf cross compiler and $difftool (make diff-tools)\n";
    exit 0;
}
# Sequences that once mismatched, run hot: (seed, index, what they caught).
my @regressions = ([7006, 115392, 'fold merged two selects of QF across a helper (ssat) that writes it']);
print "1..", 6 + @regressions, "\n";
my $n = 0;
sub ok { my ($c, $name, $diag) = @_; $n++; print(($c ? "ok" : "not ok") . " $n - $name\n");
         if (!$c && defined $diag) { print "# $_\n" for split /\n/, $diag } }

my $tmp = tempdir('ferry-diff-XXXXXX', TMPDIR => 1, CLEANUP => 1);
my $deny = 'tests/diff/deny.txt';

# 1. generation is a function of (seed, index): one sequence alone equals
#    the same sequence inside a batch
my $batch = `$difftool show --seed $seed --first 0 --count 40 --deny $deny`;
my $alone = `$difftool show --seed $seed --first 37 --count 1 --deny $deny`;
my ($in_batch) = $batch =~ /(seed=$seed seq=37\n(?:  .*\n)+)/;
ok(defined $in_batch && $in_batch eq $alone, 'a sequence rerun alone is the one of the batch');

# 2. the tester reports a wrong emulator: a wrapper around qemu-arm that
#    flips one bit of r5 in the 3rd record must give a MISMATCH for seq 2
my $bad = "$tmp/bad-emu";
open my $fh, '>', $bad or die;
print $fh <<'SH';
#!/bin/sh
qemu-arm -cpu cortex-a15 "$@" > "$0.out"; s=$?
perl -e 'local $/; my $d = <STDIN>; my $rec = 64 + 16 + 512; my $o = 2 * $rec + 8 + 5 * 4;
         substr($d, $o, 1) = chr(ord(substr($d, $o, 1)) ^ 1) if length($d) > $o; print $d' < "$0.out"
exit $s
SH
close $fh;
chmod 0755, $bad;
my $out = `tests/diff/run --seed $seed --count 20 --batch 20 --jobs 1 --test $bad --out $tmp/neg 2>&1`;
ok($? != 0 && $out =~ /^MISMATCH seed=$seed seq=2 / && $out =~ /^  r5: /m,
   'a corrupted register is reported as a mismatch', $out);

# 3. the same batch under qemu twice (different CPU models) agrees: the
#    harness and filters produce no false mismatches; and no sequence
#    traps there, since the generator draws no UNPREDICTABLE or undefined
#    encodings (constrain.c, check.c)
$out = `tests/diff/run --seed $seed --count 1000 --jobs 2 --test 'qemu-arm -cpu max' --out $tmp/self 2>&1`;
ok($? == 0 && $out =~ /^diff: .* \(0 trapped in both\), 0 mismatches, 0 stopped/m,
   'qemu-arm against itself: no mismatches, no traps', $out);

# 4. the real run (each sequence runs once: in the IR interpreter, as
#    every unit's first run does by default)
$out = `tests/diff/run --seed $seed --count $count --jobs 2 --test '$runner' --out $tmp/run 2>&1`;
my ($summary) = $out =~ /^(diff: .*)$/m;
print "# $summary\n" if defined $summary;
ok($? == 0, "$count random A32/T32 sequences: $runner agrees with qemu-arm",
   length($out) > 20000 ? substr($out, 0, 20000) . "\n[...]" : $out);

# 5. the same sequences compiled cold at once (FERRY_INTERP=0): the cold
#    tier's x86-64 code
{
    local $ENV{FERRY_INTERP} = 0;
    $out = `tests/diff/run --seed $seed --count $count --jobs 2 --test '$runner' --out $tmp/cold 2>&1`;
    ($summary) = $out =~ /^(diff: .*)$/m;
    print "# cold: $summary\n" if defined $summary;
    ok($? == 0, "$count sequences compiled cold: $runner agrees with qemu-arm",
       length($out) > 20000 ? substr($out, 0, 20000) . "\n[...]" : $out);
}

# 6. the same sequences translated hot from their first run (FERRY_TIER=0):
#    the hot tier's passes (if-conversion of conditional instructions,
#    folding, CSE) and its register allocation on every sequence
{
    local $ENV{FERRY_TIER} = 0;
    my $hot = int($count / 2);
    $out = `tests/diff/run --seed $seed --count $hot --jobs 2 --test '$runner' --out $tmp/hot 2>&1`;
    ($summary) = $out =~ /^(diff: .*)$/m;
    print "# hot: $summary\n" if defined $summary;
    ok($? == 0, "$hot sequences translated hot: $runner agrees with qemu-arm",
       length($out) > 20000 ? substr($out, 0, 20000) . "\n[...]" : $out);
    for my $r (@regressions) {
        my ($s, $i, $why) = @$r;
        $out = `tests/diff/run --seed $s --first $i --count 1 --jobs 1 --test '$runner' --out $tmp/reg 2>&1`;
        ok($? == 0 && $out =~ / 0 mismatches/, "hot regression seed $s seq $i: $why", $out);
    }
}
