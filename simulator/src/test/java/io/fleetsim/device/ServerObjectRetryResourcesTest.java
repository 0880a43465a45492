package io.fleetsim.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.junit.jupiter.api.Test;

import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.RetryPolicy;
import io.fleetsim.scenario.Transport;

/** The Server object /1/0 holds the communication retry values an LwM2M 1.1 device retries by. */
class ServerObjectRetryResourcesTest {

    private final DeviceIdentity device =
            new DeviceIdentity("m-001", 1, new DeviceGroup("m-", 10, "m-", Transport.UDP));

    @Test
    void resources17To20HoldTheLwm2mRetryValues() {
        RetryPolicy lwm2m = RetryPolicy.lwm2m(new RetryPolicy.Lwm2mSequences(3, Duration.ofSeconds(30),
                Duration.ofSeconds(600), 2));

        LwM2mObjectInstance server = (LwM2mObjectInstance) objects(lwm2m).read(new LwM2mPath(1, 0), 0);

        assertThat(server.getResource(17).getValue()).hasToString("3");
        assertThat(server.getResource(18).getValue()).hasToString("30");
        assertThat(server.getResource(19).getValue()).hasToString("600");
        assertThat(server.getResource(20).getValue()).hasToString("2");
    }

    @Test
    void aServerReadingResource18GetsTheRetryTimerAndTheWholeInstanceEncodes() {
        RetryPolicy lwm2m = RetryPolicy.lwm2m(new RetryPolicy.Lwm2mSequences(3, Duration.ofSeconds(30),
                Duration.ofSeconds(600), 2));
        ServerRequestHandler handler = new ServerRequestHandler(new ShardMetrics());
        ServedDevice served = served(objects(lwm2m));

        Response timer = handler.handle(served, read("1/0/18", MediaTypeRegistry.TEXT_PLAIN));
        Response instance = handler.handle(served, read("1/0", MediaTypeRegistry.APPLICATION_VND_OMA_LWM2M_TLV));

        assertThat(timer.getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(timer.getPayloadString()).isEqualTo("30");
        assertThat(instance.getCode()).isEqualTo(ResponseCode.CONTENT);
    }

    private static Request read(String path, int format) {
        Request request = Request.newGet();
        request.getOptions().setUriPath(path);
        request.getOptions().setAccept(format);
        return request;
    }

    @Test
    void aDeviceRetryingWithBackOffHasNoRetryResources() {
        ObjectTree objects = objects(RetryPolicy.DEFAULTS);
        LwM2mObjectInstance server = (LwM2mObjectInstance) objects.read(new LwM2mPath(1, 0), 0);

        assertThat(server.getResources()).doesNotContainKeys(17, 18, 19, 20);
        assertThat(objects.read(new LwM2mPath(1, 0, 17), 0)).isNull();
    }

    private ObjectTree objects(RetryPolicy retry) {
        return new ObjectTree(device, 1, () -> 300, retry);
    }

    private static ServedDevice served(ObjectTree objects) {
        return new ServedDevice() {
            @Override
            public ObjectTree objects() {
                return objects;
            }

            @Override
            public Observations observations() {
                return null;
            }

            @Override
            public long nowMillis() {
                return 0;
            }

            @Override
            public void reboot() {
            }

            @Override
            public void triggerUpdate() {
            }

            @Override
            public FirmwareUpdate.Host firmwareHost() {
                throw new AssertionError("no firmware update in these tests");
            }
        };
    }
}
