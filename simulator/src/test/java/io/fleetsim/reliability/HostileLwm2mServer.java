package io.fleetsim.reliability;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.net.SocketAddress;

/**
 * A scripted LwM2M server on 127.0.0.1 that answers registrations the way one {@link HostileCase}
 * says: garbage, truncated headers, wrong tokens or message IDs, duplicates, error codes, RST,
 * silence or endless Block2. Updates and de-registrations get the normal answers, so a device that
 * did register can finish its life. It remembers when each endpoint's Register requests came.
 */
final class HostileLwm2mServer {

    static final long MAX_AGE_SECONDS = 10;

    private final HostileCase behaviour;
    private final DatagramSocket socket;
    private final UdpDataParser parser = new UdpDataParser();
    private final UdpDataSerializer serializer = new UdpDataSerializer();
    private final Map<String, List<Long>> registerNanos = new ConcurrentHashMap<>();
    private final Map<String, Integer> lastRegisterMid = new ConcurrentHashMap<>();

    private HostileLwm2mServer(Vertx vertx, HostileCase behaviour) {
        this.behaviour = behaviour;
        this.socket = vertx.createDatagramSocket();
    }

    static Future<HostileLwm2mServer> start(Vertx vertx, HostileCase behaviour) {
        HostileLwm2mServer server = new HostileLwm2mServer(vertx, behaviour);
        server.socket.handler(packet -> server.onDatagram(packet.data().getBytes(), packet.sender()));
        return server.socket.listen(0, "127.0.0.1").map(s -> server);
    }

    int port() {
        return socket.localAddress().port();
    }

    /** Wall-clock arrival times (System.nanoTime) of the first transmission of each Register, by endpoint. */
    Map<String, List<Long>> registerArrivals() {
        return registerNanos;
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
        boolean register = request.getCode() == Code.POST && request.getOptions().getUriPath().size() == 1;
        if (register) {
            noteRegister(request);
            answerRegister(request, from);
        } else {
            send(ack(request, request.getCode() == Code.DELETE ? ResponseCode.DELETED : ResponseCode.CHANGED), from);
        }
    }

    private void noteRegister(Request request) {
        String endpoint = request.getOptions().getUriQueryStrings().stream().filter(q -> q.startsWith("ep="))
                .findFirst().orElse("?");
        List<Long> arrivals = registerNanos.computeIfAbsent(endpoint, e -> new CopyOnWriteArrayList<>());
        Integer previousMid = lastRegisterMid.put(endpoint, request.getMID());
        boolean retransmission = previousMid != null && previousMid == request.getMID();
        if (request.getOptions().getBlock2() == null && !retransmission) {
            arrivals.add(System.nanoTime());
        }
    }

    private void answerRegister(Request request, SocketAddress from) {
        switch (behaviour) {
            case GARBAGE -> sendBytes(new byte[] { (byte) 0xC4, 0x13, 0x37, 0x00, 0x42, (byte) 0xFF, 0x17 }, from);
            case TRUNCATED_HEADER -> sendBytes(java.util.Arrays.copyOf(bytes(created(request)), 3), from);
            case WRONG_TOKEN -> {
                Response response = created(request);
                response.setToken(Token.fromProvider(new byte[] { 0x0B, 0x0A, 0x0D }));
                send(response, from);
            }
            case WRONG_MESSAGE_ID -> {
                Response response = created(request);
                response.setMID((request.getMID() + 1) & 0xFFFF);
                send(response, from);
            }
            case DUPLICATED_RESPONSES -> {
                send(created(request), from);
                send(created(request), from);
            }
            case SERVICE_UNAVAILABLE -> {
                Response response = ack(request, ResponseCode.SERVICE_UNAVAILABLE);
                response.getOptions().setMaxAge(MAX_AGE_SECONDS);
                send(response, from);
            }
            case FORBIDDEN -> send(ack(request, ResponseCode.FORBIDDEN), from);
            case SERVER_ERROR -> send(ack(request, ResponseCode.INTERNAL_SERVER_ERROR), from);
            case RESET -> send(EmptyMessage.newRST(request), from);
            case SILENT -> { }
            case ENDLESS_BLOCK2 -> {
                var asked = request.getOptions().getBlock2();
                Response response = created(request);
                response.getOptions().setBlock2(2, true, asked == null ? 0 : asked.getNum());
                response.setPayload(new byte[64]);
                send(response, from);
            }
        }
    }

    private Response created(Request request) {
        Response response = ack(request, ResponseCode.CREATED);
        response.getOptions().addLocationPath("rd").addLocationPath("hostile");
        return response;
    }

    private static Response ack(Request request, ResponseCode code) {
        Response response = new Response(code);
        response.setType(Type.ACK);
        response.setMID(request.getMID());
        response.setToken(request.getToken());
        return response;
    }

    private byte[] bytes(Message message) {
        return serializer.getByteArray(message);
    }

    private void send(Message message, SocketAddress to) {
        sendBytes(bytes(message), to);
    }

    private void sendBytes(byte[] datagram, SocketAddress to) {
        socket.send(Buffer.buffer(datagram), to.port(), to.host());
    }
}
