package io.crier.compat.blueshift;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.crier.content.MessageContent;
import io.crier.content.TemplateSummary;
import io.crier.content.Templates;
import io.crier.delivery.TestSends;
import io.crier.sender.SenderDirectory;
import io.crier.sender.SenderIdentity;
import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.Ids;

/**
 * Blueshift's template test send, sent as Crier's campaign test sends are ({@link TestSends}):
 * from the configured sender, else the workspace's default one, with the template's subject, or
 * its name when it has none.
 */
@Service
class BlueshiftTestSends {

    private final Templates templates;
    private final TestSends testSends;
    private final BlueshiftSettings settings;
    private final SenderDirectory senders;

    BlueshiftTestSends(Templates templates, TestSends testSends, BlueshiftSettings settings,
            SenderDirectory senders) {
        this.templates = templates;
        this.testSends = testSends;
        this.settings = settings;
        this.senders = senders;
    }

    List<TestSends.TestResult> send(UUID workspaceId, TestSendRequest request) {
        List<String> addresses = request.addresses();
        if (addresses.isEmpty() || addresses.size() > TestSends.MAX_ADDRESSES) {
            throw ApiException.invalid("emails", "needs 1 to " + TestSends.MAX_ADDRESSES
                    + " addresses, email included");
        }
        TemplateSummary template = Ids.parse(request.template_uuid())
                .flatMap(id -> templates.find(workspaceId, id))
                .orElseThrow(() -> ApiException.notFound("TEMPLATE", "Template"));
        MessageContent sender = sender(workspaceId, template);
        MessageContent content = templates.content(workspaceId, template.id(), sender)
                .orElseThrow(() -> ApiException.notFound("TEMPLATE", "Template"));
        return testSends.send(workspaceId, content, addresses);
    }

    /** The sender's part of the message, and the subject when the template has none. */
    private MessageContent sender(UUID workspaceId, TemplateSummary template) {
        String subject = isBlank(template.subject()) ? template.name() : null;
        if (!isBlank(settings.fromAddress())) {
            return new MessageContent(settings.fromAddress(), settings.fromName(), null, subject, null, null, null);
        }
        SenderIdentity identity = senders.defaultFor(workspaceId).orElseThrow(() -> new ApiException(
                HttpStatus.UNPROCESSABLE_CONTENT, ErrorCodes.INVALID_STATE_TRANSITION, "A test send needs a sender:"
                        + " this workspace has no default sender (POST /v1/senders) and this Crier none of its own"
                        + " (crier.blueshift.from-address)"));
        return new MessageContent(identity.email(), identity.name(), identity.replyTo(), subject, null, null, null);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
