#!/usr/bin/perl
# Runs MARC::Lint (Debian libmarc-lint-perl) on one ISO 2709 file and prints one line per
# warning: record number (1-based, in file order), tag, message. Used by marclint_agreement.py.
use strict;
use warnings;
use MARC::File::USMARC;
use MARC::Lint;

binmode STDOUT, ':utf8';
my $file = MARC::File::USMARC->in( $ARGV[0] ) or die "cannot open $ARGV[0]\n";
my $lint = MARC::Lint->new;
my $n = 0;
while (1) {
    my $record = eval { $file->next };
    last unless $record || $@;
    ++$n;
    if ($@) { print "$n\t-\tunreadable: $@\n"; next; }
    $lint->check_record($record);
    for my $w ( $lint->warnings ) {
        $w =~ s/\s+$//;
        my ($tag, $msg) = $w =~ /^(\w{3}):\s*(.*)$/s ? ($1, $2) : ('-', $w);
        $msg =~ s/[\r\n\t]+/ /g;
        print "$n\t$tag\t$msg\n";
    }
}
