package io.fleetsim.scenario;

/** A level of the scenario file that holds keys: the top level or one of the nested maps. */
public enum Section {
    TOP(""),
    FLEET("fleet"),
    ARRIVAL("arrival"),
    COAP("coap"),
    REGISTRATION_RETRY("registrationRetry"),
    SECURITY("security"),
    KEEPALIVE("keepalive"),
    NAT("nat"),
    PROBE("probe"),
    RADIO("radio"),
    SERVER("server"),
    REGISTRATION_LIMIT("server.registrationLimit"),
    DNS("dns"),
    OBJECTS("objects"),
    NOTIFICATIONS("notifications"),
    FIRMWARE("firmware"),
    BOOTSTRAP("bootstrap"),
    SEND("send");

    private final String key;

    Section(String key) {
        this.key = key;
    }

    /** The key that opens the section in the file, "" for the top level. */
    public String key() {
        return key;
    }

    /** Dotted name of a key of this section, e.g. {@code fleet.count}. */
    public String path(String name) {
        return key.isEmpty() ? name : key + "." + name;
    }
}
