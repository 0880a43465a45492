package io.fleetsim.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fleetsim.engine.RunTarget;
import io.fleetsim.scenario.Transport;
import io.fleetsim.transport.TransportEndpoints;
import io.fleetsim.transport.dtls.DtlsTarget;

/** Names become IP literals once, before a run; literals are left as they are, without a lookup. */
class FleetVertxTest {

    @Test
    void literalsAreTheirOwnAddressAndNamesAreNot() {
        assertThat(FleetVertx.isLiteral("127.0.0.1")).isTrue();
        assertThat(FleetVertx.isLiteral("::1")).isTrue();
        assertThat(FleetVertx.isLiteral("fe80::1%eth0")).isTrue();
        assertThat(FleetVertx.isLiteral("localhost")).isFalse();
        assertThat(FleetVertx.isLiteral("lwm2m.example.com")).isFalse();
        assertThat(FleetVertx.literal("10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(FleetVertx.literal("::1")).isEqualTo("::1");
    }

    @Test
    void aResolvedTargetSendsToAddressesAndKeepsTheNameForTls() {
        RunTarget target = new RunTarget("localhost", 5684, false, () -> { }, new DtlsTarget("localhost", 5684, null),
                TransportEndpoints.NONE.with(Transport.TLS, "localhost", 5685));

        RunTarget resolved = target.resolved();

        assertThat(resolved.host()).isEqualTo("127.0.0.1");
        assertThat(resolved.dtls().host()).isEqualTo("127.0.0.1");
        assertThat(resolved.endpoints().of(Transport.TLS)).contains(
                new TransportEndpoints.HostPort("localhost", 5685, "127.0.0.1"));
        assertThat(target.endpoints().of(Transport.TLS).orElseThrow().address()).isNull();
    }
}
