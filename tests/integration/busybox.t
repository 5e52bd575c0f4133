#!/usr/bin/perl
# busybox-static (Debian armhf, statically linked) under the runner: shell
# scripts with `sh -c`, and applets compared with the host's tools on the
# same input: ls, sort, md5sum, sed, awk, find, tar (create and list),
# echo/printf, wc, head, seq, gzip; `uname -m` must be armv7l.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use FerryTest;
use Test::More;

need_sysroot();
my $bb = 'bin/busybox';
my $dir = tmpdir();
mkdir "$dir/tree";
mkdir "$dir/tree/sub";
spew("$dir/text.txt", gen_text(100_000, 1));
spew("$dir/tree/a.txt", "apple\nbanana\ncherry\n");
spew("$dir/tree/b.dat", gen_text(5000, 2));
spew("$dir/tree/sub/c.txt", "nested file\n");
spew("$dir/numbers", join("\n", map { ($_ * 7919) % 1000 - 300 } 1 .. 2000) . "\n");
my %in = (cwd => $dir);

sub bb_is {
    my ($name, $args, $want, %o) = @_;
    my ($out, $err, $st) = guest([$bb, @$args], %in, %o);
    my $got = "$out\[exit $st]\n";
    ok($got eq $want, $name) or diag(diff_text($want, $got) . "stderr: $err");
}

bb_is('uname -m is armv7l', ['uname', '-m'], "armv7l\n[exit 0]\n");
bb_is('sh -c uname; echo', ['sh', '-c', 'uname -m; echo hello from ARM'], "armv7l\nhello from ARM\n[exit 0]\n");
bb_is('echo', ['echo', 'hello', 'world'], "hello world\n[exit 0]\n");
bb_is('sh: exit status', ['sh', '-c', 'exit 7'], "[exit 7]\n");
bb_is('sh: false/true/&&/||', ['sh', '-c', 'false || echo a; true && echo b; ! true; echo $?'], "a\nb\n1\n[exit 0]\n");

my $script = <<'SH';
f() { echo "f:$1:$#"; return 3; }
f x y; echo "ret=$?"
i=0; s=0
while [ $i -lt 100 ]; do i=$((i + 1)); s=$((s + i * i)); done
echo "sum=$s"
for w in one two three; do case $w in t*) echo "t-word $w";; *) echo "other $w";; esac; done
v="hello world"; echo "${#v} ${v%world} ${v#hello } ${v:-unset} ${nope:-default}"
echo "$(echo nested $(echo deeper))"
(cd /; pwd); pwd | sed 's|.*/||' | grep -c ferry-test
x=$(printf '%s\n' c b a | sort | tr '\n' ,); echo "$x"
cat <<EOF2
heredoc $((6 * 7))
EOF2
set -- a b c; shift; echo "$@"
echo $((0x10 + 010 + 1024)) $((-7 / 2)) $((-7 % 2)) $((1 << 31))
SH
my ($o) = run_cmd(['/bin/sh', '-c', $script], cwd => $dir);
bb_is('sh script vs host sh', ['sh', '-c', $script], "$o\[exit 0]\n");

same_as_host('ls -1', [$bb, 'ls', '-1', 'tree', 'tree/sub'], ['ls', '-1', 'tree', 'tree/sub'], %in);
same_as_host('sort', [$bb, 'sort', 'text.txt'], ['sort', 'text.txt'], %in);
same_as_host('sort -n -r', [$bb, 'sort', '-n', '-r', 'numbers'], ['sort', '-n', '-r', 'numbers'], %in);
same_as_host('sort -u via stdin', [$bb, 'sort', '-u'], ['sort', '-u'], %in, stdin => slurp("$dir/numbers"));
same_as_host('md5sum', [$bb, 'md5sum', 'text.txt', 'numbers'], ['md5sum', 'text.txt', 'numbers'], %in);
same_as_host('sha256sum', [$bb, 'sha256sum', 'text.txt'], ['sha256sum', 'text.txt'], %in);
same_as_host('sed', [$bb, 'sed', '-e', 's/a\([a-z]*\)a/<\1>/g', '-e', '/omega/d', 'text.txt'],
             ['sed', '-e', 's/a\([a-z]*\)a/<\1>/g', '-e', '/omega/d', 'text.txt'], %in);
my $awk = '{ n[$2]++; s += $1 } END { for (k in n) c++; print NR, s, c; printf "%d %s\n", n["alpha"], substr($0, 1, 5) }';
same_as_host('awk', [$bb, 'awk', $awk, 'text.txt'], ['awk', $awk, 'text.txt'], %in);
same_as_host('wc', [$bb, 'wc', '-l', 'text.txt'], ['wc', '-l', 'text.txt'], %in);
same_as_host('head', [$bb, 'head', '-n', '5', 'text.txt'], ['head', '-n', '5', 'text.txt'], %in);
same_as_host('seq', [$bb, 'seq', '1', '3', '100'], ['seq', '1', '3', '100'], %in);
same_as_host('printf', [$bb, 'printf', '%05d|%-6s|%x|%c\n', '42', 'ab', '255', 'z'],
             ['printf', '%05d|%-6s|%x|%c\n', '42', 'ab', '255', 'z'], %in);
bb_is('find', ['sh', '-c', 'find tree -name "*.txt" | sort'], "tree/a.txt\ntree/sub/c.txt\n[exit 0]\n");

# tar: the guest creates, the host lists and extracts; and the other way.
bb_is('tar create', ['tar', 'cf', 'g.tar', 'tree'], "[exit 0]\n");
my ($list) = run_cmd(['/bin/sh', '-c', 'tar tf g.tar | sort'], cwd => $dir);
is($list, "tree/\ntree/a.txt\ntree/b.dat\ntree/sub/\ntree/sub/c.txt\n", 'host lists guest tar');
my ($x, $e, $st) = run_cmd(['/bin/sh', '-c', 'mkdir ex && tar xf g.tar -C ex && diff -r tree ex/tree && echo same'], cwd => $dir);
is($x, "same\n", 'guest tar extracts identically on the host') or diag($e);
run_cmd(['tar', 'cf', 'h.tar', 'tree'], cwd => $dir);
bb_is('tar list', ['sh', '-c', 'tar tf h.tar | sort'], "tree/\ntree/a.txt\ntree/b.dat\ntree/sub/\ntree/sub/c.txt\n[exit 0]\n");
my ($gz) = guest([$bb, 'gzip', '-c', 'text.txt'], %in);
spew("$dir/g.gz", $gz);
($x) = run_cmd(['gunzip', '-c', 'g.gz'], cwd => $dir);
ok($x eq slurp("$dir/text.txt"), 'busybox gzip output decompresses on the host');
done_testing();
