package io.fleetsim.scenario;

/** Reads the top-level {@code dns} map and a group's own {@code dns} map. */
final class DnsSettingsReader {

    private DnsSettingsReader() {
    }

    static DnsSettings read(MappingReader top) {
        return top.site(ScenarioKeys.DNS_SECTION).map(site -> {
            MappingReader dns = MappingReader.of(site.source(), site.node(), site.field(), site.line(), Section.DNS);
            return new DnsSettings(dns.readOptional(ScenarioKeys.DNS_SERVER).orElse(null),
                    dns.read(ScenarioKeys.DNS_FOLLOW_TTL));
        }).orElse(DnsSettings.DEFAULT);
    }

    /** Whether a group follows its server's DNS answers: its own {@code dns.followTtl}, else {@code byDefault}. */
    static boolean followTtl(MappingReader group, boolean byDefault) {
        return group.site(ScenarioKeys.GROUP_DNS).map(site -> {
            MappingReader dns = MappingReader.of(site.source(), site.node(), site.field(), site.line(), Section.DNS);
            if (dns.has(ScenarioKeys.DNS_SERVER)) {
                throw dns.error(ScenarioKeys.DNS_SERVER, "is a top-level setting (one DNS server for the run); "
                        + "a group's dns map takes followTtl only");
            }
            return dns.readOptional(ScenarioKeys.DNS_FOLLOW_TTL).orElse(byDefault);
        }).orElse(byDefault);
    }
}
