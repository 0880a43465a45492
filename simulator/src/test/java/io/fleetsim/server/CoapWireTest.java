package io.fleetsim.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.junit.jupiter.api.Test;

/** The responder's few CoAP bytes agree with Californium's codec, both ways. */
class CoapWireTest {

    private final UdpDataSerializer serializer = new UdpDataSerializer();
    private final UdpDataParser parser = new UdpDataParser();

    @Test
    void readsWhatARegisterCarries() {
        Request register = Request.newPost();
        register.setType(Type.CON);
        register.setMID(0xBEEF);
        register.setToken(Token.fromProvider(new byte[] {1, 2, 3, 4}));
        register.getOptions().addUriPath("rd").addUriQuery("ep=" + "a-long-endpoint-name-".repeat(3))
                .addUriQuery("lt=300").addUriQuery("lwm2m=1.1").addUriQuery("b=U");
        register.setPayload("</1/0>,</3/0>");

        CoapWire.Message message = CoapWire.parse(serializer.getByteArray(register));

        assertThat(message.type()).isEqualTo(CoapWire.CON);
        assertThat(message.code()).isEqualTo(RegistrationRequestHandler.POST);
        assertThat(message.messageId()).isEqualTo(0xBEEF);
        assertThat(message.token()).containsExactly(1, 2, 3, 4);
        assertThat(message.path()).containsExactly("rd");
        assertThat(message.queries()).containsExactly("ep=" + "a-long-endpoint-name-".repeat(3), "lt=300",
                "lwm2m=1.1", "b=U");
    }

    @Test
    void writesAResponseCaliforniaReadsBack() {
        byte[] bytes = CoapWire.response(CoapWire.ACK, RegistrationRequestHandler.CREATED, 7, new byte[] {9, 8},
                List.of("rd", "x".repeat(200)));

        Response response = (Response) parser.parseMessage(bytes);

        assertThat(response.getType()).isEqualTo(Type.ACK);
        assertThat(response.getCode()).isEqualTo(ResponseCode.CREATED);
        assertThat(response.getMID()).isEqualTo(7);
        assertThat(response.getToken().getBytes()).containsExactly(9, 8);
        assertThat(response.getOptions().getLocationPathString()).isEqualTo("rd/" + "x".repeat(200));
    }

    @Test
    void refusesWhatIsNotCoap() {
        assertThat(CoapWire.parse(new byte[] {1, 2})).as("shorter than a header").isNull();
        assertThat(CoapWire.parse(new byte[] {(byte) 0x80, 1, 0, 1})).as("version 2").isNull();
        assertThat(CoapWire.parse(new byte[] {0x49, 1, 0, 1})).as("token length 9").isNull();
        assertThat(CoapWire.parse(new byte[] {0x44, 2, 0, 1, 1})).as("token cut short").isNull();
        assertThat(CoapWire.parse(new byte[] {0x40, 2, 0, 1, (byte) 0xB5, 'r'})).as("option cut short").isNull();
        assertThat(CoapWire.parse(new byte[] {0x40, 2, 0, 1, (byte) 0xFF})).as("marker without payload").isNull();
        assertThat(CoapWire.parse(new byte[] {0x40, 0, 0, 1, 5})).as("empty message with bytes").isNull();
        assertThat(CoapWire.parse(new byte[] {0x40, 0, 0, 1}).isEmpty()).as("a CoAP ping").isTrue();
    }
}
