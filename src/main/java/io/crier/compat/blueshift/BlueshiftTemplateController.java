package io.crier.compat.blueshift;

import java.util.List;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.crier.access.ApiPrincipal;
import io.crier.delivery.TestSends;

/** Blueshift's email template calls under {@code /blueshift}: only the test send (scope {@code send}). */
@Tag(name = "Blueshift")
@RestController
@RequestMapping(BlueshiftSecurity.BASE + "/api/v1/email_templates")
class BlueshiftTemplateController {

    /** The answer of a test send: one result per address, as Crier's own campaign test send gives them. */
    record TestSent(boolean success, List<TestSends.TestResult> results) {
    }

    private final BlueshiftTestSends testSends;

    BlueshiftTemplateController(BlueshiftTestSends testSends) {
        this.testSends = testSends;
    }

    @PostMapping("/test_send.json")
    TestSent testSend(@AuthenticationPrincipal ApiPrincipal caller, @Valid @RequestBody TestSendRequest body) {
        return new TestSent(true, testSends.send(caller.workspaceId(), body));
    }
}
