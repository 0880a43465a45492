package io.fleetsim.device;

import static io.fleetsim.device.BootstrapNodes.security;
import static io.fleetsim.device.BootstrapNodes.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.junit.jupiter.api.Test;

import io.fleetsim.coap.CoapFailure;
import io.fleetsim.scenario.Transport;

/** Which account a device registers with after Bootstrap-Finish, and why it refuses the ones it cannot use. */
class BootstrapConfigTest {

    private final BootstrapConfig config = new BootstrapConfig();

    @Test
    void theAccountIsTheNonBootstrapSecurityInstanceWithTheServerInstanceOfItsShortServerId() {
        config.write(new LwM2mPath(0, 0), security(0, "coap://bs.example", true, 3, null, null, null));
        config.write(new LwM2mPath(0, 2), security(2, "coap://[::1]", false, 3, null, null, 44));
        config.write(new LwM2mPath(1, 5), server(5, 43, 90, null));
        config.write(new LwM2mPath(1, 6), server(6, 44, 120, null));

        ServerAccount account = config.serverAccount();

        assertThat(account.server()).isEqualTo(new ServerAddress("coap://[::1]", Transport.UDP, "::1", 5683));
        assertThat(account.shortServerId()).isEqualTo(44);
        assertThat(account.lifetimeSeconds()).isEqualTo(120);
    }

    @Test
    void accountsTheDeviceCannotUseFailWithTheirCause() {
        assertThat(causeOf(security(1, "coap://h", false, 3, null, null, 1), server(0, 2, 60, null)))
                .as("no /1 instance of that Short Server ID").isEqualTo("bad-config");
        assertThat(causeOf(security(1, "coaps://h", false, 0, null, null, 1), server(0, 1, 60, null)))
                .as("PSK without identity and key").isEqualTo("bad-config");
        assertThat(causeOf(security(1, "coaps://h", false, 3, null, null, 1), server(0, 1, 60, null)))
                .as("NoSec over coaps").isEqualTo("bad-config");
        assertThat(causeOf(security(1, "coaps://h", false, 2, null, null, 1), server(0, 1, 60, null)))
                .isEqualTo("unsupported-security-mode");
        assertThat(causeOf(security(1, "coaps+tcp://h", false, 0, new byte[] {1}, new byte[] {2}, 1),
                server(0, 1, 60, null))).isEqualTo("unsupported-security-mode");
        assertThat(causeOf(security(1, "http://h", false, 3, null, null, 1), server(0, 1, 60, null)))
                .isEqualTo("unsupported-transport");
    }

    @Test
    void deletingTheBootstrapAccountByItsPathIsRefusedAndTheRootKeepsIt() {
        config.write(new LwM2mPath(0, 0), security(0, "coap://bs.example", true, 3, null, null, null));
        config.write(new LwM2mPath(0, 1), security(1, "coap://h", false, 3, null, null, 1));

        assertThat(config.delete(new LwM2mPath(0, 0))).isFalse();
        assertThat(config.delete(null)).isTrue();

        assertThat(config.discover(new LwM2mPath(0), List.of())).isEqualTo("</0/0>");
        assertThat(config.discover(new LwM2mPath(1), List.of())).isEqualTo("</1>");
    }

    private static String causeOf(LwM2mObjectInstance security, LwM2mObjectInstance server) {
        BootstrapConfig one = new BootstrapConfig();
        one.write(new LwM2mPath(0, security.getId()), security);
        one.write(new LwM2mPath(1, server.getId()), server);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(one::serverAccount);
        assertThat(thrown).isInstanceOf(CoapFailure.class);
        return ((CoapFailure) thrown).cause().wireName();
    }


}
