package io.z3chat.gateway.downstream;

import io.z3chat.gateway.error.ErrorCode;
import io.z3chat.gateway.error.GatewayException;

/** The downstream did not answer (refused, reset, timed out) or answered with a 5xx. */
public class DownstreamUnavailableException extends GatewayException {

    public DownstreamUnavailableException(Target target) {
        super(ErrorCode.UNAVAILABLE, ErrorCode.UNAVAILABLE.status(), target.audience() + " is unavailable, try again shortly", true, 0);
    }
}
