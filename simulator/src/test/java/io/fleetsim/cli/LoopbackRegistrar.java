package io.fleetsim.cli;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.net.SocketAddress;

/**
 * A bare LwM2M registration server over CoAP/UDP on one loopback address and port: Register gets
 * 2.01 Created, Update 2.04 Changed, De-register 2.02 Deleted. It remembers which endpoints
 * registered with it, so a test can tell two servers on the same port of different loopback
 * addresses apart.
 */
final class LoopbackRegistrar {

    private final DatagramSocket socket;
    private final UdpDataParser parser = new UdpDataParser();
    private final UdpDataSerializer serializer = new UdpDataSerializer();
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    private LoopbackRegistrar(Vertx vertx) {
        this.socket = vertx.createDatagramSocket();
    }

    /** Listens on {@code host:port} (0: a free port). */
    static Future<LoopbackRegistrar> start(Vertx vertx, String host, int port) {
        LoopbackRegistrar server = new LoopbackRegistrar(vertx);
        server.socket.handler(packet -> server.onDatagram(packet.data().getBytes(), packet.sender()));
        return server.socket.listen(port, host).map(s -> server);
    }

    int port() {
        return socket.localAddress().port();
    }

    /** Endpoint names that sent this server a Register. */
    Set<String> registered() {
        return registered;
    }

    Future<Void> close() {
        return socket.close();
    }

    private void onDatagram(byte[] bytes, SocketAddress from) {
        Message message;
        try {
            message = parser.parseMessage(bytes);
        } catch (RuntimeException notCoap) {
            return;
        }
        if (!(message instanceof Request request)) {
            return;
        }
        Response response;
        if (request.getCode() == Code.POST && request.getOptions().getUriPath().size() == 1) {
            String endpoint = request.getOptions().getUriQueryStrings().stream().filter(q -> q.startsWith("ep="))
                    .findFirst().orElse("ep=?").substring(3);
            registered.add(endpoint);
            response = answer(request, ResponseCode.CREATED);
            response.getOptions().addLocationPath("rd").addLocationPath(endpoint);
        } else {
            response = answer(request, request.getCode() == Code.DELETE ? ResponseCode.DELETED : ResponseCode.CHANGED);
        }
        socket.send(Buffer.buffer(serializer.getByteArray(response)), from.port(), from.host());
    }

    private static Response answer(Request request, ResponseCode code) {
        Response response = new Response(code);
        response.setType(Type.ACK);
        response.setMID(request.getMID());
        response.setToken(request.getToken());
        return response;
    }
}
