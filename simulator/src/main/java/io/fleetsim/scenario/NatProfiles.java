package io.fleetsim.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Finds carrier NAT profiles by name: {@code profiles/<name>.yaml} beside the scenario file
 * first (so users can keep their own), then the profiles shipped in {@code scenarios/profiles/}
 * (also packaged inside the simulator jar).
 */
final class NatProfiles {

    /** The profiles shipped with fleetsim, for messages. */
    static final List<String> BUILT_IN = List.of("linux-default", "cellular-udp-30s", "cellular-udp-120s",
            "cellular-mixed", "aws-nat-gateway", "azure-lb", "gcp-cloud-nat");
    private static final String RESOURCE_DIR = "/io/fleetsim/scenario/profiles/";

    private NatProfiles() {
    }

    /** The profile's map of {@code nat} keys; refuses an unknown name at {@code site}. */
    static MappingReader load(String name, ValueSite site) {
        Path beside = besideScenario(site.source().name(), name);
        if (beside != null && Files.isRegularFile(beside)) {
            return parse(beside, read(beside, site));
        }
        try (InputStream in = NatProfiles.class.getResourceAsStream(RESOURCE_DIR + name + ".yaml")) {
            if (in != null) {
                return parse(Path.of("scenarios", "profiles", name + ".yaml"),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw site.fail("cannot read the built-in profile '" + name + "': " + e.getMessage());
        }
        throw site.fail("unknown profile '" + name + "'" + DidYouMean.hint(name, BUILT_IN)
                + " (built in: " + String.join(", ", BUILT_IN) + "; or put profiles/" + name
                + ".yaml beside the scenario)");
    }

    private static Path besideScenario(Path scenario, String name) {
        Path dir = scenario == null ? null : scenario.toAbsolutePath().getParent();
        return dir == null ? null : dir.resolve("profiles").resolve(name + ".yaml");
    }

    private static String read(Path file, ValueSite site) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw site.fail("cannot read profile " + file + ": " + e.getMessage());
        }
    }

    private static MappingReader parse(Path file, String text) {
        ScenarioSource source = new ScenarioSource(file);
        Node root = ScenarioLoader.compose(text, source)
                .orElseThrow(() -> source.error(1, "", "the profile is empty"));
        MappingReader profile = MappingReader.of(source, root, "nat", ScenarioSource.lineOf(root), Section.NAT);
        if (profile.has(ScenarioKeys.NAT_PROFILE)) {
            throw profile.error(ScenarioKeys.NAT_PROFILE, "a profile cannot name another profile");
        }
        return profile;
    }
}
