package io.fleetsim.nat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Linux conntrack UDP rules, on a mapping driven by explicit simulated times. */
class NatMappingTest {

    private static final LinuxUdpTimeouts LINUX = new LinuxUdpTimeouts(30_000, 120_000);

    @Test
    void anUnansweredMappingExpiresThirtySecondsAfterItsLastPacket() {
        NatMapping mapping = new NatMapping(LINUX, true, 0, 40000);
        mapping.outbound(10_000);

        assertThat(mapping.isLiveAt(39_999)).isTrue();
        assertThat(mapping.isLiveAt(40_000)).isFalse();
        assertThat(mapping.inbound(40_000)).as("a server packet after expiry is dropped").isFalse();
    }

    @Test
    void aRequestAnsweredAtOnceAndThenSilenceKeepsTheShortTimeout() {
        NatMapping mapping = new NatMapping(LINUX, true, 0, 40000);
        assertThat(mapping.inbound(50)).isTrue(); // the reply, 50 ms later

        assertThat(mapping.expiresAtMillis()).isEqualTo(30_050);
        assertThat(mapping.isLiveAt(30_050)).isFalse();
    }

    @Test
    void aPacketAfterAReplyWithinTwoSecondsOfCreationDoesNotEarnTheStreamTimeout() {
        NatMapping mapping = new NatMapping(LINUX, true, 0, 40000);
        mapping.inbound(100);
        mapping.outbound(1_900);

        assertThat(mapping.expiresAtMillis()).isEqualTo(31_900);
    }

    @Test
    void aPacketAfterAReplyAndMoreThanTwoSecondsAfterCreationEarnsTheStreamTimeout() {
        NatMapping mapping = new NatMapping(LINUX, true, 0, 40000);
        mapping.inbound(100);
        mapping.outbound(7_000);

        assertThat(mapping.expiresAtMillis()).isEqualTo(127_000);
        assertThat(mapping.isLiveAt(126_999)).isTrue();
    }

    @Test
    void aDeviceExchangingEverySevenSecondsThroughFiveAndTenSecondTimeoutsLosesItsMapping() {
        // The measured case: 5 s unreplied / 10 s stream, one request and its answer every 7 s.
        NatMapping mapping = new NatMapping(new LinuxUdpTimeouts(5_000, 10_000), true, 0, 40000);
        mapping.inbound(20);

        assertThat(mapping.isLiveAt(7_000)).isFalse();
    }

    @Test
    void serverTrafficAloneKeepsAMappingAliveOnlyWithInboundRefresh() {
        NatMapping refreshed = new NatMapping(new LinuxUdpTimeouts(5_000, 5_000), true, 0, 40000);
        NatMapping notRefreshed = new NatMapping(new LinuxUdpTimeouts(5_000, 5_000), false, 0, 40000);
        for (long t = 3_000; t <= 15_000; t += 3_000) {
            refreshed.inbound(t);
            notRefreshed.inbound(t);
        }

        assertThat(refreshed.isLiveAt(15_001)).isTrue();
        assertThat(notRefreshed.isLiveAt(5_000)).isFalse();
    }

    @Test
    void aFlushKillsALiveMappingAtOnceAndForGood() {
        NatMapping mapping = new NatMapping(LINUX, true, 0, 40000);
        mapping.drop(1_000);

        assertThat(mapping.isLiveAt(1_000)).isFalse();
        assertThat(mapping.expiresAtMillis()).isEqualTo(1_000);
        assertThat(mapping.inbound(1_001)).isFalse();
    }
}
