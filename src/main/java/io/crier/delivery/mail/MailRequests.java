package io.crier.delivery.mail;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.crier.audience.EmailAddress;
import io.crier.shared.HeaderText;

import tools.jackson.databind.JsonNode;

/**
 * The bodies of AutoSend's transactional mail calls. Fields that may take more than one shape
 * ({@code to}: one address or several) or hold free-form data ({@code dynamicData}) stay JSON
 * here and are read by {@link MailRequestReader}, which names the field of every problem.
 */
final class MailRequests {

    static final int MAX_SUBJECT_LENGTH = 998;

    private MailRequests() {
    }

    /** {@code {email, name}}, as {@code from}, {@code to}, {@code replyTo} and each bulk recipient. */
    record MailAddress(@NotBlank @EmailAddress @Size(max = 320) String email,
            @Size(max = 200) @Pattern(regexp = HeaderText.ONE_LINE, message = HeaderText.NO_LINE_BREAKS) String name) {
    }

    /** {@code POST /v1/mails/send}. */
    record SendMail(@Valid MailAddress from, JsonNode to, @Size(max = MAX_SUBJECT_LENGTH) String subject,
            String html, String text, String templateId, JsonNode dynamicData, @Valid MailAddress replyTo,
            Boolean bypassSuppressions, JsonNode cc, JsonNode bcc, JsonNode attachments, Instant scheduledAt,
            JsonNode categories, @Size(max = 200) String campaignName, Boolean test,
            @Size(max = 100) String unsubscribeGroupId) {
    }

    /** {@code POST /v1/mails/bulk}: one message, {@code recipients} each with their own {@code dynamicData}. */
    record BulkMail(@Valid MailAddress from, JsonNode recipients,
            @Size(max = MAX_SUBJECT_LENGTH) String subject, String html, String text, String templateId,
            JsonNode dynamicData, @Valid MailAddress replyTo, Boolean bypassSuppressions, JsonNode attachments,
            Instant scheduledAt, JsonNode categories, @Size(max = 200) String campaignName, Boolean test,
            @Size(max = 100) String unsubscribeGroupId) {
    }

    /** One of a bulk call's {@code recipients}. */
    record BulkRecipient(@NotBlank @EmailAddress @Size(max = 320) String email,
            @Size(max = 200) @Pattern(regexp = HeaderText.ONE_LINE, message = HeaderText.NO_LINE_BREAKS) String name,
            JsonNode dynamicData, JsonNode cc, JsonNode bcc) {
    }
}
