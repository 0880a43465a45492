package io.fleetsim.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.junit.jupiter.api.Test;

import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.scenario.DeviceBehaviour;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.FirmwareSettings;
import io.fleetsim.scenario.Notifications;
import io.fleetsim.scenario.ObjectSettings;
import io.fleetsim.scenario.Transport;

/**
 * The Firmware Update /5 state machine as a server drives it through Write and Execute, on a
 * manual clock: Read of /5/0/3 State and /5/0/5 Update Result, /3/0/3 Firmware Version.
 */
class FirmwareUpdateTest {

    private final ShardMetrics metrics = new ShardMetrics();
    private final ServerRequestHandler handler = new ServerRequestHandler(metrics);
    private ManualDevice device = new ManualDevice(FirmwareSettings.DEFAULT);

    private static FirmwareUpdateTest with(FirmwareSettings firmware) {
        FirmwareUpdateTest test = new FirmwareUpdateTest();
        test.device = new ManualDevice(firmware);
        return test;
    }

    @Test
    void aWrittenUriDownloadsThenExecuteUpdateRebootsIntoTheNewVersion() {
        assertThat(read("3/0/3")).isEqualTo("1.0.3");
        assertThat(write("5/0/1", "coap://firmware.example/v2")).isEqualTo(ResponseCode.CHANGED);
        assertThat(read("5/0/3")).isEqualTo("1"); // Downloading

        device.advanceTo(9_999);
        assertThat(read("5/0/3")).isEqualTo("1");
        device.advanceTo(10_000);
        assertThat(read("5/0/3")).isEqualTo("2"); // Downloaded

        assertThat(execute("5/0/2")).isEqualTo(ResponseCode.CHANGED);
        assertThat(read("5/0/3")).isEqualTo("3"); // Updating
        assertThat(write("5/0/1", "coap://firmware.example/v3")).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
        assertThat(device.reboots).isZero();
        device.advanceTo(15_000);

        assertThat(device.reboots).isEqualTo(1);
        assertThat(read("5/0/3")).isEqualTo("0");
        assertThat(read("5/0/5")).isEqualTo("1"); // Firmware updated successfully
        assertThat(read("3/0/3")).isEqualTo("1.0.3-updated");
        assertThat(metrics.get(Counter.FIRMWARE_STARTED)).isEqualTo(1);
        assertThat(metrics.get(Counter.FIRMWARE_DOWNLOADED)).isEqualTo(1);
        assertThat(metrics.get(Counter.FIRMWARE_SUCCEEDED)).isEqualTo(1);
        assertThat(metrics.get(Counter.FIRMWARE_FAILED)).isZero();
        assertThat(device.changes).isEqualTo(4); // Downloading, Downloaded, Updating, Idle with result 1
    }

    @Test
    void executeUpdateWithoutADownloadedPackageIsNotAllowed() {
        assertThat(execute("5/0/2")).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
        write("5/0/1", "coap://firmware.example/v2");
        assertThat(execute("5/0/2")).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
        assertThat(read("5/0/3")).isEqualTo("1");
    }

    @Test
    void anEmptyUriCancelsTheDownloadAndResetsToIdle() {
        write("5/0/1", "coap://firmware.example/v2");
        device.advanceTo(3_000);
        assertThat(write("5/0/1", "")).isEqualTo(ResponseCode.CHANGED);
        assertThat(read("5/0/3")).isEqualTo("0");
        assertThat(read("5/0/5")).isEqualTo("0");
        device.advanceTo(60_000);
        assertThat(read("5/0/3")).isEqualTo("0"); // the cancelled download never ends
        assertThat(metrics.get(Counter.FIRMWARE_DOWNLOADED)).isZero();
    }

    @Test
    void aPushedPackageIsDownloadedAtOnce() {
        Request push = Request.newPut();
        push.getOptions().setUriPath("5/0/0");
        push.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_OCTET_STREAM);
        push.setPayload(new byte[] {1, 2, 3, 4});
        assertThat(handler.handle(device, push).getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(read("5/0/3")).isEqualTo("2");
    }

    @Test
    void withFailureShareOneTheDownloadFailsWithConnectionLost() {
        FirmwareUpdateTest failing = with(new FirmwareSettings(Duration.ofSeconds(2),
                Duration.ofSeconds(1), 1.0, "2.0.0"));
        failing.write("5/0/1", "coap://firmware.example/v2");
        failing.device.advanceTo(2_000);

        assertThat(failing.read("5/0/3")).isEqualTo("0");
        assertThat(failing.read("5/0/5")).isEqualTo("4"); // Connection lost during downloading process
        assertThat(failing.metrics.get(Counter.FIRMWARE_FAILED)).isEqualTo(1);
        assertThat(failing.execute("5/0/2")).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
    }

