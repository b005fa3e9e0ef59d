#!/usr/bin/perl
# Prints MARC::Lint's own format table as JSON (tag → repeatable, indicator descriptions,
# subfield repeatability), so marclint_agreement.py can say where its tables differ from ours.
use strict;
use warnings;
use MARC::Lint;
use JSON::PP;

# The indicator values a rule's regex accepts, as a string (" " for blank).
sub allowed {
    my ($re) = @_;
    return '' unless defined $re;
    return join '', grep { $_ =~ $re } ( ' ', '0' .. '9', 'a' .. 'z', '|', '#' );
}

my $rules = MARC::Lint->new->{_rules};
my %out;
for my $tag ( keys %$rules ) {
    my $r = $rules->{$tag};
    my %subfields = map { $_ => $r->{$_} } grep { length($_) == 1 } keys %$r;
    $out{$tag} = {
        repeatable => ( $r->{repeatable} // '' ),
        ind1 => allowed( $r->{ind1_regex} ),
        ind2 => allowed( $r->{ind2_regex} ),
        subfields => \%subfields,
    };
}
print JSON::PP->new->canonical->encode( \%out );
