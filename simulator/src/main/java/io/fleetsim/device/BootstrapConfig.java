package io.fleetsim.device;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResource;

import io.fleetsim.coap.CoapFailure;
import io.fleetsim.resultsformat.FailureCause;
import io.fleetsim.scenario.Transport;

/**
 * The Security (/0) and Server (/1) object instances a device holds for bootstrap (LwM2M 1.1 Core
 * §5.2.7): what a bootstrap server's Bootstrap-Write puts there, its Bootstrap-Delete takes away
 * (never the bootstrap-server account), Bootstrap-Discover lists and Bootstrap-Read of /1 returns.
 * After Bootstrap-Finish, {@link #serverAccount()} picks the account the device registers with.
 * Kept by the device across bootstraps, as a device keeps its configuration; one per device, on
 * its event loop.
 */
final class BootstrapConfig {

    /** Object id to its instances, instance id to its resources by id. */
    private final Map<Integer, Map<Integer, Map<Integer, LwM2mResource>>> objects = Map.of(
            LwM2mId.SECURITY, new TreeMap<>(), LwM2mId.SERVER, new TreeMap<>());

    /** Whether a Bootstrap-Write or -Delete may touch {@code objectId}: fleetsim's devices keep /0 and /1. */
    static boolean holds(int objectId) {
        return objectId == LwM2mId.SECURITY || objectId == LwM2mId.SERVER;
    }

    /**
     * Bootstrap-Write of {@code node} at {@code path} (an object, instance or resource of /0 or /1):
     * the written resources replace those of the same id; an instance that is missing is made.
     * False when the node does not fit the path.
     */
    boolean write(LwM2mPath path, LwM2mNode node) {
        Map<Integer, Map<Integer, LwM2mResource>> instances = objects.get(path.getObjectId());
        if (path.isObject() && node instanceof LwM2mObject object) {
            object.getInstances().forEach((id, instance) -> merge(instances, id, instance.getResources().values()));
            return true;
        }
        if (path.isObjectInstance() && node instanceof LwM2mObjectInstance instance) {
            merge(instances, path.getObjectInstanceId(), instance.getResources().values());
            return true;
        }
        if (path.isResource() && node instanceof LwM2mResource resource) {
            merge(instances, path.getObjectInstanceId(), List.of(resource));
            return true;
        }
        return false;
    }

    private static void merge(Map<Integer, Map<Integer, LwM2mResource>> instances, int id,
            Iterable<LwM2mResource> resources) {
        Map<Integer, LwM2mResource> target = instances.computeIfAbsent(id, i -> new TreeMap<>());
        for (LwM2mResource resource : resources) {
            target.put(resource.getId(), resource);
        }
    }

    /**
     * Bootstrap-Delete of {@code path}: {@code null} for the root (every /0 and /1 instance), else
     * /0, /1 or one of their instances. The bootstrap-server account (/0/x with Bootstrap-Server
     * true) is never deleted: deleting it by its own path is refused (false), as LwM2M 1.1 Core
     * §5.2.7.5 says; deleting /0 or the root leaves it.
     */
    boolean delete(LwM2mPath path) {
        if (path == null) {
            deleteAll(LwM2mId.SECURITY);
            deleteAll(LwM2mId.SERVER);
            return true;
        }
        if (path.isObject()) {
            deleteAll(path.getObjectId());
            return true;
        }
        Map<Integer, Map<Integer, LwM2mResource>> instances = objects.get(path.getObjectId());
        Map<Integer, LwM2mResource> instance = instances.get(path.getObjectInstanceId());
        if (path.getObjectId() == LwM2mId.SECURITY && instance != null && isBootstrapAccount(instance)) {
            return false;
        }
        instances.remove(path.getObjectInstanceId());
        return true;
    }

    private void deleteAll(int objectId) {
        objects.get(objectId).values()
                .removeIf(instance -> objectId != LwM2mId.SECURITY || !isBootstrapAccount(instance));
    }

    private static boolean isBootstrapAccount(Map<Integer, LwM2mResource> instance) {
        LwM2mResource flag = instance.get(LwM2mId.SEC_BOOTSTRAP);
        return flag != null && Boolean.TRUE.equals(flag.getValue());
    }

    /**
     * The Bootstrap-Discover links (LwM2M 1.1 Core §5.2.7.3) of the root ({@code path} null: with
     * {@code </>;lwm2m=1.1} and {@code otherObjects}, the device's other objects and instances as
     * link entries) or of /0 or /1: each instance, with {@code ssid} and, for a Security instance of
     * an LwM2M server, its {@code uri}; an object without instances as the object alone.
     */
    String discover(LwM2mPath path, List<String> otherObjects) {
        List<String> links = new ArrayList<>();
        if (path == null) {
            links.add("</>;lwm2m=1.1");
            objectLinks(LwM2mId.SECURITY, links);
            objectLinks(LwM2mId.SERVER, links);
            links.addAll(otherObjects);
        } else {
            objectLinks(path.getObjectId(), links);
        }
        return String.join(",", links);
    }

    private void objectLinks(int objectId, List<String> links) {
        Map<Integer, Map<Integer, LwM2mResource>> instances = objects.get(objectId);
        if (instances.isEmpty()) {
            links.add("</" + objectId + ">");
            return;
        }
        instances.forEach((id, resources) -> {
            StringBuilder link = new StringBuilder("</").append(objectId).append('/').append(id).append('>');
            boolean bootstrapAccount = objectId == LwM2mId.SECURITY && isBootstrapAccount(resources);
            Object ssid = value(resources,
                    objectId == LwM2mId.SECURITY ? LwM2mId.SEC_SERVER_ID : LwM2mId.SRV_SERVER_ID);
            if (!bootstrapAccount && ssid != null) {
                link.append(";ssid=").append(ssid);
            }
            Object uri = objectId == LwM2mId.SECURITY && !bootstrapAccount
                    ? value(resources, LwM2mId.SEC_SERVER_URI) : null;
            if (uri != null) {
                link.append(";uri=\"").append(uri).append('"');
            }
            links.add(link.toString());
        });
    }

