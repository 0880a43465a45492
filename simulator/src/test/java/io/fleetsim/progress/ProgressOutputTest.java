package io.fleetsim.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The progress line's text, and how it is shown on a terminal, in a log, or not at all. */
class ProgressOutputTest {

    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text);
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void theLineNamesTimeDevicesRateP99AndErrors() {
        ProgressSnapshot snapshot = new ProgressSnapshot(12.7, 60, 1200, 5000, 99.96, 4.14, 3);

        assertThat(snapshot.line()).isEqualTo("t=12s/60s registered=1200/5000 rate=100.0/s p99=4.1ms errors=3");
    }

    @Test
    void registrationsBlockedByTheServerAreNamedOnceThereAreAny() {
        assertThat(new ProgressSnapshot(30.2, 60, 180, 200, 2.0, 4.14, 25, 20).line())
                .isEqualTo("t=30s/60s registered=180/200 rate=2.0/s p99=4.1ms errors=25 blocked=20");
        assertThat(new ProgressSnapshot(30.2, 60, 180, 200, 2.0, 4.14, 25, 0).line()).doesNotContain("blocked");
    }

    @Test
    void beforeAnyLatencyTheP99IsADash() {
        assertThat(new ProgressSnapshot(0.4, 30, 0, 200, 0, null, 0).line())
                .isEqualTo("t=0s/30s registered=0/200 rate=0.0/s p99=- errors=0");
    }

    @Test
    void quietWinsThenTheTerminalDecides() {
        assertThat(ProgressMode.choose(true, true)).isEqualTo(ProgressMode.OFF);
        assertThat(ProgressMode.choose(true, false)).isEqualTo(ProgressMode.OFF);
        assertThat(ProgressMode.choose(false, true)).isEqualTo(ProgressMode.LIVE);
        assertThat(ProgressMode.choose(false, false)).isEqualTo(ProgressMode.PLAIN);
    }

    @Test
    void stderrIsATerminalOnlyWithAConsoleAndATtyBehindFileDescriptorTwo() {
        assertThat(TerminalCheck.decide(true, "xterm-256color", Optional.of("/dev/pts/3"))).isTrue();
        assertThat(TerminalCheck.decide(true, null, Optional.of("/dev/tty1"))).isTrue();
        assertThat(TerminalCheck.decide(true, "xterm", Optional.of("/tmp/run.log"))).as("2>run.log").isFalse();
        assertThat(TerminalCheck.decide(true, "xterm", Optional.of("pipe:[12345]"))).as("2>&1 | tee").isFalse();
        assertThat(TerminalCheck.decide(false, "xterm", Optional.of("/dev/pts/3"))).as("no console").isFalse();
        assertThat(TerminalCheck.decide(true, "dumb", Optional.of("/dev/pts/3"))).as("TERM=dumb").isFalse();
        assertThat(TerminalCheck.decide(true, "xterm", Optional.empty())).as("no /proc: trust the console").isTrue();
    }

    @Test
    void aTerminalGetsOneLineRewrittenInPlaceAndEndedAtTheFinish() {
        ProgressPrinter live = ProgressPrinter.of(ProgressMode.LIVE, out, Duration.ofSeconds(10), nanos::get);

        live.accept("t=1s/60s registered=100/200");
        live.accept("t=2s/60s done");
        live.finish();

        assertThat(text.toString()).isEqualTo("\rt=1s/60s registered=100/200"
                + "\rt=2s/60s done" + " ".repeat(14) + System.lineSeparator());
        assertThat(text.toString()).doesNotContain("registered=100/200\n");
    }

    @Test
    void aLogGetsAWholeLineAtMostOncePerInterval() {
        ProgressPrinter plain = ProgressPrinter.of(ProgressMode.PLAIN, out, Duration.ofSeconds(10), nanos::get);

        for (int second = 0; second <= 25; second++) {
            nanos.set(Duration.ofSeconds(second).toNanos());
            plain.accept("t=" + second + "s");
        }
        plain.finish();

        String n = System.lineSeparator();
        assertThat(text.toString()).isEqualTo("t=0s" + n + "t=10s" + n + "t=20s" + n).doesNotContain("\r");
    }

    @Test
    void quietPrintsNothing() {
        ProgressPrinter off = ProgressPrinter.of(ProgressMode.OFF, out, Duration.ofSeconds(10), nanos::get);

        off.accept("t=1s");
        off.finish();

        assertThat(text.toString()).isEmpty();
    }
}
