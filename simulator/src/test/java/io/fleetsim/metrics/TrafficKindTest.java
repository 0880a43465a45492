package io.fleetsim.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.Test;

/** Which kind of traffic a device's own request is counted under. */
class TrafficKindTest {

    private static Request post(String path) {
        Request request = Request.newPost();
        request.getOptions().setUriPath(path);
        return request;
    }

    @Test
    void registerUpdateAndDeregisterAreToldApart() {
        Request deregister = Request.newDelete();
        deregister.getOptions().setUriPath("rd/abc");

        assertThat(TrafficKind.of(post("rd"))).isEqualTo(TrafficKind.REGISTRATION);
        assertThat(TrafficKind.of(post("rd/abc"))).isEqualTo(TrafficKind.UPDATE);
        assertThat(TrafficKind.of(deregister)).isEqualTo(TrafficKind.REGISTRATION);
        assertThat(TrafficKind.of(post("dp"))).isEqualTo(TrafficKind.DATA);
    }
}
