package io.crier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Reply;

/**
 * Paths the HTTP firewall (or the servlet container) refuses before any controller sees them,
 * given as the id of every endpoint of every API, answer a 400 in that API's error shape, never a
 * default error page, and change nothing.
 */
@CrierApiTest
class RefusedPathApiTest {

    /**
     * Encoded dots, slashes, percent signs and backslashes, path parameters, a control character.
     * (Tomcat itself refuses a NUL, {@code %00}, before any filter, with a page of its own.)
     */
    static final List<String> REFUSED_IDS = List.of("%2e%2e", "%2E", "a%2Fb", "a%2fb", "a%25b", "a%5Cb", "a;b=c",
            "a%0Ab", "..;");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Test
    void everyEndpointAnswersAPathTheFirewallRefusesInItsApisShape() {
        SampleWorkspace workspace = SampleWorkspace.create(Api.at(port));
        var before = workspace.snapshot();
        SoftAssertions soft = new SoftAssertions();
        for (Endpoint endpoint : Endpoint.all(handlers)) {
            if (endpoint.idCollection() == null) {
                continue;
            }
            Caller caller = endpoint.dialect().caller(workspace.caller);
            for (String id : REFUSED_IDS) {
                Reply reply = caller.request(endpoint.method(), endpoint.path(id), null);
                String what = endpoint.key() + " with id " + id + " answered " + reply.status() + " " + reply.body();
                soft.assertThat(reply.status()).as(what).isEqualTo(400);
                endpoint.dialect().expectError(soft, reply, null, what);
            }
        }
        soft.assertAll();
        assertThat(workspace.snapshot()).isEqualTo(before);
    }
}
