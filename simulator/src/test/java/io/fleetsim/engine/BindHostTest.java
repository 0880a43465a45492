package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Device sockets bind to loopback for a loopback target, however its address is spelt. */
class BindHostTest {

    @Test
    void loopbackTargetsGetLoopbackSocketsAndOthersTheWildcardAddress() {
        assertThat(FleetEngine.bindHostFor("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(FleetEngine.bindHostFor("127.0.0.2")).isEqualTo("127.0.0.1");
        assertThat(FleetEngine.bindHostFor("::1")).isEqualTo("::1");
        assertThat(FleetEngine.bindHostFor("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(FleetEngine.bindHostFor("192.0.2.7")).isEqualTo("0.0.0.0");
    }
}
