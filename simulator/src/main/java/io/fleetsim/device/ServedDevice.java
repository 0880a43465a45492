package io.fleetsim.device;

/** What the {@link ServerRequestHandler} needs of the device a request is for. */
interface ServedDevice {

    /** The device's objects and values. */
    ObjectTree objects();

    /** The device's observations, or null when it cannot notify (not registered). */
    Observations observations();

    /** Simulated time now, in ms since the run started. */
    long nowMillis();

    /** Execute /3/0/4: after the answer, de-register, wait, register again. */
    void reboot();

    /** Execute /1/0/8: send a Registration Update soon. */
    void triggerUpdate();

    /** Timers, notifications and the reboot of the Firmware Update state machine. */
    FirmwareUpdate.Host firmwareHost();
}
