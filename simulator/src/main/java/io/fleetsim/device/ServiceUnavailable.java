package io.fleetsim.device;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Response;

import io.vertx.core.AsyncResult;

/**
 * A server's "come back later": 5.03 Service Unavailable with a Max-Age option (RFC 7252
 * section 5.9.3.4) tells the client how many seconds to wait before trying again. A device that
 * retries sooner adds load to a server that has just said it is overloaded.
 */
final class ServiceUnavailable {

    private ServiceUnavailable() {
    }

    /**
     * Simulated milliseconds the device must wait before its next attempt: the Max-Age of a 5.03
     * answer, 0 for anything else (or a 5.03 without Max-Age, where the normal back-off applies).
     */
    static long retryNotBeforeMillis(AsyncResult<Response> result) {
        if (result.failed() || result.result().getCode() != ResponseCode.SERVICE_UNAVAILABLE) {
            return 0;
        }
        var options = result.result().getOptions();
        return options.hasMaxAge() ? options.getMaxAge() * 1_000 : 0;
    }
}
