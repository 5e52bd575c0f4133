#!/usr/bin/perl
# Dynamically linked Debian armhf coreutils, grep, sed, findutils and
# diffutils (ld-linux-armhf.so.3, libc, libacl, libselinux, libpcre2,
# libgmp from the sysroot) under `RUNNER -L SYSROOT`, each compared with
# the host's amd64 build of the same Debian version on the same input.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use FerryTest;
use Test::More;

need_sysroot();
my $dir = tmpdir();
spew("$dir/text.txt", gen_text(200_000, 7));
spew("$dir/small.txt", "one\ntwo\nthree\ntwo\none\none\n");
spew("$dir/cols.csv", join('', map { "$_," . ($_ * 37 % 101) . ",name$_\n" } 1 .. 300));
mkdir "$dir/d";
spew("$dir/d/$_", "$_\n" x $_) for 1 .. 5;
symlink('1', "$dir/d/link");
my %in = (cwd => $dir);
my $text = slurp("$dir/text.txt");

sub same { my ($name, @argv) = @_; my %o = ref $argv[-1] ? %{ pop @argv } : (); same_as_host($name, ["bin/$argv[0]", @argv[1 .. $#argv]], \@argv, %in, %o) }
sub same_usr { my ($name, @argv) = @_; my %o = ref $argv[-1] ? %{ pop @argv } : (); same_as_host($name, ["usr/bin/$argv[0]", @argv[1 .. $#argv]], \@argv, %in, %o) }
sub same_stdin {
    my ($name, $stdin, @argv) = @_;
    my $path = -e sysroot() . "/bin/$argv[0]" ? "bin/$argv[0]" : "usr/bin/$argv[0]";
    same_as_host($name, [$path, @argv[1 .. $#argv]], \@argv, %in, stdin => $stdin);
}

same('ls -1', 'ls', '-1', 'd');
same('ls -l', 'ls', '-l', '--time-style=+%s', 'd');
same('ls -a -R', 'ls', '-a', '-R');
same('cat', 'cat', 'small.txt', 'text.txt');
same('cat -n via stdin', 'cat', '-n', 'small.txt');
same_usr('sort', 'sort', 'text.txt');
same_usr('sort -t, -k2n', 'sort', '-t,', '-k2,2n', '-k1,1nr', 'cols.csv');
same_usr('md5sum', 'md5sum', 'text.txt', 'small.txt');
same_usr('sha1sum', 'sha1sum', 'text.txt');
same_usr('wc', 'wc', 'text.txt', 'small.txt');
same_usr('head -c', 'head', '-c', '1000', 'text.txt');
same_usr('tail -n', 'tail', '-n', '7', 'text.txt');
same_stdin('tr', $text, 'tr', 'a-z', 'A-Z');
same_stdin('tr -d', $text, 'tr', '-d', '0-9');
same_stdin('tr -s', $text, 'tr', '-s', 'a-z');
same_usr('seq', 'seq', '-w', '-5', '3', '40');
same_usr('expr', 'expr', '6', '*', '7', '+', '123456789');
same_usr('expr regex', 'expr', 'ferry-arm-1.0', ':', '.*-\([0-9.]*\)');
same_usr('cut', 'cut', '-d,', '-f2,3', 'cols.csv');
same_stdin('uniq -c', "a\na\nb\nc\nc\nc\n", 'uniq', '-c');
same_usr('od', 'od', '-A', 'x', '-t', 'x1z', 'small.txt');
same_usr('factor (libgmp)', 'factor', '1234567890123', '18446744073709551557');
same('date -u', 'date', '-u', '-d', '@1700000000', '+%Y-%m-%d %H:%M:%S %A %j %s');
same_usr('printf', 'printf', '%5.2s|%+d|%o|%X|%%\n', 'abc', '5', '64', '48879');
same_usr('basename/dirname', 'basename', '/a/b/c.tar.gz', '.gz');
same_usr('stat', 'stat', '-c', '%s %F %a %h', 'text.txt', 'd', 'd/link');
same('readlink', 'readlink', 'd/link');
same_usr('comm', 'comm', '-3', 'd/1', 'd/2');
same_usr('nl', 'nl', '-ba', 'small.txt');
same_usr('fold', 'fold', '-w', '17', 'small.txt');
same_usr('base64', 'base64', 'small.txt');
same('exit status of false', 'false', { status => 1 });
same_usr('test', 'test', '-f', 'text.txt', '-a', '-d', 'd');
same('grep -E', 'grep', '-E', '-n', '(alpha|omega) [a-z]+a\b', 'text.txt');
same('grep -c -i', 'grep', '-c', '-i', 'ARM', 'text.txt');
same('grep -o -w', 'grep', '-o', '-w', '[0-9]+', '-E', 'small.txt', 'cols.csv');
same('grep without a match exits 1', 'grep', 'zzz-not-there', 'small.txt', { status => 1 });
same('grep -P (pcre2)', 'grep', '-P', '-c', '(?<=beta )gamma', 'text.txt');
same('sed -E', 'sed', '-E', 's/([a-z]+) ([a-z]+)/\2 \1/g; /pi/d', 'text.txt');
same('sed -n range and hold', 'sed', '-n', '2,5{h;G;p}', 'small.txt');
same_usr('find', 'find', 'd', '-name', '[1-3]', '-o', '-type', 'l', '-print');
same_usr('xargs', 'xargs', '-a', 'small.txt', '-n', '2', 'echo');
same_usr('diff -u', 'diff', '-u', 'd/2', 'd/3', { status => 1 });
done_testing();
