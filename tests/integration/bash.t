#!/usr/bin/perl
# GNU bash (Debian armhf, dynamic, with libtinfo) running `bash -c`
# scripts made of builtins: arithmetic, arrays, associative arrays,
# parameter expansion, functions and recursion, subshells and pipes
# (fork), here-strings, traps, [[ =~ ]] (libc regex), globbing over a
# directory, printf -v. Each output must equal the host's bash 5.2.
# Then external commands, which must run as ARM programs too.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use FerryTest;
use Test::More;

need_sysroot();
my $dir = tmpdir();
spew("$dir/$_.txt", "$_\n") for qw(b a c);
spew("$dir/data", join('', map { "k$_ " . ($_ * $_) . "\n" } 1 .. 50));
my %in = (cwd => $dir);

my @scripts = (
    arithmetic => 'echo $(( (7 + 3) * 4 / 3 % 5 )) $(( -17 / 5 )) $(( 1 << 40 )) $(( 0xff ^ 0x0f )) $(( 2 ** 31 )); let x=5 x*=3; echo $x',
    strings => 's="Hello, ARM World"; echo "${s,,} ${s^^} ${#s} ${s/World/there} ${s//o/0} ${s:7:3} ${s: -5}"',
    arrays => 'a=(zero one two three); a+=(four); echo "${#a[@]} ${a[2]} ${a[@]:1:2} ${!a[@]}"; unset "a[1]"; echo "${a[*]}"',
    assoc => 'declare -A m=([x]=1 [y]=2); m[z]=3; for k in $(printf "%s\n" "${!m[@]}" | sort); do echo "$k=${m[$k]}"; done',
    functions => 'fib() { local n=$1; if (( n < 2 )); then echo $n; else echo $(( $(fib $((n-1))) + $(fib $((n-2))) )); fi; }; fib 10',
    loops => 'for ((i=0; i<5; i++)); do printf "%d," $((i*i)); done; echo; n=0; while read -r k v; do (( n += v )); done < data; echo $n',
    subshells => 'x=1; (x=2; echo in $x); echo out $x; echo a b c | { read -r p q r; echo "$r$q$p"; }; echo "$(echo one; echo two)" | wc -l',
    herestring => 'read -r a b <<< "first second third"; echo "[$a] [$b]"; mapfile -t L < data; echo ${#L[@]} "${L[49]}"',
    regex => 're="^k([0-9]+) ([0-9]+)$"; line="k12 144"; [[ $line =~ $re ]] && echo "${BASH_REMATCH[1]}:${BASH_REMATCH[2]}"; [[ abc == a* ]] && echo glob',
    glob => 'echo *.txt; shopt -s nullglob; echo none*; set -- ?.txt; echo $#',
    traps => 'trap "echo exiting" EXIT; f() { return 4; }; f; echo status $?; (exit 3); echo sub $?',
    printf_v => 'printf -v out "%05.1f|%-4s|%x" 3.14159 ab 255 2>/dev/null || printf -v out "%s" fallback; echo "$out"; printf "%s\n" "${out//|/ }"',
    errexit => 'set -e; echo before; false; echo never',
    case_select => 'for w in apple Banana 42 ""; do case $w in [a-z]*) echo lower;; [A-Z]*) echo upper;; *[0-9]) echo num;; *) echo empty;; esac; done',
);
my %status = (errexit => 1);
while (my ($name, $script) = splice(@scripts, 0, 2)) {
    same_as_host("bash: $name", ['bin/bash', '-c', $script], ['bash', '-c', $script], %in, status => $status{$name} // 0);
}
my ($o, $e, $st) = guest(['bin/bash', '-c', 'echo "$HOSTTYPE ${BASH_VERSINFO[5]}"'], %in);
is($o, "arm arm-unknown-linux-gnueabihf\n", 'bash knows it is the ARM build') or diag($e);

# Programs that bash runs (fork + execve) are armhf programs from the
# sysroot too: through PATH, by absolute path, in a pipeline, in command
# substitution. qemu-arm without binfmt_misc execs them natively instead.
SKIP: {
    skip('qemu-arm runs execve\'d programs on the host (no binfmt_misc here)', 1) if runner_name() eq 'qemu-arm';
    my ($x, $xe) = guest(['bin/bash', '-c', 'uname -m; /bin/uname -m; echo "$(uname -m)"; uname -m | tr a-z A-Z; env uname -m'], %in);
    is($x, "armv7l\narmv7l\narmv7l\nARMV7L\narmv7l\n", 'bash runs sysroot programs as ARM guests') or diag($xe);
}
done_testing();
