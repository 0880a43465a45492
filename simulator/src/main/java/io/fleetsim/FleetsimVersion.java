package io.fleetsim;

/** The version of fleetsim, as written into results. */
public final class FleetsimVersion {

    public static final String VERSION = "0.1.0";

    private FleetsimVersion() {
    }
}
