package io.crier.delivery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

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

    /** A display name goes into a header: a line break there could add headers of its own. */
    static final String ONE_LINE = "[^\\r\\n]*";
    static final String NO_LINE_BREAKS = "must not contain line breaks";

    /** {@code {email, name}}, as {@code from}, {@code to}, {@code replyTo} and each bulk recipient. */
    record MailAddress(@NotBlank @Email @Size(max = 320) String email,
            @Size(max = 200) @Pattern(regexp = ONE_LINE, message = NO_LINE_BREAKS) String name) {
    }

    /** {@code POST /v1/mails/send}. */
    record SendMail(@NotNull @Valid MailAddress from, JsonNode to, @Size(max = MAX_SUBJECT_LENGTH) String subject,
            String html, String text, String templateId, JsonNode dynamicData, @Valid MailAddress replyTo,
            Boolean bypassSuppressions, JsonNode cc, JsonNode bcc) {
    }

    /** {@code POST /v1/mails/bulk}: one message, {@code recipients} each with their own {@code dynamicData}. */
    record BulkMail(@NotNull @Valid MailAddress from, JsonNode recipients,
            @Size(max = MAX_SUBJECT_LENGTH) String subject, String html, String text, String templateId,
            JsonNode dynamicData, @Valid MailAddress replyTo, Boolean bypassSuppressions) {
    }

    /** One of a bulk call's {@code recipients}. */
    record BulkRecipient(@NotBlank @Email @Size(max = 320) String email,
            @Size(max = 200) @Pattern(regexp = ONE_LINE, message = NO_LINE_BREAKS) String name,
            JsonNode dynamicData, JsonNode cc, JsonNode bcc) {
    }
}
