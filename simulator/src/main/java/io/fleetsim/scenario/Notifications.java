package io.fleetsim.scenario;

/**
 * How the devices of a group send Observe notifications.
 *
 * @param confirmable every notification is a CON
 * @param conEvery    when not {@code confirmable}: every N-th notification of an observation is a CON
 *                    (so a device finds out that its server is gone, RFC 7641 §4.5); 0 for never
 */
public record Notifications(boolean confirmable, int conEvery) {

    /** NON notifications with a CON every 10th. */
    public static final Notifications DEFAULT = new Notifications(false, 10);

    /** Whether the {@code sequence}-th notification (counting from 1) of an observation is a CON. */
    public boolean isConfirmable(long sequence) {
        return confirmable || conEvery > 0 && sequence % conEvery == 0;
    }
}
