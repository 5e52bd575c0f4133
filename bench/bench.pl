#!/usr/bin/perl
# ferry's benchmark runner: each workload runs under ferry-arm, under
# qemu-arm and natively (x86-64 build or the host's own tool) in one go;
# prints the best-of-N wall time of each (the runners take turns) and the
# ratios ferry/qemu-arm and ferry/native with their geometric means, then
# the startup cost (CPU time and max RSS of a static hello world and of
# Debian's dynamic /bin/true, best of 10 rounds). Each run's output is
# checked against the native one (or qemu-arm's where there is no native
# twin), so a fast wrong answer shows.
#
# Environment: FERRY (default build/ferry-arm), QEMU (default qemu-arm on
# PATH), BENCH_REPEAT (runs per workload, best kept; default 3, packages
# 1), BENCH_ONLY (comma-separated workload names), BENCH_MB (size of the
# compression input, default 20), FERRY_BUILD, SYSROOT.
use strict;
use warnings;
use Digest::MD5;
use File::Temp qw(tempdir);
use POSIX qw(WIFEXITED WEXITSTATUS);
use Time::HiRes qw(time);

my $B = $ENV{FERRY_BUILD} // 'build';
my $BD = "$B/bench";
my $sysroot = $ENV{SYSROOT} // 'build/sysroot';
my $reps = $ENV{BENCH_REPEAT};
my $mb = $ENV{BENCH_MB} // 20;
my %only = map { $_ => 1 } split /,/, ($ENV{BENCH_ONLY} // '');
my $tmp = tempdir('ferry-bench-XXXXXX', TMPDIR => 1, CLEANUP => 1);

sub which { my ($p) = @_; return $p if $p =~ m{/} && -x $p; for (split /:/, $ENV{PATH}) { return "$_/$p" if -x "$_/$p" } undef }
my $ferry = $ENV{FERRY} // "$B/ferry-arm";
$ferry = undef unless -x $ferry;
my $qemu = which($ENV{QEMU} // 'qemu-arm');
my %runner = (ferry => $ferry, qemu => $qemu);
print "ferry-arm: ", ($ferry // 'not built (skipped)'), "\n";
print "qemu-arm:  ", ($qemu // 'not installed (skipped)'), "\n";

# The compression input: generated text (log-like lines), cached.
my $data = "$BD/data-${mb}mb.txt";
unless (-s $data) {
    open my $fh, '>', $data or die "$data: $!";
    my @w = qw(GET POST /index.html /api/v1/items /static/app.js 200 404 304 500
               user=alice user=bob ms bytes cache=hit cache=miss ferry qemu arm);
    my ($x, $n, $size) = (1, 0, 0);
    while ($size < $mb * 1024 * 1024) {
        my $l = sprintf "2024-01-%02d %02d:%02d:%02d.%03d", 1 + $n % 28, $n / 3600 % 24, $n / 60 % 60, $n % 60, $n % 1000;
        for (1 .. 8) { $x = ($x * 1103515245 + 12345) % 2147483648; $l .= ' ' . $w[($x >> 9) % @w] . ($x % 7 ? '' : $x % 10000) }
        print $fh "$l\n";
        $size += length($l) + 1;
        $n++;
    }
    close $fh;
}

my @work;
for my $k (sort glob("bench/kernels/*.c")) {
    my ($n) = $k =~ m{([^/]+)\.c$};
    push @work, { name => $n, arm => ["$BD/$n.arm"], native => ["$BD/$n.native"] };
}
my $pk = 1;   # package workloads are long: one run unless BENCH_REPEAT says more
push @work,
    { name => 'gzip -9', arm => ["$sysroot/bin/gzip", '-9', '-c'], native => ['gzip', '-9', '-c'], stdin => $data, dyn => 1, pkg => $pk },
    { name => 'gunzip', arm => ["$sysroot/bin/gzip", '-d', '-c'], native => ['gzip', '-d', '-c'], stdin => "$BD/data.gz", dyn => 1, pkg => $pk, prep => sub { system("gzip -6 -c $data > $BD/data.gz") unless -s "$BD/data.gz" && -M "$BD/data.gz" <= -M $data } },
    { name => 'xz -9', arm => ["$sysroot/usr/bin/xz", '-9', '-T1', '-c'], native => ['xz', '-9', '-T1', '-c'], stdin => $data, dyn => 1, pkg => $pk },
    { name => 'bzip2 -9', arm => ["$sysroot/bin/bzip2", '-9', '-c'], native => ['bzip2', '-9', '-c'], stdin => $data, dyn => 1, pkg => $pk },
    { name => 'lua5.4', arm => ["$sysroot/usr/bin/lua5.4", 'bench/bench.lua'], native => ['lua5.4', 'bench/bench.lua'], dyn => 1, pkg => $pk },
    { name => 'sqlite3', arm => ["$sysroot/usr/bin/sqlite3", ':memory:'], native => ['sqlite3', ':memory:'], stdin => 'bench/sqlite.sql', dyn => 1, pkg => $pk };
@work = grep { $only{$_->{name}} } @work if %only;

# One timed run: stdout to a file (hashed afterwards), wall time measured.
sub run_once {
    my ($argv, $stdin) = @_;
    my $t0 = time;
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        open STDIN, '<', $stdin // '/dev/null' or die "$stdin: $!";
        open STDOUT, '>', "$tmp/out" or die;
        open STDERR, '>', "$tmp/err" or die;
        exec @$argv or exit 127;
    }
    waitpid($pid, 0);
    my $dt = time - $t0;
    my $st = $?;
    open my $fh, '<:raw', "$tmp/out" or die;
    my $md5 = Digest::MD5->new->addfile($fh)->hexdigest;
    return ($st == 0 ? $dt : undef, $md5);
}

sub fmt_t { defined $_[0] ? sprintf('%9.3fs', $_[0]) : sprintf('%10s', '-') }
sub fmt_r { defined $_[0] ? sprintf('%13.2f', $_[0]) : sprintf('%13s', '-') }

printf "\n%-14s %10s %10s %10s %13s %13s\n", 'workload', 'ferry-arm', 'qemu-arm', 'native', 'ferry/qemu', 'ferry/native';
my (@rq, @rn);
for my $w (@work) {
    my $n = $reps // ($w->{pkg} ? 1 : 3);
    $w->{prep}->() if $w->{prep};
    my %t;
    my %md5;
    my $nat = $w->{native};
    my $natpath = $nat && ($nat->[0] =~ m{/} ? (-x $nat->[0] ? $nat->[0] : undef) : which($nat->[0]));
    my %cmd;
    $cmd{native} = [$natpath, @{$nat}[1 .. $#$nat]] if $natpath;
    for my $r (qw(qemu ferry)) {
        next unless $runner{$r} && -e $w->{arm}[0];
        $cmd{$r} = [$runner{$r}, ($w->{dyn} ? ('-L', $sysroot) : ()), @{ $w->{arm} }];
    }
    # Round-robin (native, qemu, ferry, native, ...), best of n each: a
    # slow spell of this shared machine then hits all three alike instead
    # of one runner's whole series.
    my %failed;
    for (1 .. $n) {
        for my $r (grep { $cmd{$_} && !$failed{$_} } qw(native qemu ferry)) {
            my ($t, $m) = run_once($cmd{$r}, $w->{stdin});
            if (!defined $t) { $failed{$r} = 1; delete $t{$r}; next }
            $t{$r} = $t if !defined $t{$r} || $t < $t{$r};
            $md5{$r} = $m;
        }
    }
    my $ref = $md5{native} // $md5{qemu};
    my @bad = grep { defined $md5{$_} && defined $t{$_} && $ref && $md5{$_} ne $ref } qw(ferry qemu);
    my $rq = defined $t{ferry} && defined $t{qemu} && !@bad ? $t{ferry} / $t{qemu} : undef;
    my $rn = defined $t{ferry} && defined $t{native} && !@bad ? $t{ferry} / $t{native} : undef;
    push @rq, $rq if defined $rq;
    push @rn, $rn if defined $rn;
    printf "%-14s %s %s %s %s %s%s\n", $w->{name}, fmt_t($t{ferry}), fmt_t($t{qemu}), fmt_t($t{native}),
        fmt_r($rq), fmt_r($rn), (@bad ? "  WRONG OUTPUT: @bad" : '');
}
sub geomean { my $s = 0; $s += log($_) for @_; @_ ? exp($s / @_) : undef }
printf "%-14s %10s %10s %10s %s %s\n", 'geomean', '', '', '', fmt_r(geomean(@rq)), fmt_r(geomean(@rn));

# Startup: CPU time and max RSS over many runs, in rounds that take turns
# (ferry, qemu, native, ferry, ...); the best round's mean is kept, so a
# slow spell of the machine does not land on one runner alone.
my $sn = $ENV{BENCH_STARTUP_RUNS} // 200;
my $rounds = 10;
my $per = int(($sn + $rounds - 1) / $rounds);
print "\nstartup ($rounds rounds of $per runs each): CPU time (user+sys) per run, best round's mean, and max RSS\n";
my @starts = (
    ['static hello', ["$BD/hello.arm"], ["$BD/hello.native"], 0],
    ['Debian /bin/true', ["$sysroot/bin/true"], ['/bin/true'], 1],
);
for my $s (@starts) {
    my ($name, $arm, $nat, $dyn) = @$s;
    my (%cmd, %cpu, %rss);
    for my $r (qw(ferry qemu native)) {
        my @c = $r eq 'native' ? @$nat : $runner{$r} ? ($runner{$r}, ($dyn ? ('-L', $sysroot) : ()), @$arm) : ();
        $cmd{$r} = \@c if @c;
    }
    for (1 .. $rounds) {
        for my $r (grep { $cmd{$_} } qw(ferry qemu native)) {
            my $out = `$BD/startup $per @{$cmd{$r}} 2>&1`;
            my ($ms, $kb) = $out =~ /cpu_ms=([\d.]+) maxrss_kb=(\d+)/ or do { print "  $name $r: $out"; delete $cmd{$r}; next };
            $cpu{$r} = $ms if !defined $cpu{$r} || $ms < $cpu{$r};
            $rss{$r} = $kb if !defined $rss{$r} || $kb > $rss{$r};
        }
    }
    for my $r (grep { defined $cpu{$_} } qw(ferry qemu native)) {
        printf "  %-18s %-7s cpu_ms=%.3f maxrss_kb=%d runs=%d\n", $name, $r, $cpu{$r}, $rss{$r}, $rounds * $per;
    }
    printf "  %-18s ferry/qemu CPU time %.2f\n", $name, $cpu{ferry} / $cpu{qemu} if $cpu{ferry} && $cpu{qemu};
}
