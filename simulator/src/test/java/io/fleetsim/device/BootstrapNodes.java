package io.fleetsim.device;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mSingleResource;

/** Security (/0) and Server (/1) instances as a bootstrap server writes them, for the bootstrap tests. */
final class BootstrapNodes {

    private BootstrapNodes() {
    }

    /** A Security instance; {@code identity} and {@code key} (PSK) and {@code ssid} left out when null. */
    static LwM2mObjectInstance security(int id, String uri, boolean bootstrap, int mode, byte[] identity,
            byte[] key, Integer ssid) {
        List<LwM2mResource> resources = new ArrayList<>(List.of(LwM2mSingleResource.newStringResource(0, uri),
                LwM2mSingleResource.newBooleanResource(1, bootstrap), LwM2mSingleResource.newIntegerResource(2, mode)));
        if (identity != null) {
            resources.add(LwM2mSingleResource.newBinaryResource(3, identity));
            resources.add(LwM2mSingleResource.newBinaryResource(5, key));
        }
        if (ssid != null) {
            resources.add(LwM2mSingleResource.newIntegerResource(10, ssid));
        }
        return new LwM2mObjectInstance(id, resources);
    }

    /** A Server instance; {@code binding} left out when null. */
    static LwM2mObjectInstance server(int id, int ssid, long lifetime, String binding) {
        List<LwM2mResource> resources = new ArrayList<>(List.of(LwM2mSingleResource.newIntegerResource(0, ssid),
                LwM2mSingleResource.newIntegerResource(1, lifetime)));
        if (binding != null) {
            resources.add(LwM2mSingleResource.newStringResource(7, binding));
        }
        return new LwM2mObjectInstance(id, resources);
    }
}
