package io.fleetsim.coap.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.mbed.coap.packet.CoapPacket;
import com.mbed.coap.packet.CoapRequest;
import com.mbed.coap.packet.CoapTcpPacketSerializer;
import com.mbed.coap.packet.Code;
import com.mbed.coap.packet.MessageType;
import com.mbed.coap.packet.Opaque;
import com.mbed.coap.packet.SignalingOptions;
import com.mbed.coap.packet.SignallingHeaderOptions;

import io.vertx.core.buffer.Buffer;

/**
 * RFC 8323 framing, checked against java-coap (an independent, compliant implementation) in both
 * directions, at and around the Extended Length boundaries 13, 269 and 65805.
 */
class TcpFramingTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5683);
    private final TcpMessageCodec codec = new TcpMessageCodec();

    /** Payload sizes whose options+payload length (path "rd" = 3 bytes, marker = 1) cross each boundary. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 8, 9, 10, 264, 265, 266, 65800, 65801, 65802, 70_000})
    void ourRequestFramesAreReadByJavaCoapWithTheSameContent(int payloadSize) throws Exception {
        Request request = Request.newPost();
        request.getOptions().setUriPath("rd");
        request.getOptions().addUriQuery("ep=dev-1");
        request.setToken(Token.fromProvider(new byte[] {1, 2, 3, 4}));
        byte[] payload = payload(payloadSize);
        request.setPayload(payload);

        byte[] frame = codec.encode(request).getBytes();
        ByteArrayInputStream in = new ByteArrayInputStream(frame);
        CoapPacket parsed = CoapTcpPacketSerializer.deserialize(PEER, in);

        assertThat(in.available()).as("java-coap read exactly one whole frame").isZero();
        assertThat(parsed.getMethod()).isEqualTo(com.mbed.coap.packet.Method.POST);
        assertThat(parsed.headers().getUriPath()).isEqualTo("/rd");
        assertThat(parsed.headers().getUriQuery()).isEqualTo("ep=dev-1");
        assertThat(parsed.getToken().getBytes()).containsExactly(1, 2, 3, 4);
        assertThat(parsed.getPayload().getBytes()).isEqualTo(payload);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 11, 12, 13, 267, 268, 269, 65803, 65804, 65805, 100_000})
    void javaCoapFramesAreReadByUsWithTheSameContent(int payloadSize) throws Exception {
        CoapPacket packet = new CoapPacket(PEER);
        packet.setCode(Code.C205_CONTENT);
        packet.setToken(Opaque.of(new byte[] {9, 8, 7}));
        packet.headers().setContentFormat((short) 110);
        packet.setPayload(Opaque.of(payload(payloadSize)));
        byte[] frame = CoapTcpPacketSerializer.serialize(packet);

        Response response = (Response) codec.decode(Buffer.buffer(frame)).message();

        assertThat(response.getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(response.getTokenBytes()).containsExactly(9, 8, 7);
        assertThat(response.getOptions().getContentFormat()).isEqualTo(110);
        assertThat(response.getPayload()).isEqualTo(payload(payloadSize));
    }

    @ParameterizedTest
    @ValueSource(ints = {12, 13, 268, 269, 65804, 65805, 70_000})
    void ourFramesAreByteForByteWhatJavaCoapWrites(int payloadSize) throws Exception {
        // A response with only a payload: options+payload length = payloadSize + 1 (marker).
        Response ours = new Response(ResponseCode.CONTENT);
        ours.setToken(Token.fromProvider(new byte[] {5}));
        ours.setPayload(payload(payloadSize - 1));
        CoapPacket theirs = new CoapPacket(PEER);
        theirs.setCode(Code.C205_CONTENT);
        theirs.setToken(Opaque.of(new byte[] {5}));
        theirs.setPayload(Opaque.of(ours.getPayload()));

        assertThat(codec.encode(ours).getBytes()).isEqualTo(CoapTcpPacketSerializer.serialize(theirs));
    }

    @Test
    void extendedLengthFieldsAreChosenAtTheRfcBoundaries() {
        assertThat(headerBytes(12)[0] >>> 4 & 0x0F).isEqualTo(12);
        assertThat(headerBytes(13)[0] >>> 4 & 0x0F).isEqualTo(13);
        assertThat(headerBytes(13)[1]).isZero();
        assertThat(headerBytes(268)[1] & 0xFF).isEqualTo(255);
        assertThat(headerBytes(269)[0] >>> 4 & 0x0F).isEqualTo(14);
        assertThat(Arrays.copyOfRange(headerBytes(269), 1, 3)).containsExactly(0, 0);
        assertThat(headerBytes(65804)[0] >>> 4 & 0x0F).isEqualTo(14);
        assertThat(headerBytes(65805)[0] >>> 4 & 0x0F).isEqualTo(15);
        assertThat(Arrays.copyOfRange(headerBytes(65805), 1, 5)).containsExactly(0, 0, 0, 0);
    }

    @Test
    void ourCsmIsUnderstoodByJavaCoap() throws Exception {
        byte[] frame = codec.encode(TcpSignal.csm(16_384, true)).getBytes();

        CoapPacket parsed = CoapTcpPacketSerializer.deserialize(PEER, new ByteArrayInputStream(frame));

        assertThat(parsed.getCode()).isEqualTo(Code.C701_CSM);
        SignalingOptions signalling = ((SignallingHeaderOptions) parsed.headers()).toSignallingOptions(Code.C701_CSM);
        assertThat(signalling.getMaxMessageSize()).isEqualTo(16_384L);
        assertThat(signalling.getBlockWiseTransfer()).isTrue();
    }

    @Test
    void javaCoapCsmPingAndPongAreUnderstoodByUs() throws Exception {
        CoapPacket csm = new CoapPacket(Code.C701_CSM, MessageType.Confirmable, PEER);
        SignallingHeaderOptions options = new SignallingHeaderOptions(Code.C701_CSM);
        options.putSignallingOptions(SignalingOptions.capabilities(4096, true));
        csm.setHeaderOptions(options);
        CoapPacket ping = new CoapPacket(Code.C702_PING, MessageType.Confirmable, PEER);
        ping.setToken(Opaque.of(new byte[] {42}));

        TcpSignal ourCsm = codec.decode(Buffer.buffer(CoapTcpPacketSerializer.serialize(csm))).signal();
        TcpSignal ourPing = codec.decode(Buffer.buffer(CoapTcpPacketSerializer.serialize(ping))).signal();

        assertThat(ourCsm.code()).isEqualTo(TcpSignal.CSM);
        assertThat(ourCsm.maxMessageSize()).contains(4096L);
        assertThat(ourCsm.option(TcpSignal.BLOCK_WISE_TRANSFER)).isPresent();
        assertThat(ourPing.code()).isEqualTo(TcpSignal.PING);
        assertThat(ourPing.token()).containsExactly(42);
    }

    @Test
    void javaCoapReadsOurPongAsAPong() throws Exception {
        byte[] frame = codec.encode(TcpSignal.pong(new byte[] {7, 7})).getBytes();

        CoapPacket parsed = CoapTcpPacketSerializer.deserialize(PEER, new ByteArrayInputStream(frame));

        assertThat(parsed.getCode()).isEqualTo(Code.C703_PONG);
        assertThat(parsed.getToken().getBytes()).containsExactly(7, 7);
    }

    @Test
    void aServerRequestFromJavaCoapDecodesAsARequest() throws Exception {
        CoapPacket get = CoapPacket.from(CoapRequest.get("/3/0").token(77).accept((short) 11542).to(PEER));

        Request request = (Request) codec.decode(Buffer.buffer(CoapTcpPacketSerializer.serialize(get))).message();

        assertThat(request.getOptions().getUriPathString()).isEqualTo("3/0");
        assertThat(request.getOptions().getAccept()).isEqualTo(11542);
    }

    @Test
    void partialFramesAndSeveralFramesPerReadAreReassembled() throws Exception {
        Buffer stream = Buffer.buffer();
        List<byte[]> sent = new ArrayList<>();
        for (int size : new int[] {0, 5, 300, 70_000, 12}) {
            Response response = new Response(ResponseCode.CONTENT);
            response.setToken(Token.fromProvider(new byte[] {(byte) size}));
            response.setPayload(payload(size));
            byte[] frame = codec.encode(response).getBytes();
            sent.add(frame);
            stream.appendBytes(frame);
        }
        List<byte[]> got = new ArrayList<>();
        TcpFrameAssembler assembler = new TcpFrameAssembler(100_000, f -> got.add(f.getBytes()), size -> { });

        for (int at = 0; at < stream.length(); at += 7) { // 7-byte reads split every header and payload
            assembler.feed(stream.getBuffer(at, Math.min(at + 7, stream.length())));
        }

        assertThat(got).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(got.get(i)).isEqualTo(sent.get(i));
        }
        assertThat(assembler.pendingBytes()).isZero();

        List<byte[]> atOnce = new ArrayList<>();
        new TcpFrameAssembler(100_000, f -> atOnce.add(f.getBytes()), size -> { }).feed(stream);
        assertThat(atOnce).hasSize(5);
    }

    @Test
    void aFrameAnnouncingMoreThanTheLimitIsRefusedBeforeItsBytesArrive() {
        List<Long> oversize = new ArrayList<>();
        List<Buffer> frames = new ArrayList<>();
        TcpFrameAssembler assembler = new TcpFrameAssembler(1_000, frames::add, oversize::add);
        Buffer header = Buffer.buffer();
        TcpFrameHeader.write(header, 0x45, new byte[0], 70_000);

        assembler.feed(header);
        assembler.feed(Buffer.buffer(new byte[100]));

        assertThat(oversize).containsExactly(70_006L);
        assertThat(frames).isEmpty();
    }

    @Test
    void aTenMegabyteFrameIsRefusedFromItsHeaderAndNoneOfItIsKept() {
        List<Long> oversize = new ArrayList<>();
        TcpFrameAssembler assembler = new TcpFrameAssembler(16_398, frame -> { }, oversize::add);
        Buffer read = Buffer.buffer();
        TcpFrameHeader.write(read, 0x41, new byte[] {1, 2, 3, 4}, 10 * 1024 * 1024);
        read.appendBytes(new byte[4096]);

        assembler.feed(read.getBuffer(0, 3)); // the header split across reads: not judged yet
        assertThat(oversize).isEmpty();
        assembler.feed(read.getBuffer(3, read.length()));
        assembler.feed(Buffer.buffer(new byte[65_536]));

        assertThat(oversize).containsExactly(1L + 4 + 1 + 4 + 10 * 1024 * 1024);
        assertThat(assembler.pendingBytes()).isZero();
    }

    @Test
    void aReservedTokenLengthIsAFrameError() {
        assertThatThrownBy(() -> codec.decode(Buffer.buffer(new byte[] {0x09, 0x45, 1, 2, 3, 4, 5, 6, 7, 8, 9})))
                .isInstanceOf(TcpFrameException.class).hasMessageContaining("token length 9");
    }

    private static byte[] headerBytes(int bodyLength) {
        Buffer out = Buffer.buffer();
        TcpFrameHeader.write(out, 0x45, new byte[0], bodyLength);
        return out.getBytes();
    }

    private static byte[] payload(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }
}
