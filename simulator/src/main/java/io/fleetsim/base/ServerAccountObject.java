package io.fleetsim.base;

import java.util.List;

import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mSingleResource;

/**
 * The resources of a Server object instance (/1/x, LwM2M 1.1 Core §E.2) as fleetsim writes them,
 * for a device's own /1/0 and for the accounts the embedded bootstrap server hands out alike.
 */
public final class ServerAccountObject {

    /** Notification Storing When Disabled or Offline (/1/x/6). */
    private static final int NOTIFICATION_STORING = 6;

    private ServerAccountObject() {
    }

    /**
     * Short Server ID {@code shortServerId}, lifetime {@code lifetimeSeconds}, notification storing
     * off, binding {@code binding} ({@code U}, {@code T}, ...).
     */
    public static List<LwM2mResource> resources(long shortServerId, long lifetimeSeconds, String binding) {
        return List.of(
                LwM2mSingleResource.newIntegerResource(LwM2mId.SRV_SERVER_ID, shortServerId),
                LwM2mSingleResource.newIntegerResource(LwM2mId.SRV_LIFETIME, lifetimeSeconds),
                LwM2mSingleResource.newBooleanResource(NOTIFICATION_STORING, false),
                LwM2mSingleResource.newStringResource(LwM2mId.SRV_BINDING, binding));
    }
}
