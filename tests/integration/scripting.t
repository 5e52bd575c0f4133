#!/usr/bin/perl
# Interpreters from Debian armhf: perl (perl-base) and python3.11, running
# short scripts whose output must equal the host's perl 5.36 / python 3.11
# on the same script. Interpreters are dense with indirect branches, big
# switch dispatch, allocation and libc calls. Mostly integer and string
# work, and one floating-point test.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use FerryTest;
use Test::More;

need_sysroot();
my $dir = tmpdir();
spew("$dir/in.txt", gen_text(50_000, 3));
# Hash randomisation off, so that both runs can print the same thing.
my %in = (cwd => $dir, env => { fixed_env(PYTHONHASHSEED => '0', PYTHONDONTWRITEBYTECODE => '1', PERL_HASH_SEED => '0') });

my @perl = (
    regex => 'open my $f, "<", "in.txt" or die; my %c; while (<$f>) { $c{$1}++ while /\b(\w*a\w*)\b/g } print map { "$_ $c{$_}\n" } (sort { $c{$b} <=> $c{$a} || $a cmp $b } keys %c)[0..9]',
    strings => 'my $s = join ",", map { sprintf "%03d:%x:%o:%s", $_, $_ * 7, $_, "ab" x ($_ % 4) } 1 .. 300; print length($s), " ", substr($s, 100, 40), " ", scalar reverse(substr $s, 0, 20), " ", uc(substr $s, -30), "\n"; print join("|", split /,/, "a,b,,c,,"), "\n"',
    integer => 'use integer; my ($a, $b) = (1, 1); for (1 .. 40) { ($a, $b) = ($b, ($a + $b) % 1000003) } my $x = 0; $x = ($x * 31 + $_) % 2147483647 for 1 .. 100000; print "$a $b $x ", 17 / 5, " ", -17 % 5, " ", 1 << 20, "\n"',
    pack => 'my $p = pack "NnCa4V", 0xdeadbeef, 513, 65, "xyz", 7; print unpack("H*", $p), "\n"; my @u = unpack "NnCa4V", $p; print "@u\n"; print join(",", unpack "C*", pack "w", 300), "\n"',
    sort_hash => 'my %h = map { ($_ => $_ * $_ % 97) } 1 .. 2000; my @k = sort { $h{$a} <=> $h{$b} || $a <=> $b } keys %h; print "@k[0..14]\n"; print scalar(keys %h), " ", (grep { $h{$_} == 0 } keys %h) + 0, "\n"',
    subs => 'sub ack { my ($m, $n) = @_; return $n + 1 if !$m; return ack($m - 1, 1) if !$n; ack($m - 1, ack($m, $n - 1)) } print ack(2, 3), " "; my @c = map { my $i = $_; sub { $i * shift } } 1 .. 5; print join(",", map { $_->(10) } @c), "\n"; eval { die "boom\n" }; print "caught $@"',
    files => 'opendir my $d, "." or die; print join(" ", sort grep { !/^\./ } readdir $d), "\n"; open my $o, ">", "out.txt" or die; print $o "line $_\n" for 1 .. 1000; close $o; print -s "out.txt", "\n"; unlink "out.txt"; print -e "out.txt" ? "exists\n" : "gone\n"',
);
while (my ($name, $code) = splice(@perl, 0, 2)) {
    same_as_host("perl: $name", ['usr/bin/perl', '-e', $code], ['perl', '-e', $code], %in);
}

my @py = (
    bigint => 'import math; f = math.factorial(300); print(sum(map(int, str(f))), f % 1000003, pow(3, 10**5, 10**9 + 7), (2**521 - 1) % 2**61, -7 // 2, -7 % 2, divmod(10**30, 12345))',
    strings => 's = "".join(chr(0x41 + i % 26) for i in range(1000)); print(len(s), s[100:120].lower(), s.count("ABC"), "é€😀".encode("utf-8").hex(), f"{12345:>10,}|{255:#x}|{-3:05d}")',
    collections => 'import collections, itertools; w = open("in.txt").read().split(); c = collections.Counter(w); print(c.most_common(5)); print(sorted(set(w))[:8]); print(list(itertools.islice(itertools.permutations("abcd", 2), 5)))',
    json_re => 'import json, re; d = {"k%d" % i: [i, str(i), {"sq": i * i}] for i in range(50)}; s = json.dumps(d, sort_keys=True); print(len(s), json.loads(s)["k7"]); print(re.findall(r"(\w)a(\w+)", "banana cabana alabama")[:5], re.sub(r"(\d+)", lambda m: str(int(m.group()) * 2), "a1b22c333"))',
    binary => 'import hashlib, zlib, struct, bz2, lzma; data = open("in.txt", "rb").read(); print(hashlib.sha256(data).hexdigest(), hashlib.md5(data).hexdigest(), zlib.crc32(data), len(zlib.compress(data, 9))); print(struct.pack("<IhQb", 1, -2, 2**40, -1).hex(), struct.unpack(">HI", bytes(range(6)))); print(bz2.decompress(bz2.compress(data)) == data, lzma.decompress(lzma.compress(data)) == data)',
    classes => <<'PY',
class V:
    def __init__(s, *a): s.a = a
    def __add__(s, o): return V(*(x + y for x, y in zip(s.a, o.a)))
    def __repr__(s): return "V%r" % (s.a,)
def gen(n):
    for i in range(n):
        if i % 3: yield i * i
try:
    print(V(1, 2) + V(3, 4), sum(gen(1000)), [x for x in gen(20)])
    {}["missing"]
except KeyError as e:
    print("KeyError", e)
PY
    threads => <<'PY',
import threading
n = [0]
lock = threading.Lock()
def work():
    for _ in range(20000):
        with lock: n[0] += 1
ts = [threading.Thread(target=work) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(n[0])
PY
    os_files => 'import os; open("f.txt", "w").write("x" * 1234); print(sorted(os.listdir(".")), os.stat("f.txt").st_size, os.path.exists("f.txt")); os.remove("f.txt"); print(os.path.exists("f.txt"), os.getcwd() == os.path.realpath("."))',
);
while (my ($name, $code) = splice(@py, 0, 2)) {
    same_as_host("python3: $name", ['usr/bin/python3.11', '-c', $code], ['python3.11', '-c', $code], %in);
}
my ($o, $e, $st) = guest(['usr/bin/python3.11', '-c', 'import platform, sys; print(platform.machine(), sys.byteorder, sys.maxsize == 2**31 - 1)'], %in);
is($o, "armv7l little True\n", 'python3 sees a 32-bit little-endian armv7l') or diag($e);
my $fcode = 'import math; print(0.1 + 0.2, math.sqrt(2), sum(1 / i for i in range(1, 10000)), "%.6e" % math.pi ** 10, float("1e-310") * 3)';
same_as_host('python3: floats', ['usr/bin/python3.11', '-c', $fcode], ['python3.11', '-c', $fcode], %in);
done_testing();
