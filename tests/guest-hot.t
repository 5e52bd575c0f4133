#!/usr/bin/perl
# The guest programs of guest.t again, with every unit translated hot from
# its first run (FERRY_TIER=0): the hot tier's code (loops that keep guest
# registers in host registers, side exits, the dead-flags lookahead) on
# whole programs, in the variants Debian's compiler builds. guest.t itself
# mostly runs cold code, as most programs do.
use strict;
use warnings;
use FindBin;

$ENV{FERRY_TIER} = 0;
$ENV{GUEST_VARIANTS} //= 'arm-O2-static thumb-O2-static thumb-O2-dyn';
do "$FindBin::Bin/guest.t";
die $@ if $@;
