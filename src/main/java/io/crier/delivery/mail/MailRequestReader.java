package io.crier.delivery.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.crier.delivery.mail.MailRequests.BulkMail;
import io.crier.delivery.mail.MailRequests.BulkRecipient;
import io.crier.delivery.mail.MailRequests.MailAddress;
import io.crier.delivery.mail.MailRequests.SendMail;
import io.crier.shared.ApiException;
import io.crier.shared.FieldProblem;
import io.crier.shared.PatchReader;
import io.crier.shared.StorableText;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a send or bulk body into a {@link MailDraft}: typed and validated field by field, every
 * problem named by its path ({@code to.email}, {@code recipients[2].dynamicData}) in one 400.
 */
@Component
class MailRequestReader {

    /** AutoSend's limit for one bulk call, which its SDK checks too; also the most addresses {@code to} may list. */
    static final int MAX_RECIPIENTS = 100;

    private final PatchReader bodies;

    MailRequestReader(PatchReader bodies) {
        this.bodies = bodies;
    }

    /** One recipient of a draft: its address (lower-cased, as contacts' are), name and placeholder values. */
    record MailRecipient(String email, String name, ObjectNode dynamicData) {
    }

    /** A transactional message as asked for, before its template (if any) is resolved. */
    record MailDraft(MailAddress from, MailAddress replyTo, String subject, String html, String text,
            String templateId, boolean bypassSuppressions, List<MailRecipient> recipients) {
    }

    MailDraft send(JsonNode body) {
        SendMail mail = bodies.read(body, SendMail.class).values();
        List<FieldProblem> problems = new ArrayList<>();
        ObjectNode shared = dynamicData(mail.dynamicData(), "dynamicData", problems);
        unsupported(mail.cc(), "cc", problems);
        unsupported(mail.bcc(), "bcc", problems);
        List<MailRecipient> recipients = new ArrayList<>();
        JsonNode to = mail.to();
        if (to == null || to.isNull()) {
            problems.add(new FieldProblem("to", "is required"));
        } else if (to.isArray()) {
            if (to.isEmpty() || to.size() > MAX_RECIPIENTS) {
                problems.add(new FieldProblem("to", "must list 1 to " + MAX_RECIPIENTS + " addresses"));
            }
            for (int i = 0; i < to.size() && i < MAX_RECIPIENTS; i++) {
                recipient(to.get(i), "to[" + i + "]", shared, problems, recipients);
            }
        } else {
            recipient(to, "to", shared, problems, recipients);
        }
        return draft(mail.from(), mail.replyTo(), mail.subject(), mail.html(), mail.text(), mail.templateId(),
                mail.bypassSuppressions(), recipients, problems);
    }

    MailDraft bulk(JsonNode body) {
        BulkMail mail = bodies.read(body, BulkMail.class).values();
        List<FieldProblem> problems = new ArrayList<>();
        ObjectNode shared = dynamicData(mail.dynamicData(), "dynamicData", problems);
        List<MailRecipient> recipients = new ArrayList<>();
        JsonNode list = mail.recipients();
        if (list == null || list.isNull()) {
            problems.add(new FieldProblem("recipients", "is required"));
        } else if (!list.isArray() || list.isEmpty() || list.size() > MAX_RECIPIENTS) {
            problems.add(new FieldProblem("recipients", "must be an array of 1 to " + MAX_RECIPIENTS + " recipients"));
        } else {
            for (int i = 0; i < list.size(); i++) {
                String path = "recipients[" + i + "]";
                read(list.get(i), path, BulkRecipient.class, problems).ifPresent(recipient -> {
                    unsupported(recipient.cc(), path + ".cc", problems);
                    unsupported(recipient.bcc(), path + ".bcc", problems);
                    ObjectNode data = shared.deepCopy();
                    data.setAll(dynamicData(recipient.dynamicData(), path + ".dynamicData", problems));
                    recipients.add(new MailRecipient(normalized(recipient.email()), recipient.name(), data));
                });
            }
        }
        return draft(mail.from(), mail.replyTo(), mail.subject(), mail.html(), mail.text(), mail.templateId(),
                mail.bypassSuppressions(), recipients, problems);
    }

    private static MailDraft draft(MailAddress from, MailAddress replyTo, String subject, String html, String text,
            String templateId, Boolean bypassSuppressions, List<MailRecipient> recipients,
            List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return new MailDraft(from, replyTo, subject, html, text, templateId, Boolean.TRUE.equals(bypassSuppressions),
                List.copyOf(recipients));
    }

    private void recipient(JsonNode node, String path, ObjectNode dynamicData, List<FieldProblem> problems,
            List<MailRecipient> recipients) {
        read(node, path, MailAddress.class, problems).ifPresent(address -> recipients.add(
                new MailRecipient(normalized(address.email()), address.name(), dynamicData)));
    }

    /** The object at {@code path} read as {@code type}; its problems are added under that path. */
    private <T> Optional<T> read(JsonNode node, String path, Class<T> type, List<FieldProblem> problems) {
        try {
            return Optional.of(bodies.read(node, type).values());
        } catch (ApiException e) {
            e.details().forEach(problem -> problems.add(new FieldProblem(
                    problem.field().equals("body") ? path : path + "." + problem.field(), problem.message())));
            return Optional.empty();
        }
    }

    /** Placeholder values: a JSON object (absent or null: none) whose text can be stored. */
    private static ObjectNode dynamicData(JsonNode value, String path, List<FieldProblem> problems) {
        if (value == null || value.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!value.isObject()) {
            problems.add(new FieldProblem(path, "must be a JSON object"));
            return JsonNodeFactory.instance.objectNode();
        }
        StorableText.check(value, path, problems);
        return (ObjectNode) value;
    }

    /** Crier sends every message to one address; copies are separate recipients (bulk), so cc and bcc are refused. */
    private static void unsupported(JsonNode value, String path, List<FieldProblem> problems) {
        if (value != null && !value.isNull() && !(value.isArray() && value.isEmpty())) {
            problems.add(new FieldProblem(path, "is not supported: send each copy as a recipient of its own"
                    + " (POST /v1/mails/bulk)"));
        }
    }

    private static String normalized(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
