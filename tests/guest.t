#!/usr/bin/perl
# Whole guest programs: every tests/guest/*.c is built natively and for
# armhf in eight variants (ARM/Thumb x -O0/-O2 x static/dynamic, see
# tests/tests.mk); each armhf build run under the runner must print exactly
# what the native build prints and exit with the same status. One TAP line
# per program and variant.
#
# A program's source can carry lines of the form
#   GUEST-TEST: args ARG...      arguments, shell-quoted (@TMP@: a fresh empty directory)
#   GUEST-TEST: env VAR=VALUE    extra environment variable
#   GUEST-TEST: stdin TEXT       standard input (\n for newlines)
#   GUEST-TEST: todo REASON      expected to fail for now (TAP TODO)
# Output lines "machine=armv7l" (guest) and "machine=x86_64" (native) are
# both normalised to "machine=<M>", so the guest must report armv7l.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use FerryTest;
use Test::More;
use Text::ParseWords qw(shellwords);

my $B = build_dir();
my @variants = split ' ', ($ENV{GUEST_VARIANTS} //
    'arm-O0-static arm-O2-static thumb-O0-static thumb-O2-static arm-O0-dyn arm-O2-dyn thumb-O0-dyn thumb-O2-dyn');
my $cross_libc = $ENV{CROSS_SYSROOT} // '/usr/arm-linux-gnueabihf';
my @runner = runner_cmd();
my @progs = sort map { m{([^/]+)\.c$} ? $1 : () } glob("$FindBin::Bin/guest/*.c");
@progs = grep { my $p = $_; grep { $_ eq $p } split ' ', $ENV{GUEST_ONLY} } @progs if $ENV{GUEST_ONLY};
plan skip_all => 'no guest programs' unless @progs;

sub meta {
    my ($prog) = @_;
    my %m = (args => [], env => {}, stdin => undef, todo => undef);
    open my $fh, '<', "$FindBin::Bin/guest/$prog.c" or die;
    while (<$fh>) {
        next unless /GUEST-TEST:\s*(\w+)\s*(.*?)\s*(\*\/)?\s*$/;
        my ($k, $v) = ($1, $2);
        if ($k eq 'args') { $m{args} = [shellwords($v)] }
        elsif ($k eq 'env') { my ($n, $x) = split /=/, $v, 2; $m{env}{$n} = $x }
        elsif ($k eq 'stdin') { ($m{stdin} = $v) =~ s/\\n/\n/g }
        elsif ($k eq 'todo') { $m{todo} = $v }
        else { die "$prog.c: unknown GUEST-TEST key '$k'\n" }
    }
    return \%m;
}

sub run_one {
    my ($m, @cmd) = @_;
    my $tmp = tmpdir();
    my @args = map { s/\@TMP\@/$tmp/gr } @{ $m->{args} };
    my ($out, $err, $st) = run_cmd([@cmd, @args], stdin => $m->{stdin},
                                   env => { fixed_env(%{ $m->{env} }) }, timeout => 60);
    $out =~ s/^machine=(?:armv7l|x86_64)$/machine=<M>/mg;
    return ("$out\[exit $st]\n", $err);
}

for my $prog (@progs) {
    my $m = meta($prog);
    my $native = "$B/tests/guest/$prog.native";
    my ($want, $nerr) = -x $native ? run_one($m, $native) : (undef, '');
    for my $v (@variants) {
        my $bin = "$B/tests/guest/$prog.$v";
        local $TODO = $m->{todo};
        if (!defined $want || !-x $bin) {
            fail("$prog.$v");
            diag("missing $native or $bin: run 'make check-guest'");
            next;
        }
        my @cmd = (@runner, ($v =~ /dyn/ ? ('-L', $cross_libc) : ()), $bin);
        my ($got, $err) = run_one($m, @cmd);
        ok($got eq $want, "$prog.$v")
            or why_failed("$prog.$v", "command: @cmd", diff_text($want, $got),
                          $err ne '' ? "stderr: " . substr($err, 0, 2000) : '');
    }
}
done_testing();