    /** Bootstrap-Read of the Server object or one of its instances (LwM2M 1.1): the node, or null when absent. */
    LwM2mNode readServer(LwM2mPath path) {
        Map<Integer, Map<Integer, LwM2mResource>> instances = objects.get(LwM2mId.SERVER);
        if (path.isObject()) {
            List<LwM2mObjectInstance> all = new ArrayList<>();
            instances.forEach((id, resources) -> all.add(new LwM2mObjectInstance(id, resources.values())));
            return new LwM2mObject(LwM2mId.SERVER, all);
        }
        Map<Integer, LwM2mResource> instance = instances.get(path.getObjectInstanceId());
        return instance == null ? null : new LwM2mObjectInstance(path.getObjectInstanceId(), instance.values());
    }

    /**
     * The account to register with after Bootstrap-Finish: the first Security instance that is not
     * the bootstrap server's, has a Server URI and Short Server ID, and a Server instance with that
     * Short Server ID. Fails with {@link CoapFailure} {@code bad-config} when there is none or its
     * values do not fit together, {@code unsupported-security-mode} for certificate modes and PSK
     * over coaps+tcp, {@code unsupported-transport} for a scheme that is not CoAP's.
     */
    ServerAccount serverAccount() {
        for (Map<Integer, LwM2mResource> security : objects.get(LwM2mId.SECURITY).values()) {
            if (isBootstrapAccount(security)) {
                continue;
            }
            Object uri = value(security, LwM2mId.SEC_SERVER_URI);
            Object ssid = value(security, LwM2mId.SEC_SERVER_ID);
            if (!(uri instanceof String text) || text.isEmpty() || !(ssid instanceof Long id)) {
                continue;
            }
            Map<Integer, LwM2mResource> server = serverWith(id);
            if (server == null) {
                continue;
            }
            return account(text, security, id.intValue(), server);
        }
        throw new CoapFailure(FailureCause.BAD_CONFIG, "no LwM2M server account: a /0 instance that is not the "
                + "bootstrap server's, with Server URI and Short Server ID, and a /1 instance with that Short Server ID");
    }

    private Map<Integer, LwM2mResource> serverWith(long ssid) {
        for (Map<Integer, LwM2mResource> server : objects.get(LwM2mId.SERVER).values()) {
            if (Long.valueOf(ssid).equals(value(server, LwM2mId.SRV_SERVER_ID))) {
                return server;
            }
        }
        return null;
    }

    private static ServerAccount account(String uriText, Map<Integer, LwM2mResource> security, int ssid,
            Map<Integer, LwM2mResource> server) {
        ServerAddress address = ServerAddress.parse(uriText);
        Transport transport = address.transport();
        Object modeValue = value(security, LwM2mId.SEC_SECURITY_MODE);
        int mode = modeValue instanceof Long m ? m.intValue() : -1;
        String identity = null;
        byte[] key = null;
        if (mode == ServerAccount.MODE_RPK || mode == ServerAccount.MODE_CERTIFICATE || mode == 4) {
            throw new CoapFailure(FailureCause.UNSUPPORTED_SECURITY_MODE, "Security Mode " + mode
                    + ": fleetsim's devices take NoSec (3) and PSK (0) accounts from a bootstrap server");
        }
        if (mode == ServerAccount.MODE_PSK) {
            Object id = value(security, LwM2mId.SEC_PUBKEY_IDENTITY);
            Object secret = value(security, LwM2mId.SEC_SECRET_KEY);
            if (!(id instanceof byte[] idBytes) || idBytes.length == 0 || !(secret instanceof byte[] keyBytes)
                    || keyBytes.length == 0) {
                throw new CoapFailure(FailureCause.BAD_CONFIG, "Security Mode PSK without a PSK identity (/0/x/3) "
                        + "and key (/0/x/5)");
            }
            identity = new String(idBytes, StandardCharsets.UTF_8);
            key = keyBytes.clone();
        } else if (mode != ServerAccount.MODE_NOSEC) {
            throw new CoapFailure(FailureCause.BAD_CONFIG, "Security Mode (/0/x/2) is " + modeValue);
        }
        boolean plain = transport == Transport.UDP || transport == Transport.TCP;
        if ((mode == ServerAccount.MODE_NOSEC) != plain) {
            throw new CoapFailure(FailureCause.BAD_CONFIG, "Server URI '" + uriText + "' with Security Mode " + mode
                    + ": coap:// and coap+tcp:// go with NoSec (3), coaps:// and coaps+tcp:// with a secure mode");
        }
        if (transport == Transport.TLS) {
            throw new CoapFailure(FailureCause.UNSUPPORTED_SECURITY_MODE, "Server URI '" + uriText
                    + "': fleetsim's devices take a PSK account over coaps:// only, not over coaps+tcp://");
        }
        Object lifetime = value(server, LwM2mId.SRV_LIFETIME);
        Object binding = value(server, LwM2mId.SRV_BINDING);
        return new ServerAccount(address, mode, identity, key, ssid,
                lifetime instanceof Long l && l > 0 ? l : 0, binding instanceof String b && !b.isEmpty() ? b : null);
    }

    private static Object value(Map<Integer, LwM2mResource> instance, int resourceId) {
        LwM2mResource resource = instance.get(resourceId);
        return resource == null || resource.isMultiInstances() ? null : resource.getValue();
    }
}
