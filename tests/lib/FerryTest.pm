# FerryTest: what the TAP scripts under tests/ share.
#
# Every test runs a program (a guest under the runner, or a host tool) with
# a clean, fixed environment, a time limit and no core dumps, capturing
# stdout, stderr and the exit status the way a shell reports it (128+N for
# death by signal N), so that expectations read like `sh` transcripts.
#
# The runner is $RUNNER (split on spaces), default $FERRY_BUILD/ferry-arm
# (FERRY_BUILD defaults to build); `make check RUNNER=qemu-arm` validates
# the tests themselves against the reference emulator.
package FerryTest;
use strict;
use warnings;
use File::Temp qw(tempdir);
use File::Spec;
use Exporter 'import';
our @EXPORT = qw(build_dir runner_cmd runner_name run_cmd shell_status
                 slurp spew diff_text fixed_env tmpdir which
                 sysroot need_sysroot guest host same_as_host gen_text
                 known_failure why_failed);

sub build_dir { $ENV{FERRY_BUILD} // 'build' }

# ---- known failures --------------------------------------------------------
# tests/known-failures.txt names tests that fail with today's ferry-arm for
# a known reason; they still run, as TAP TODO tests: a failure is reported
# but does not fail the suite, and a pass shows as "TODO passed" (then the
# line should go). Lines: "SCRIPT: NAME-GLOB -- REASON", SCRIPT relative
# to tests/ (guest.t, integration/coreutils.t). Not applied when the runner
# is qemu-arm (the list is about ferry) or with FERRY_KNOWN_FAILURES=0.
my @known;
# The tests/ directory: the one holding lib/FerryTest.pm.
my $tests_dir = File::Spec->rel2abs(__FILE__) =~ s{/lib/[^/]+$}{}r;
sub _load_known {
    my $file = $ENV{FERRY_KNOWN_FAILURES} // "$tests_dir/known-failures.txt";
    return if $file eq '0' || !-f $file;
    return if runner_name() eq 'qemu-arm';
    my $script = File::Spec->abs2rel(File::Spec->rel2abs($0), $tests_dir);
    open my $fh, '<', $file or return;
    while (<$fh>) {
        next if /^\s*(#|$)/;
        chomp;
        my ($lhs, $why) = split /\s+--\s+/, $_, 2;
        my ($sc, $glob) = $lhs =~ /^\s*(\S+?):\s+(.*?)\s*$/ or next;
        next unless $sc eq $script;
        my $re = join '', map { $_ eq '*' ? '.*' : $_ eq '?' ? '.' : quotemeta } split /([*?])/, $glob;
        push @known, [qr/^$re$/, $why // 'known failure'];
    }
}
sub known_failure {
    my ($name) = @_;
    for my $k (@known) { return $k->[1] if defined $name && $name =~ $k->[0] }
    return undef;
}
# Diagnostics of a failed test: to stderr, or only with prove -v (note)
# when the failure is a known one, so that the run's output stays readable.
sub why_failed {
    my ($name, @msg) = @_;
    my $how = defined known_failure($name) ? \&Test::More::note : \&Test::More::diag;
    $how->($_) for grep { defined && $_ ne '' } @msg;
}
{
    require Test::Builder;
    no warnings 'redefine';
    my $orig_ok = \&Test::Builder::ok;
    *Test::Builder::ok = sub {
        my ($self, $test, $name) = @_;
        my $why = known_failure($name);
        return $orig_ok->(@_) unless defined $why;
        $self->todo_start($why);
        local $Test::Builder::Level = $Test::Builder::Level + 1;
        my $r = $orig_ok->(@_);
        $self->todo_end;
        return $r;
    };
}

sub which {
    my ($prog) = @_;
    return File::Spec->rel2abs($prog) if $prog =~ m{/};
    for my $d (split /:/, $ENV{PATH} // '/usr/bin:/bin') {
        return "$d/$prog" if -f "$d/$prog" && -x _;
    }
    return undef;
}

# The runner as an argument list with an absolute program path (the tests
# clear PATH for the guest).
sub runner_cmd {
    my @r = split ' ', ($ENV{RUNNER} // build_dir() . '/ferry-arm');
    my $abs = which($r[0]);
    die "runner '$r[0]' not found (build ferry-arm, or set RUNNER=qemu-arm)\n" unless $abs;
    $r[0] = $abs;
    return @r;
}

sub runner_name { my $r = (split ' ', ($ENV{RUNNER} // build_dir() . '/ferry-arm'))[0]; $r =~ s{.*/}{}; return $r }

# Environment every guest and its native twin see: nothing from the caller,
# so that outputs are comparable and the runner is not steered by
# FERRY_*/QEMU_* variables that happen to be set.
# The runner's own knobs pass through: FERRY_TIER=0 runs a suite with
# every unit translated hot (tests/guest-hot.t), FERRY_INTERP=0 with
# every unit compiled from its first run instead of interpreted.
sub fixed_env {
    return (LC_ALL => 'C', HOME => '/nonexistent', TZ => 'UTC',
            PATH => '/usr/bin:/bin', (map { defined $ENV{$_} ? ($_ => $ENV{$_}) : () } qw(FERRY_TIER FERRY_INTERP)), @_);
}

sub tmpdir { tempdir('ferry-test-XXXXXX', TMPDIR => 1, CLEANUP => 1) }

sub slurp {
    my ($f) = @_;
    open my $fh, '<:raw', $f or return undef;
    local $/;
    my $d = <$fh>;
    return $d // '';
}

sub spew {
    my ($f, $d) = @_;
    open my $fh, '>:raw', $f or die "$f: $!";
    print $fh $d;
    close $fh or die "$f: $!";
}

sub shell_status {
    my ($st) = @_;
    return $st & 127 ? 128 + ($st & 127) : $st >> 8;
}

# run_cmd(\@argv, stdin => DATA, env => {..}, cwd => DIR, timeout => SECS)
# returns (stdout, stderr, status). The environment is exactly env (plus
# nothing); stdin is /dev/null unless given. Output goes through files so
# that large outputs cannot dead-lock a pipe.
#
# A runner that hangs would otherwise make every later test wait for its
# time limit: after MAX_TIMEOUTS time-outs in a row, later commands in the
# same script are not run and report status 124 ("timed out") at once.
my $timeouts_in_a_row = 0;
use constant MAX_TIMEOUTS => 3;
sub run_cmd {
    my ($argv, %o) = @_;
    if ($timeouts_in_a_row >= MAX_TIMEOUTS) {
        return ('', "not run: the previous " . MAX_TIMEOUTS . " commands timed out\n", 124);
    }
    my $t = tmpdir();
    my $in = '/dev/null';
    if (defined $o{stdin}) { $in = "$t/in"; spew($in, $o{stdin}); }
    # FERRY_TEST_TIMEOUT overrides every limit (slow MODE=asan builds).
    my $timeout = $ENV{FERRY_TEST_TIMEOUT} // $o{timeout} // 60;
    my %env = %{ $o{env} // { fixed_env() } };
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        %ENV = %env;
        chdir $o{cwd} or die "chdir $o{cwd}: $!" if defined $o{cwd};
        open STDIN, '<', $in or die;
        open STDOUT, '>', "$t/out" or die;
        open STDERR, '>', "$t/err" or die;
        # timeout(1) kills a hung guest; it re-raises the child's fatal
        # signal, so death by signal still shows as 128+N.
        exec '/bin/sh', '-c', 'ulimit -c 0; exec timeout -k 5 "$@"', 'sh', $timeout, @$argv
            or die "exec: $!";
    }
    waitpid($pid, 0);
    my $st = shell_status($?);
    $timeouts_in_a_row = $st == 124 ? $timeouts_in_a_row + 1 : 0;
    return (slurp("$t/out"), slurp("$t/err") . ($st == 124 ? "timed out after ${timeout}s\n" : ''), $st);
}

# A unified diff of two texts, for diagnostics.
sub diff_text {
    my ($want, $got) = @_;
    my $t = tmpdir();
    spew("$t/expected", $want);
    spew("$t/got", $got);
    my $d = `cd $t && diff -u expected got 2>&1`;
    $d = substr($d, 0, 4000) . "\n...(diff truncated)\n" if length $d > 4000;
    return $d;
}

# ---- integration helpers: real Debian armhf binaries ----------------------

sub sysroot { File::Spec->rel2abs($ENV{SYSROOT} // 'build/sysroot') }

sub need_sysroot {
    my $s = sysroot();
    return if -f "$s/.complete";
    require Test::More;
    Test::More::plan(skip_all => "no sysroot at $s: run 'make sysroot' (scripts/sysroot.sh)");
}

# guest([PROG, ARGS...], %opts): PROG is a path inside the sysroot
# (bin/ls), run as `RUNNER -L SYSROOT SYSROOT/PROG ARGS`.
sub guest {
    my ($argv, %o) = @_;
    my ($prog, @args) = @$argv;
    my $s = sysroot();
    return run_cmd([runner_cmd(), '-L', $s, "$s/$prog", @args], %o);
}

# host([PROG, ARGS...], %opts): the host's own tool, found in /usr/bin:/bin.
sub host {
    my ($argv, %o) = @_;
    my ($prog, @args) = @$argv;
    $prog =~ s{.*/}{};
    my $abs = (-x "/usr/bin/$prog") ? "/usr/bin/$prog" : "/bin/$prog";
    return run_cmd([$abs, @args], %o);
}

# One TAP line: the guest program's stdout and exit status equal the host
# tool's on the same arguments, input and directory. status => N: the exit
# status the host's run must have (default 0), so that a broken test (a
# command that fails on the host too) is not taken for a pass.
sub same_as_host {
    my ($name, $gargv, $hargv, %o) = @_;
    my %run = %o;
    delete $run{status};
    my ($hout, $herr, $hst) = host($hargv // $gargv, %run);
    my ($gout, $gerr, $gst) = guest($gargv, %run);
    my $want = "$hout\[exit $hst]\n";
    my $got = "$gout\[exit $gst]\n";
    # The host's run is the oracle: if it did not do what the test meant
    # (status => N, default 0), the test itself is broken.
    my $host_ok = $hst == ($o{status} // 0);
    # Where the host is silent on stderr the guest must be too: a wrong
    # syscall result often shows only as an error message.
    my $quiet_ok = $herr ne '' || $gerr eq '';
    my $ok = Test::More::ok($host_ok && $quiet_ok && $want eq $got, $name);
    Test::More::diag("the host's own run exited $hst, expected " . ($o{status} // 0) . ": $herr") unless $host_ok;
    why_failed($name, "guest: @$gargv", diff_text($want, $got),
               $gerr ne '' ? "guest stderr: " . substr($gerr, 0, 1500) : '') unless $ok;
    return $ok;
}

# Deterministic text of about BYTES bytes: words from a fixed-seed LCG, so
# that the same file is made on every machine.
sub gen_text {
    my ($bytes, $seed) = @_;
    my @w = qw(alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu
               nu xi omicron pi rho sigma tau upsilon phi chi psi omega ARM x86
               ferry qemu 0 1 42 1000 -7 3.14 hello world foo bar baz);
    my $x = $seed // 12345;
    my ($out, $line) = ('', 0);
    while (length $out < $bytes) {
        my $n = 3 + $line % 9;
        my @l;
        for (1 .. $n) { $x = ($x * 1103515245 + 12345) % 2147483648; push @l, $w[($x >> 8) % @w]; }
        $out .= join(' ', $line, @l) . "\n";
        $line++;
    }
    return $out;
}

_load_known();

1;