    @Test
    void aHalfFailureShareFailsSomeDevicesAndRepeatsWithTheSeed() {
        FirmwareSettings half = new FirmwareSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, "");
        List<String> first = new ArrayList<>();
        List<String> again = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            first.add(outcome(half, i));
            again.add(outcome(half, i));
        }
        assertThat(first).isEqualTo(again).contains("0", "2");
    }

    private static String outcome(FirmwareSettings settings, int index) {
        FirmwareUpdateTest test = with(settings);
        ManualDevice device = new ManualDevice(settings, "fw-" + index, index);
        test.handler.handle(device, writeRequest("5/0/1", "coap://x/y"));
        device.advanceTo(1_000);
        Request read = Request.newGet();
        read.getOptions().setUriPath("5/0/3");
        read.getOptions().setAccept(MediaTypeRegistry.TEXT_PLAIN);
        return test.handler.handle(device, read).getPayloadString();
    }

    private String read(String path) {
        Request request = Request.newGet();
        request.getOptions().setUriPath(path);
        request.getOptions().setAccept(MediaTypeRegistry.TEXT_PLAIN);
        Response response = handler.handle(device, request);
        assertThat(response.getCode()).as(path).isEqualTo(ResponseCode.CONTENT);
        return response.getPayloadString();
    }

    private ResponseCode write(String path, String text) {
        return handler.handle(device, writeRequest(path, text)).getCode();
    }

    private static Request writeRequest(String path, String text) {
        Request request = Request.newPut();
        request.getOptions().setUriPath(path);
        request.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
        // an empty string in plain text is an empty payload, which Write refuses: send it as TLV
        if (text.isEmpty()) {
            request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_VND_OMA_LWM2M_TLV);
            request.setPayload(new byte[] {(byte) 0xC0, 1}); // resource 1, length 0
        } else {
            request.setPayload(text);
        }
        return request;
    }

    private ResponseCode execute(String path) {
        Request request = Request.newPost();
        request.getOptions().setUriPath(path);
        return handler.handle(device, request).getCode();
    }

    /** A device with object 5 on a manual clock that records reboots and state changes. */
    private static final class ManualDevice implements ServedDevice, FirmwareUpdate.Host {
        private final ObjectTree objects;
        private final TreeMap<Long, List<Runnable>> timers = new TreeMap<>();
        private long now;
        private long nextTimer = 1;
        private final java.util.Map<Long, Runnable> byId = new java.util.HashMap<>();
        int reboots;
        int changes;

        ManualDevice(FirmwareSettings firmware) {
            this(firmware, "fw-3", 3);
        }

        ManualDevice(FirmwareSettings firmware, String endpoint, int index) {
            DeviceGroup plain = new DeviceGroup("fw", 100, "fw-", Transport.UDP);
            DeviceGroup group = new DeviceGroup(plain.name(), plain.count(), plain.endpointPrefix(),
                    plain.transport(), plain.security(), plain.keepalive(), plain.nat(),
                    new DeviceBehaviour(List.of(ObjectSettings.defaultsFor(5)), Notifications.DEFAULT,
                            Duration.ofSeconds(5), firmware));
            objects = new ObjectTree(new DeviceIdentity(endpoint, index, group), 11, () -> 300);
        }

        void advanceTo(long millis) {
            while (!timers.isEmpty() && timers.firstKey() <= millis) {
                var entry = timers.pollFirstEntry();
                now = entry.getKey();
                entry.getValue().forEach(Runnable::run);
            }
            now = millis;
        }

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
            return now;
        }

        @Override
        public void reboot() {
            reboots++;
        }

        @Override
        public void triggerUpdate() {
        }

        @Override
        public FirmwareUpdate.Host firmwareHost() {
            return this;
        }

        @Override
        public long scheduleAt(long atMillis, Runnable task) {
            long id = nextTimer++;
            Runnable once = () -> {
                if (byId.remove(id) != null) {
                    task.run();
                }
            };
            byId.put(id, once);
            timers.computeIfAbsent(atMillis, t -> new ArrayList<>()).add(once);
            return id;
        }

        @Override
        public void cancel(long timerId) {
            byId.remove(timerId);
        }

        @Override
        public void firmwareChanged() {
            changes++;
        }

        @Override
        public void rebootIntoNewFirmware() {
            reboot();
        }
    }
}
