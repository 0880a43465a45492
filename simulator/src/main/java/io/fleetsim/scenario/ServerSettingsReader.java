package io.fleetsim.scenario;

import java.time.Duration;
import java.util.List;

/** Reads the top-level {@code server} map and its {@code registrationLimit}. */
final class ServerSettingsReader {

    private ServerSettingsReader() {
    }

    static ServerSettings read(MappingReader top, String target, List<DeviceGroup> groups) {
        return top.site(ScenarioKeys.SERVER_SECTION).map(site -> {
            if (target != null) {
                throw top.error(ScenarioKeys.SERVER_SECTION, "sets protections of the embedded server, and with "
                        + "target " + target + " there is none: remove server, or target to load the embedded server");
            }
            MappingReader server = MappingReader.of(site.source(), site.node(), site.field(), site.line(),
                    Section.SERVER);
            return new ServerSettings(server.site(ScenarioKeys.REGISTRATION_LIMIT_SECTION)
                    .map(limitSite -> limit(MappingReader.of(limitSite.source(), limitSite.node(), limitSite.field(),
                            limitSite.line(), Section.REGISTRATION_LIMIT), groups))
                    .orElse(null));
        }).orElse(ServerSettings.NONE);
    }

    private static RegistrationLimit limit(MappingReader limit, List<DeviceGroup> groups) {
        String answer = limit.read(ScenarioKeys.LIMIT_ANSWER);
        if (limit.read(ScenarioKeys.LIMIT_REFUSE_CODE).equals("4.29")
                && groups.stream().anyMatch(g -> g.transport().isStream())) {
            throw limit.error(ScenarioKeys.LIMIT_REFUSE_CODE, "4.29 is answered over udp and dtls only: the embedded "
                    + "tcp and tls server has no 4.29 (use 4.03 with tcp and tls groups)");
        }
        if (answer.equals("silence") && limit.has(ScenarioKeys.LIMIT_REFUSE_CODE)) {
            throw limit.error(ScenarioKeys.LIMIT_REFUSE_CODE, "is the code of answer: refuse; with answer: silence "
                    + "a blocked device gets no answer at all (remove refuseCode)");
        }
        return new RegistrationLimit(Math.toIntExact(limit.read(ScenarioKeys.LIMIT_COUNT)),
                seconds(limit.read(ScenarioKeys.LIMIT_WINDOW)), seconds(limit.read(ScenarioKeys.LIMIT_BLOCK)),
                answer.equals("silence") ? RegistrationLimit.Answer.SILENCE : RegistrationLimit.Answer.REFUSE,
                limit.read(ScenarioKeys.LIMIT_REFUSE_CODE));
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }
}
