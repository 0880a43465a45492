package io.fleetsim.tune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.fleetsim.engine.EmbeddedServers;
import io.fleetsim.engine.RunTarget;

/**
 * Small sweeps for tests, run as {@code fleetsim tune} runs them: a tune file with NAT profiles
 * of its own beside it ({@code profiles/<name>.yaml}), cells one after another against the
 * embedded servers of every transport the cells use, started once and stopped at the end.
 */
final class TuneSweeps {

    private TuneSweeps() {
    }

    /** Writes {@code profiles/<name>.yaml} in {@code dir}, where a tune file in {@code dir} finds it. */
    static void profile(Path dir, String name, String yaml) throws IOException {
        Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(dir.resolve("profiles").resolve(name + ".yaml"), yaml);
    }

    /**
     * Writes {@code base} (a tune file without its sweep section) with a sweep of {@code pings} as
     * {@code coapPingSeconds} behind the one NAT profile {@code profile}, judged by
     * {@code reachability >= 99%}, to {@code dir/tune.yaml}, loads it and runs it into {@code dir/out}.
     */
    static TuneReport runPingSweep(Path dir, String base, String profile, int devicesPerCell, List<Integer> pings,
            List<String> progress) throws Exception {
        Path file = dir.resolve("tune.yaml");
        Files.writeString(file, base + """
                sweep:
                  natProfiles: [%s]
                  coapPingSeconds: %s
                  devicesPerCell: %d
                  goal: reachability >= 99%%
                """.formatted(profile, pings, devicesPerCell));
        TuneFile tune = TuneFileLoader.load(file);
        RunTarget servers = EmbeddedServers.start(tune.cellGroups(), false, null);
        try (AutoCloseable stop = servers.closer()) {
            return new TuneRunner(servers, dir.resolve("out"), progress::add, d -> { }).run(tune);
        }
    }
}
