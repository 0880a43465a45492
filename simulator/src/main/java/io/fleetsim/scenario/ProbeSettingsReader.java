package io.fleetsim.scenario;

/** Reads the top-level {@code probe} map. */
final class ProbeSettingsReader {

    private ProbeSettingsReader() {
    }

    static ProbeSettings read(MappingReader top) {
        return top.site(ScenarioKeys.PROBE_SECTION).map(site -> {
            MappingReader probe = MappingReader.of(site.source(), site.node(), site.field(), site.line(),
                    Section.PROBE);
            return new ProbeSettings(probe.read(ScenarioKeys.PROBE_RATE), probe.read(ScenarioKeys.PROBE_SAMPLE));
        }).orElse(ProbeSettings.NONE);
    }
}
