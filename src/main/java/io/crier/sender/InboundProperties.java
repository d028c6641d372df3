package io.crier.sender;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param mxHost the host that receives bounces and replies for every sending domain's return path
 *               ({@code bounces.<domain>}, whose MX record points at it); empty: no return-path
 *               records are suggested
 */
@ConfigurationProperties("crier.inbound")
record InboundProperties(String mxHost) {
}
