package io.fleetsim.device;

import io.fleetsim.scenario.FirmwareSettings;

/**
 * The Firmware Update state machine of object {@code /5} instance 0 (LwM2M 1.1 Core, Appendix E.6):
 * a written Package URI {@code /5/0/1} starts a simulated download (State 1 Downloading) that ends
 * after the group's download time in State 2 Downloaded, or, for the seeded share of failures, in
 * State 0 Idle with Update Result 4 (connection lost during downloading); a written Package
 * {@code /5/0/0} is Downloaded at once; an empty URI or Package goes back to Idle with Update
 * Result 0; Execute Update {@code /5/0/2} in Downloaded goes to State 3 Updating and after the
 * update time the device reboots into the new Firmware Version with Update Result 1. Used on the
 * device's event loop only; timers and the reboot go through a {@link Host}.
 */
public final class FirmwareUpdate {

    /** State {@code /5/0/3}. */
    public static final int IDLE = 0;
    public static final int DOWNLOADING = 1;
    public static final int DOWNLOADED = 2;
    public static final int UPDATING = 3;

    /** Update Result {@code /5/0/5}. */
    public static final int RESULT_INITIAL = 0;
    public static final int RESULT_SUCCESS = 1;
    public static final int RESULT_CONNECTION_LOST = 4;

    /** What the state machine needs of its device. */
    public interface Host {
        long nowMillis();

        /** Runs {@code task} at simulated {@code atMillis} on the device's event loop; returns the timer id. */
        long scheduleAt(long atMillis, Runnable task);

        void cancel(long timerId);

        /** State or Update Result changed: notify observers of /5/0/3 and /5/0/5. */
        void firmwareChanged();

        /** The update is installed: de-register, come back and register again. */
        void rebootIntoNewFirmware();
    }

    /** What the device counts of its firmware updates. */
    public interface Events {
        void started();

        void downloaded();

        void downloadFailed();

        void succeeded();

        Events NONE = new Events() {
            @Override
            public void started() {
            }

            @Override
            public void downloaded() {
            }

            @Override
            public void downloadFailed() {
            }

            @Override
            public void succeeded() {
            }
        };
    }

    private final FirmwareSettings settings;
    private final long seed;
    private final String originalVersion;
    private int state = IDLE;
    private int result = RESULT_INITIAL;
    private String version;
    private long downloads;
    private long timerId = -1;

    public FirmwareUpdate(FirmwareSettings settings, long seed, String originalVersion) {
        this.settings = settings;
        this.seed = seed;
        this.originalVersion = originalVersion;
        this.version = originalVersion;
    }

    public int state() {
        return state;
    }

    public int result() {
        return result;
    }

    /** Firmware Version {@code /3/0/3} now. */
    public String version() {
        return version;
    }

    /** Whether a Write to the Package or Package URI is taken now (not while Updating). */
    public boolean writable() {
        return state != UPDATING;
    }

    /** A Package URI was written: an empty one resets to Idle, another starts a download. */
    public void packageUri(String uri, Host host, Events events) {
        if (uri == null || uri.isEmpty()) {
            reset(host);
            return;
        }
        cancelTimer(host);
        state = DOWNLOADING;
        result = RESULT_INITIAL;
        events.started();
        boolean fails = ValueWalk.unit(seed ^ 0x5F1A_0005L, downloads++) < settings.failureShare();
        long at = host.nowMillis() + settings.download().toMillis();
        timerId = host.scheduleAt(at, () -> downloadEnded(fails, host, events));
        host.firmwareChanged();
    }

    /** A Package was pushed: an empty one resets to Idle, another is Downloaded at once. */
    public void packagePushed(int length, Host host, Events events) {
        if (length == 0) {
            reset(host);
            return;
        }
        cancelTimer(host);
        events.started();
        events.downloaded();
        state = DOWNLOADED;
        result = RESULT_INITIAL;
        host.firmwareChanged();
    }

    /** Execute Update: false (the caller answers 4.05) unless the firmware is Downloaded. */
    public boolean update(Host host, Events events) {
        if (state != DOWNLOADED) {
            return false;
        }
        state = UPDATING;
        host.firmwareChanged();
        long at = host.nowMillis() + settings.update().toMillis();
        timerId = host.scheduleAt(at, () -> {
            timerId = -1;
            version = settings.versionAfter(version);
            state = IDLE;
            result = RESULT_SUCCESS;
            events.succeeded();
            host.firmwareChanged();
            host.rebootIntoNewFirmware();
        });
        return true;
    }

    private void downloadEnded(boolean fails, Host host, Events events) {
        timerId = -1;
        if (state != DOWNLOADING) {
            return;
        }
        if (fails) {
            state = IDLE;
            result = RESULT_CONNECTION_LOST;
            events.downloadFailed();
        } else {
            state = DOWNLOADED;
            events.downloaded();
        }
        host.firmwareChanged();
    }

    private void reset(Host host) {
        cancelTimer(host);
        state = IDLE;
        result = RESULT_INITIAL;
        host.firmwareChanged();
    }

    private void cancelTimer(Host host) {
        if (timerId != -1) {
            host.cancel(timerId);
            timerId = -1;
        }
    }

    /** The version the device had before any update. */
    String originalVersion() {
        return originalVersion;
    }
}
