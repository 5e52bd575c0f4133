#!/usr/bin/perl
# Compression round trips between the guest's and the host's tools: gzip,
# xz (liblzma), bzip2 (libbz2) and tar with -z/-J. Data compressed by the
# armhf build must decompress on the host to the original and vice versa;
# with the same options, gzip/xz/bzip2 output must be byte-identical to
# the host's (same Debian versions).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use FerryTest;
use Test::More;

need_sysroot();
my $dir = tmpdir();
my $data = gen_text(300_000, 99);
spew("$dir/data.txt", $data);
mkdir "$dir/tree";
spew("$dir/tree/$_", gen_text(2000 * $_, $_)) for 1 .. 4;
my %in = (cwd => $dir);

# gzip -n: no name or time stamp in the header, so that outputs compare.
for my $t (['gzip', 'bin/gzip', '-9n'], ['xz', 'usr/bin/xz', '-6'], ['bzip2', 'bin/bzip2', '-9']) {
    my ($tool, $path, $level) = @$t;
    my ($gc, $ge, $gs) = guest([$path, $level, '-c'], %in, stdin => $data);
    my ($hc) = host([$tool, $level, '-c'], %in, stdin => $data);
    ok($gs == 0 && $gc eq $hc, "$tool $level: guest output identical to host's")
        or diag("status $gs, sizes guest " . length($gc) . " host " . length($hc) . "\n$ge");
    my ($back) = host([$tool, '-d', '-c'], %in, stdin => $gc);
    ok($back eq $data, "$tool: guest-compressed data decompresses on the host");
    my ($gd, $gde, $gds) = guest([$path, '-d', '-c'], %in, stdin => $hc);
    ok($gds == 0 && $gd eq $data, "$tool: guest decompresses host-compressed data") or diag($gde);
    my ($tst, $te, $ts) = guest([$path, '-t'], %in, stdin => $hc);
    is($ts, 0, "$tool -t on valid data") or diag($te);
    my ($bad, $be, $bs) = guest([$path, '-d', '-c'], %in, stdin => substr($hc, 0, length($hc) / 2));
    isnt($bs, 0, "$tool: truncated input is an error");
}

# xz with threads: blocks are compressed by worker threads (pthreads,
# futex-based queues) and written in order, so the output still equals
# the host's; decompression with threads too.
{
    my @opts = ('-T4', '--block-size=64KiB', '-1');
    my ($gc, $ge, $gs) = guest(['usr/bin/xz', @opts, '-c'], %in, stdin => $data);
    my ($hc) = host(['xz', @opts, '-c'], %in, stdin => $data);
    ok($gs == 0 && $gc eq $hc, "xz @opts: guest output identical to host's")
        or diag("status $gs, sizes guest " . length($gc) . " host " . length($hc) . "\n$ge");
    my ($gd, $gde, $gds) = guest(['usr/bin/xz', '-T2', '-d', '-c'], %in, stdin => $hc);
    ok($gds == 0 && $gd eq $data, "xz -T2 -d: guest decompresses with threads") or diag($gde);
}

# tar with compression: the guest's tar runs a compressor (a child
# process: fork and execve under the runner).
for my $t (['z', 'tgz'], ['J', 'txz']) {
    my ($flag, $ext) = @$t;
    my ($o, $e, $s) = guest(['bin/tar', "-c${flag}f", "g.$ext", 'tree'], %in);
    is($s, 0, "tar -c$flag by the guest") or diag($e);
    my ($l) = run_cmd(['/bin/sh', '-c', "tar -t${flag}f g.$ext | sort"], %in);
    is($l, "tree/\ntree/1\ntree/2\ntree/3\ntree/4\n", "host lists the guest's .$ext");
    run_cmd(['tar', "-c${flag}f", "h.$ext", 'tree'], %in);
    same_as_host("tar -t$flag of the host's archive", ['bin/tar', "-t${flag}vf", "h.$ext"], ['tar', "-t${flag}vf", "h.$ext"], %in);
    ($o, $e, $s) = guest(['bin/tar', "-x${flag}f", "h.$ext", '-C', 'out'], %in) if mkdir "$dir/out";
    ($l) = run_cmd(['diff', '-r', 'tree', 'out/tree'], %in);
    ok($s == 0 && $l eq '', "guest extracts the host's .$ext identically") or diag("$e$l");
    system('rm', '-rf', "$dir/out");
}
done_testing();
