package io.fleetsim.scenario;

/** Reads the top-level {@code radio} map. */
final class RadioSettingsReader {

    private RadioSettingsReader() {
    }

    static RadioSettings read(MappingReader top) {
        return top.site(ScenarioKeys.RADIO_SECTION).map(site -> {
            MappingReader radio = MappingReader.of(site.source(), site.node(), site.field(), site.line(),
                    Section.RADIO);
            String profile = radio.read(ScenarioKeys.RADIO_PROFILE);
            double tail = radio.readOptional(ScenarioKeys.RADIO_TAIL).orElse(RadioSettings.defaultTail(profile));
            return new RadioSettings(profile, tail);
        }).orElse(RadioSettings.DEFAULT);
    }
}
