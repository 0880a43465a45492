package io.fleetsim.reliability;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;

import io.fleetsim.coap.tcp.TcpFrame;
import io.fleetsim.coap.tcp.TcpFrameAssembler;
import io.fleetsim.coap.tcp.TcpFrameException;
import io.fleetsim.coap.tcp.TcpFrameHeader;
import io.fleetsim.coap.tcp.TcpMessageCodec;
import io.fleetsim.coap.tcp.TcpSignal;
import io.fleetsim.security.FleetPki;
import io.fleetsim.transport.PemOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

/**
 * A scripted LwM2M server speaking CoAP over TCP (RFC 8323) on 127.0.0.1, in the clear or over TLS
 * with the server certificate of a {@link FleetPki}, which behaves as one TCP {@link HostileCase} says: a 10 MB response, absurd CSMs, closing after the first request,
 * garbage instead of frames, no CSM at all, Abort or RST to everything. Frames are read with the
 * project's assembler and codec and written by hand where they must be wrong. Updates and
 * de-registrations get the normal answers.
 */
final class HostileTcpLwm2mServer {

    static final int HUGE_BODY_BYTES = 10 * 1024 * 1024;

    private final HostileCase behaviour;
    private final NetServer server;
    private final TcpMessageCodec codec = new TcpMessageCodec();
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger tlsConnections = new AtomicInteger();

    private HostileTcpLwm2mServer(Vertx vertx, HostileCase behaviour, FleetPki tls) {
        this.behaviour = behaviour;
        NetServerOptions options = new NetServerOptions().setHost("127.0.0.1").setPort(0);
        if (behaviour == HostileCase.TCP_RESET) {
            options.setSoLinger(0); // close() sends RST
        }
        if (tls != null) {
            options.setSsl(true).setKeyCertOptions(PemOptions.keyCert(tls.server()));
        }
        this.server = vertx.createNetServer(options);
    }

    /** Starts the server for {@code behaviour}: over TLS with {@code tls}'s server certificate, or plain TCP when null. */
    static Future<HostileTcpLwm2mServer> start(Vertx vertx, HostileCase behaviour, FleetPki tls) {
        HostileTcpLwm2mServer hostile = new HostileTcpLwm2mServer(vertx, behaviour, tls);
        hostile.server.connectHandler(hostile::onConnect);
        return hostile.server.listen().map(s -> hostile);
    }

    int port() {
        return server.actualPort();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Connections accepted so far that were TLS. */
    int tlsConnections() {
        return tlsConnections.get();
    }

    Future<Void> close() {
        open.forEach(NetSocket::close);
        return server.close();
    }

    private void onConnect(NetSocket socket) {
        connections.incrementAndGet();
        if (socket.isSsl()) {
            tlsConnections.incrementAndGet();
        }
        open.add(socket);
        socket.closeHandler(v -> open.remove(socket));
        socket.exceptionHandler(t -> { });
        TcpFrameAssembler assembler = new TcpFrameAssembler(1 << 20, frame -> onFrame(socket, frame),
                size -> socket.close());
        socket.handler(assembler::feed);
    }

    private void onFrame(NetSocket socket, Buffer bytes) {
        TcpFrame frame;
        try {
            frame = codec.decode(bytes);
        } catch (TcpFrameException e) {
            socket.close();
            return;
        }
        if (behaviour == HostileCase.TCP_ABORT) {
            socket.write(codec.encode(TcpSignal.abort())).onComplete(ar -> socket.close());
            return;
        }
        if (frame.signal() != null) {
            onSignal(socket, frame.signal());
        } else if (frame.message() instanceof Request request) {
            onRequest(socket, request);
        }
    }

    private void onSignal(NetSocket socket, TcpSignal signal) {
        switch (signal.code()) {
            case TcpSignal.CSM -> answerCsm(socket);
            case TcpSignal.PING -> socket.write(codec.encode(TcpSignal.pong(signal.token())));
            case TcpSignal.RELEASE, TcpSignal.ABORT -> socket.close();
            default -> { }
        }
    }

    private void answerCsm(NetSocket socket) {
        switch (behaviour) {
            case TCP_NO_CSM -> { }
            case TCP_RESET -> socket.close();
            case TCP_GARBAGE -> {
                byte[] garbage = new byte[64];
                for (int i = 0; i < garbage.length; i++) {
                    garbage[i] = (byte) (0x0F + 37 * i);
                }
                garbage[0] = 0x0F; // Len 0, TKL 15: a reserved token length
                socket.write(Buffer.buffer(garbage));
            }
            case TCP_CSM_MAX_MESSAGE_SIZE_ZERO -> socket.write(csm(new TcpSignal.Option(TcpSignal.MAX_MESSAGE_SIZE,
                    new byte[0])));
            case TCP_CSM_MAX_MESSAGE_SIZE_HUGE -> socket.write(csm(new TcpSignal.Option(TcpSignal.MAX_MESSAGE_SIZE,
                    new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF})));
            case TCP_CSM_MAX_MESSAGE_SIZE_NINE_BYTES -> {
                byte[] nine = new byte[9];
                java.util.Arrays.fill(nine, (byte) 0xFF);
                socket.write(csm(new TcpSignal.Option(TcpSignal.MAX_MESSAGE_SIZE, nine)));
            }
            case TCP_CSM_UNKNOWN_CRITICAL -> socket.write(csm(new TcpSignal.Option(TcpSignal.MAX_MESSAGE_SIZE,
                    new byte[] {0x04, (byte) 0x80}), new TcpSignal.Option(9, new byte[] {0x01})));
            default -> socket.write(codec.encode(TcpSignal.csm(1152, true)));
        }
    }

    private Buffer csm(TcpSignal.Option... options) {
        return codec.encode(new TcpSignal(TcpSignal.CSM, new byte[0], List.of(options)));
    }

    private void onRequest(NetSocket socket, Request request) {
        boolean register = request.getCode() == Code.POST && request.getOptions().getUriPath().size() == 1;
        if (!register) {
            answer(socket, request, request.getCode() == Code.DELETE ? ResponseCode.DELETED : ResponseCode.CHANGED);
            return;
        }
        switch (behaviour) {
            case TCP_CLOSE_AFTER_FIRST_REQUEST -> socket.close();
            case TCP_HUGE_RESPONSE -> {
                Buffer out = Buffer.buffer();
                TcpFrameHeader.write(out, ResponseCode.CREATED.value, request.getTokenBytes(), HUGE_BODY_BYTES);
                out.appendBytes(new byte[4096]);
                socket.write(out);
            }
            default -> {
                Response created = new Response(ResponseCode.CREATED);
                created.getOptions().addLocationPath("rd").addLocationPath("hostile");
                created.setToken(request.getToken());
                socket.write(codec.encode(created));
            }
        }
    }

    private void answer(NetSocket socket, Request request, ResponseCode code) {
        Response response = new Response(code);
        response.setToken(request.getToken());
        socket.write(codec.encode(response));
    }
}
