package io.fleetsim.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fleetsim.scenario.Transport;

/**
 * docs/reliability.md lists every {@link HostileCase} and {@link FaultCase} with the cause
 * fleetsim counts: its tables must be exactly the rows generated from those lists, which the
 * tests of each case check against real runs.
 */
class ReliabilityDocTest {

    private static final Path DOC = Path.of("../docs/reliability.md");

    @Test
    void theHostileServerTableIsTheCaseList() throws IOException {
        List<String> expected = Arrays.stream(HostileCase.values()).filter(c -> c.transport() == Transport.UDP)
                .map(HostileCase::tableRow).toList();

        assertThat(tableRows("hostile-servers")).as("rows for docs/reliability.md:%n%s", String.join("\n", expected))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void theHostileTcpServerTableIsTheCaseList() throws IOException {
        List<String> expected = Arrays.stream(HostileCase.values()).filter(c -> c.transport() == Transport.TCP)
                .map(HostileCase::tableRow).toList();

        assertThat(tableRows("hostile-tcp-servers")).as("rows for docs/reliability.md:%n%s", String.join("\n", expected))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void theFaultTableIsTheCaseList() throws IOException {
        List<String> expected = Arrays.stream(FaultCase.values()).map(FaultCase::tableRow).toList();

        assertThat(tableRows("faults")).as("rows for docs/reliability.md:%n%s", String.join("\n", expected))
                .containsExactlyElementsOf(expected);
    }

    /** The body rows of the table after {@code <!-- table: name -->}. */
    private static List<String> tableRows(String name) throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int start = lines.indexOf("<!-- table: " + name + " -->");
        assertThat(start).as("marker for table %s", name).isNotNegative();
        return lines.stream().skip(start + 3L).takeWhile(l -> l.startsWith("|")).toList();
    }
}
