package io.fleetsim.server;

import java.util.ArrayList;
import java.util.List;

/**
 * What the minimal responder observes on every device that registers: one path and, optionally,
 * the notification periods it asks for (LwM2M 1.1 §5.1.2, {@code pmin} and {@code pmax} in
 * seconds). With a period set, the responder first writes the attributes to the path
 * (Write-Attributes: a CON PUT with {@code ?pmin=S&pmax=S} and no payload, §5.4.4) and sends the
 * Observe when the device has answered it; fleetsim's devices take attributes from Write-Attributes
 * and ignore a Uri-Query on the Observe itself.
 *
 * @param path        the observed path, {@code /OBJECT}, {@code /OBJECT/INSTANCE} or
 *                    {@code /OBJECT/INSTANCE/RESOURCE}
 * @param pminSeconds the minimum period, or null for none
 * @param pmaxSeconds the maximum period, or null for none
 */
public record ResponderObservation(String path, Long pminSeconds, Long pmaxSeconds) {

    /**
     * Checks the path ({@link MinimalLwm2mResponder#observePath(String)}) and the periods.
     *
     * @throws IllegalArgumentException naming what is wrong: the path, a negative pmin, a pmax
     *                                  below 1 or below pmin
     */
    public ResponderObservation {
        MinimalLwm2mResponder.observePath(path);
        if (pminSeconds != null && pminSeconds < 0) {
            throw new IllegalArgumentException("pmin " + pminSeconds + " is not a number of seconds (0 or more)");
        }
        if (pmaxSeconds != null && pmaxSeconds < 1) {
            throw new IllegalArgumentException("pmax " + pmaxSeconds + " is not a number of seconds (1 or more)");
        }
        if (pminSeconds != null && pmaxSeconds != null && pmaxSeconds < pminSeconds) {
            throw new IllegalArgumentException("pmax " + pmaxSeconds + " is less than pmin " + pminSeconds
                    + " (a device would ignore it, LwM2M 1.1 §5.1.2)");
        }
    }

    /** Observing {@code path} with no attributes; null for a null path. */
    public static ResponderObservation of(String path) {
        return path == null ? null : new ResponderObservation(path, null, null);
    }

    /** Whether the responder writes attributes before it observes. */
    public boolean hasAttributes() {
        return pminSeconds != null || pmaxSeconds != null;
    }

    /** The Uri-Query of the Write-Attributes: {@code pmin=5}, {@code pmax=60}. */
    List<String> queries() {
        List<String> queries = new ArrayList<>(2);
        if (pminSeconds != null) {
            queries.add("pmin=" + pminSeconds);
        }
        if (pmaxSeconds != null) {
            queries.add("pmax=" + pmaxSeconds);
        }
        return queries;
    }
}
