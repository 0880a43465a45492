package io.fleetsim.transport.dtls;

import java.net.InetSocketAddress;

import org.eclipse.californium.elements.DtlsEndpointContext;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.MapBasedEndpointContext;

/**
 * Lets a device handshake before it has anything to send. Scandium starts a handshake when it is
 * given data for a peer it has no session with; the trigger is an empty message whose endpoint
 * context this matcher lets through while the handshake starts and holds back once the session
 * exists, so nothing but the handshake reaches the wire.
 */
public final class HandshakeTrigger implements EndpointContextMatcher {

    public static final HandshakeTrigger MATCHER = new HandshakeTrigger();

    private HandshakeTrigger() {
    }

    /** The context of a trigger message; {@code handshakeMode} as in {@link DtlsEndpointContext}. */
    public static EndpointContext context(InetSocketAddress server, String handshakeMode) {
        return new TriggerContext(server, handshakeMode);
    }

    @Override
    public boolean isToBeSent(EndpointContext messageContext, EndpointContext connectionContext) {
        return connectionContext == null || !(messageContext instanceof TriggerContext);
    }

    @Override
    public boolean isResponseRelatedToRequest(EndpointContext requestContext, EndpointContext responseContext) {
        return true;
    }

    @Override
    public String toRelevantState(EndpointContext context) {
        return context instanceof TriggerContext ? "handshake trigger" : "data";
    }

    @Override
    public String getName() {
        return "fleetsim handshake trigger";
    }

    @Override
    public Object getEndpointIdentity(EndpointContext context) {
        return context.getPeerAddress();
    }

    /** Marks the empty message that only starts a handshake. */
    private static final class TriggerContext extends MapBasedEndpointContext {
        TriggerContext(InetSocketAddress server, String handshakeMode) {
            super(server, null, new Attributes().add(DtlsEndpointContext.KEY_HANDSHAKE_MODE, handshakeMode));
        }
    }
}
