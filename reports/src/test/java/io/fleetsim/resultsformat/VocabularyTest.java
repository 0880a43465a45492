package io.fleetsim.resultsformat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The names of the results format: each one written is read back as the same cause or tag. */
class VocabularyTest {

    private static final Path RESULTS_FORMAT_DOC = Path.of("../docs/results-format.md");

    /** One cause of every kind, with a detail where the kind has one, as fleetsim writes it. */
    static List<Cause> oneOfEach() {
        return Arrays.stream(FailureCause.values()).map(kind -> switch (kind) {
            case ERROR_RESPONSE -> Cause.errorResponse("4.04");
            case FLIGHT_TIMEOUT -> Cause.flightTimeout(5);
            case ALERT_RECEIVED -> kind.with("handshake_failure");
            case ALERT_SENT -> kind.with("bad_certificate");
            default -> kind.cause();
        }).toList();
    }

    @Test
    void everyCauseRoundTripsThroughItsWireName() {
        for (Cause cause : oneOfEach()) {
            assertThat(Cause.parse(cause.wireName())).as(cause.wireName()).contains(cause);
            assertThat(FailureCause.byWireName(cause.wireName())).as(cause.wireName()).contains(cause.kind());
            assertThat(Cause.parse(cause.wireName()).orElseThrow().wireName()).isEqualTo(cause.wireName());
        }
    }

    @Test
    void detailCausesAreWrittenWithTheirDetail() {
        assertThat(Cause.errorResponse("4.04").wireName()).isEqualTo("error-response:4.04");
        assertThat(Cause.flightTimeout(5).wireName()).isEqualTo("timeout:flight-5");
        assertThat(FailureCause.ALERT_RECEIVED.with("handshake_failure").wireName())
                .isEqualTo("alert-received:handshake_failure");
        assertThat(Cause.parse("error-response:5.03")).contains(new Cause(FailureCause.ERROR_RESPONSE, "5.03"));
        assertThat(Cause.parse("timeout")).contains(FailureCause.TIMEOUT.cause());
        assertThat(Cause.parse("timeout:flight-3")).contains(new Cause(FailureCause.FLIGHT_TIMEOUT, "flight-3"));
    }

    @Test
    void namesFleetsimDoesNotWriteAreNotRecognised() {
        assertThat(Cause.parse("no-such-cause")).isEmpty();
        assertThat(Cause.parse("error-response")).isEmpty();
        assertThat(Cause.parse("error-response:")).isEmpty();
        assertThat(Cause.parse("timeout:later")).isEmpty();
        assertThat(Cause.parse("reset:4.04")).isEmpty();
        assertThat(Cause.parse("")).isEmpty();
        assertThat(Cause.parse(null)).isEmpty();
        assertThat(HistogramTag.byWireName("latency")).isEmpty();
    }

    @Test
    void aCauseWithoutItsDetailOrWithOneItTakesNotIsRefused() {
        assertThatThrownBy(FailureCause.ERROR_RESPONSE::cause).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failure cause error-response needs a detail, e.g. error-response:...");
        assertThatThrownBy(() -> FailureCause.TIMEOUT.with("flight-5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failure cause timeout takes no detail, got 'flight-5'");
    }

    @Test
    void wireNamesAreUnique() {
        Set<String> causes = new HashSet<>();
        for (FailureCause kind : FailureCause.values()) {
            assertThat(causes.add(kind.wireName() + (kind.hasDetail() ? ":" : ""))).as(kind.name()).isTrue();
        }
        Set<String> tags = new HashSet<>();
        for (HistogramTag tag : HistogramTag.values()) {
            assertThat(tags.add(tag.wireName())).as(tag.name()).isTrue();
        }
    }

    @Test
    void everyTagRoundTripsThroughItsWireName() {
        for (HistogramTag tag : HistogramTag.values()) {
            assertThat(HistogramTag.byWireName(tag.wireName())).contains(tag);
        }
        assertThat(Arrays.stream(HistogramTag.values()).map(HistogramTag::wireName)).containsExactly(
                "registration", "registration.service", "update", "update.service", "reconnect",
                "reconnect.detect", "probe", "handshake", "connect", "timeToRegistered", "notifications.latency",
                "bootstrap");
    }

    @Test
    void theResultsFormatDocumentsEveryCauseAndTag() throws IOException {
        String doc = Files.readString(RESULTS_FORMAT_DOC);
        for (FailureCause kind : FailureCause.values()) {
            String written = kind.hasDetail() ? "`" + kind.wireName() + ":" : "`" + kind.wireName() + "`";
            assertThat(doc).as("docs/results-format.md names %s", kind.name()).contains(written);
        }
        for (HistogramTag tag : HistogramTag.values()) {
            assertThat(doc).as("docs/results-format.md has a row for tag %s", tag.wireName())
                    .contains("| `" + tag.wireName() + "` |");
        }
    }
}
