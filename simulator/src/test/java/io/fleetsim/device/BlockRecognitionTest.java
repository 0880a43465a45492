package io.fleetsim.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.fleetsim.coap.CoapFailure;
import io.fleetsim.resultsformat.Cause;
import io.fleetsim.resultsformat.FailureCause;
import io.fleetsim.scenario.RegistrationLimit;

/** When a device counts a refused Register as {@code blocked}, against any server. */
class BlockRecognitionTest {

    private static final Cause FORBIDDEN = Cause.errorResponse("4.03");
    private static final Cause BLOCKED = FailureCause.BLOCKED.cause();
    private static final RegistrationLimit TEN_IN_TEN = RegistrationLimit.SERVICE_DEFAULT;

    private static Cause refused(BlockRecognition recognition, long atMillis, Cause cause, Throwable thrown) {
        recognition.registerSent(atMillis);
        return recognition.classify(cause, thrown, atMillis);
    }

    @Test
    void aRefusalAfterABurstOfRegistersIsBlockedAndSoIsEveryRefusalUntilTheDeviceRegistersAgain() {
        BlockRecognition recognition = new BlockRecognition(TEN_IN_TEN);
        for (int i = 0; i < 9; i++) {
            recognition.registerSent(i * 1_000L);
        }
        assertThat(refused(recognition, 9_500, FORBIDDEN, null)).as("the 10th Register within 10 s").isEqualTo(BLOCKED);
        assertThat(refused(recognition, 30_000, FORBIDDEN, null)).as("a retry long after the burst").isEqualTo(BLOCKED);
        recognition.registered();
        assertThat(refused(recognition, 200_000, FORBIDDEN, null)).as("a refusal after it registered again")
                .isEqualTo(FORBIDDEN);
    }

    @Test
    void aRefusalWithoutABurstKeepsItsOwnCause() {
        BlockRecognition recognition = new BlockRecognition(TEN_IN_TEN);
        assertThat(refused(recognition, 0, FORBIDDEN, null)).as("the first Register").isEqualTo(FORBIDDEN);
        for (int i = 1; i < 9; i++) {
            recognition.registerSent(i * 2_000L); // 10 Registers over 18 s: never 10 within 10 s
        }
        assertThat(refused(recognition, 18_000, FORBIDDEN, null)).isEqualTo(FORBIDDEN);
    }

    @Test
    void onlyRefusalsCount() {
        BlockRecognition recognition = new BlockRecognition(TEN_IN_TEN);
        for (int i = 0; i < 9; i++) {
            recognition.registerSent(i * 100L);
        }
        Cause timeout = FailureCause.TIMEOUT.cause();
        assertThat(refused(recognition, 950, timeout, null)).as("no answer (a server that falls silent)").isEqualTo(timeout);
        assertThat(refused(recognition, 960, Cause.errorResponse("5.03"), null)).isEqualTo(Cause.errorResponse("5.03"));
        assertThat(refused(recognition, 970, Cause.errorResponse("4.29"), null)).isEqualTo(BLOCKED);
    }

    @Test
    void aHandshakeEndedByTheServersAlertIsARefusalAndOtherHandshakeFailuresAreNot() {
        Cause handshake = FailureCause.HANDSHAKE.cause();
        BlockRecognition alerts = new BlockRecognition(TEN_IN_TEN);
        BlockRecognition timeouts = new BlockRecognition(TEN_IN_TEN);
        for (int i = 0; i < 9; i++) {
            alerts.registerSent(i * 100L);
            timeouts.registerSent(i * 100L);
        }
        CoapFailure alert = new CoapFailure(FailureCause.HANDSHAKE, "alert-received:handshake_failure");
        CoapFailure flight = new CoapFailure(FailureCause.HANDSHAKE, "timeout:flight-5");
        assertThat(refused(alerts, 1_000, handshake, alert)).isEqualTo(BLOCKED);
        assertThat(refused(timeouts, 1_000, handshake, flight)).isEqualTo(handshake);
    }

    @Test
    void theScenariosLimitSetsTheBurst() {
        BlockRecognition recognition = new BlockRecognition(new RegistrationLimit(2, Duration.ofSeconds(10),
                Duration.ofSeconds(60), RegistrationLimit.Answer.REFUSE, "4.03"));
        recognition.registerSent(0);
        assertThat(refused(recognition, 5_000, FORBIDDEN, null)).isEqualTo(BLOCKED);
    }
}
