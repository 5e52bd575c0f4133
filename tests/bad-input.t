#!/usr/bin/perl
# Bad input never crashes ferry-arm: each case prints exactly one line on
# stderr ("ferry-arm: ..." naming the problem, after the binary's name), nothing on stdout, and
# exits with the expected status (127 for a missing program, 1 otherwise).
# The bad ELF files are built here, byte by byte, so the test needs no
# cross compiler. FERRY_ARM overrides the binary under test.
use strict;
use warnings;
use File::Temp qw(tempdir);
use IPC::Open3;
use Symbol qw(gensym);
use Test::More;

my $ferry = $ENV{FERRY_ARM} // ($ENV{FERRY_BUILD} // 'build') . '/ferry-arm';
plan skip_all => "$ferry not built" unless -x $ferry;
(my $progname = $ferry) =~ s{.*/}{};   # messages start with it

my $dir = tempdir(CLEANUP => 1);

# An ELF32 header: class, data, type, machine, flags, phnum.
sub ehdr {
    my (%a) = @_;
    my $ident = pack('a4C5x7', "\x7fELF", $a{class} // 1, $a{data} // 1, 1, 0, 0);
    return $ident . pack('vvVVVVVvvvvvv', $a{type} // 2, $a{machine} // 40, 1, $a{entry} // 0x10054,
                         52, 0, $a{flags} // 0x05000400, 52, 32, $a{phnum} // 1, 40, 0, 0);
}
sub phdr { pack('V8', @_) }

# A valid-looking ARM executable with the given extra program headers.
sub arm_elf {
    my (@extra) = @_;
    my $n = 1 + @extra;
    my $body = ehdr(phnum => $n) . phdr(1, 0, 0x10000, 0x10000, 0x200, 0x200, 5, 0x1000);
    $body .= $_ for @extra;
    return $body . ("\0" x (0x200 - length $body));
}

sub write_file {
    my ($name, $bytes, $mode) = @_;
    my $path = "$dir/$name";
    open my $fh, '>:raw', $path or die "$path: $!";
    print $fh $bytes;
    close $fh;
    chmod($mode // 0755, $path);
    return $path;
}

# Runs ferry-arm with @args; returns (status, stdout, stderr).
sub run_ferry {
    my (@args) = @_;
    my $err = gensym;
    my $pid = open3(my $in, my $out, $err, $ferry, @args);
    close $in;
    local $/;
    my $o = <$out> // '';
    my $e = <$err> // '';
    waitpid($pid, 0);
    return ($?, $o, $e);
}

sub check {
    my ($name, $want_status, $want_re, @args) = @_;
    my ($status, $out, $err) = run_ferry(@args);
    subtest $name => sub {
        is($status & 127, 0, 'ends by exit, not by a signal');
        is($status >> 8, $want_status, "exit status $want_status");
        is($out, '', 'nothing on stdout');
        my @lines = split /\n/, $err;
        is(scalar @lines, 1, 'one line on stderr') or diag($err);
        like($err, qr/^\Q$progname\E: .*$want_re/, 'says what is wrong');
    };
}

my $arm_interp = do {
    my $path = "/nonexistent/ld-linux-armhf.so.3\0";
    my $base = ehdr(phnum => 2)
        . phdr(1, 0, 0x10000, 0x10000, 0x200, 0x200, 5, 0x1000)
        . phdr(3, 0x100, 0x10100, 0x10100, length $path, length $path, 4, 1);
    $base .= "\0" x (0x100 - length $base);
    $base .= $path;
    $base . ("\0" x (0x200 - length $base));
};

check('no program', 1, 'no program to run');
check('missing program', 127, "$dir/nope: No such file or directory", "$dir/nope");
check('unknown option', 1, "unknown option '-frob'", '-frob', 'x');
check('option without its argument', 1, 'needs an argument', '-L');
check('unknown CPU model', 1, "unknown CPU model 'pentium'", '-cpu', 'pentium', 'x');
check('bad -L path', 1, '-L /nonexistent/root: No such file or directory', '-L', '/nonexistent/root', 'x');
check('-L names a file', 1, 'Not a directory', '-L', write_file('plain', 'x'), 'x');
check('unknown log item', 1, "unknown log item 'bogus'", '-d', 'bogus', 'x');
check('gdb stub', 1, 'not supported yet', '-g', '1234', 'x');
check('bad -interp count', 1, '-interp many: bad count', '-interp', 'many', 'x');
check('bad -tier count', 1, '-tier -3: bad count', '-tier', '-3', 'x');
check('a directory', 1, 'Is a directory', $dir);
check('a text file', 1, 'not an ELF file', write_file('text', "hello\n"));
check('an empty file', 1, 'not an ELF file', write_file('empty', ''));
check('a script', 1, 'script', write_file('script', "#!/bin/sh\necho hi\n"));
check('truncated ident', 1, 'truncated', write_file('trunc1', substr(arm_elf(), 0, 10)));
check('truncated header', 1, 'truncated', write_file('trunc2', substr(arm_elf(), 0, 40)));
check('truncated segment', 1, 'truncated', write_file('trunc3', substr(arm_elf(), 0, 0x100)));
check('64-bit ELF', 1, '64-bit ELF', write_file('elf64', ehdr(class => 2) . ("\0" x 64)));
check('big-endian ELF', 1, 'big-endian', write_file('be', ehdr(data => 2) . ("\0" x 64)));
check('x86 ELF', 1, 'x86 \(i386\), not ARM', write_file('x86', ehdr(machine => 3) . ("\0" x 64)));
check('relocatable object', 1, 'not an executable', write_file('obj', ehdr(type => 1) . ("\0" x 64)));
check('old ARM ABI', 1, 'unsupported ARM ABI', write_file('oabi', ehdr(flags => 2) . ("\0" x 64)));
check('missing interpreter', 1, 'ELF interpreter /nonexistent/ld-linux-armhf.so.3 not found',
      write_file('dyn', $arm_interp));
check('host binary', 1, '64-bit ELF', '/bin/sh') if -e '/bin/sh';

done_testing();
