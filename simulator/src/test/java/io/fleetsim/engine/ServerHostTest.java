package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What {@code --server-host} accepts: an IP literal one of this machine's interfaces has, never the wildcard. */
class ServerHostTest {

    @Test
    void theLoopbackAddressIsAccepted() {
        assertThat(ServerHost.check("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(ServerHost.check(" 127.0.0.1 ")).isEqualTo("127.0.0.1");
        assertThat(ServerHost.isLoopback("127.0.0.1")).isTrue();
    }

    @Test
    void anAddressNoInterfaceHasIsRefused() {
        // 192.0.2.1 is TEST-NET-1 (RFC 5737): no interface of a test machine has it
        assertThatThrownBy(() -> ServerHost.check("192.0.2.1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("192.0.2.1 is not an address of this machine");
        assertThat(ServerHost.isLoopback("192.0.2.1")).isFalse();
    }

    @Test
    void theWildcardIsRefusedSayingWhy() {
        for (String wildcard : new String[] {"0.0.0.0", "::", "[::]"}) {
            assertThatThrownBy(() -> ServerHost.check(wildcard)).as(wildcard)
                    .hasMessageContaining("is the wildcard address")
                    .hasMessageContaining("listen on every interface");
        }
    }

    @Test
    void anIpv6LinkLocalAddressIsRefusedForItsScope() {
        assertThatThrownBy(() -> ServerHost.check("fe80::1")).hasMessageContaining("fe80::1 is an IPv6 link-local "
                + "address, which needs a scope");
    }

    @Test
    void aNameIsRefusedWithoutLookingItUp() {
        for (String name : new String[] {"localhost", "lwm2m.example.net", "", "10.0.0"}) {
            assertThatThrownBy(() -> ServerHost.check(name)).as(name)
                    .hasMessageContaining("'" + name + "' is not an IP address");
        }
    }
}
