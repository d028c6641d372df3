package io.crier.delivery.mail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.crier.content.MailAttachment;
import io.crier.content.MessageExtras;
import io.crier.delivery.mail.MailRequests.BulkMail;
import io.crier.delivery.mail.MailRequests.BulkRecipient;
import io.crier.delivery.mail.MailRequests.MailAddress;
import io.crier.delivery.mail.MailRequests.SendMail;
import io.crier.shared.ApiException;
import io.crier.shared.FieldProblem;
import io.crier.shared.PatchReader;
import io.crier.shared.StorableText;
import io.crier.shared.Timestamps;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a send or bulk body into a {@link MailDraft}: typed and validated field by field, every
 * problem named by its path ({@code to.email}, {@code recipients[2].dynamicData}) in one 400.
 */
@Component
class MailRequestReader {

    /** AutoSend's limit for one bulk call, which its SDK checks too. */
    static final int MAX_RECIPIENTS = 100;
    /** AutoSend's limit for one send: the addresses of {@code to}, {@code cc} and {@code bcc} together. */
    static final int MAX_SEND_RECIPIENTS = 50;
    private static final int MAX_CATEGORIES = 10;
    private static final int MAX_CATEGORY_LENGTH = 100;

    private final PatchReader bodies;
    private final MailAttachmentReader attachments;

    MailRequestReader(PatchReader bodies, MailAttachmentReader attachments) {
        this.bodies = bodies;
        this.attachments = attachments;
    }

    /**
     * One recipient of a draft: its address (lower-cased, as contacts' are), name and placeholder
     * values, and the header it is in ({@code to}, {@code cc} or {@code bcc}).
     */
    record MailRecipient(String email, String name, ObjectNode dynamicData, String type) {

        MailRecipient(String email, String name, ObjectNode dynamicData) {
            this(email, name, dynamicData, "to");
        }
    }

    /**
     * What a call asks for beyond its content: attachments, when to send ({@code scheduledAt}, null:
     * now), its categories and campaignName (kept, filterable), {@code test} (kept out of the
     * metrics), unsubscribeGroupId (stored) and, when it has copies (cc/bcc), the To and Cc every copy shows.
     */
    record MailOptions(List<MailAttachment> attachments, Instant scheduledAt, List<String> categories,
            String campaignName, boolean test, String unsubscribeGroupId, List<MessageExtras.Address> toHeader,
            List<MessageExtras.Address> ccHeader) {

        static final MailOptions NONE = new MailOptions(List.of(), null, List.of(), null, false, null, List.of(),
                List.of());

        MessageExtras extras() {
            return new MessageExtras(toHeader, ccHeader, attachments);
        }
    }

    /** A transactional message as asked for, before its template (if any) is resolved. */
    record MailDraft(MailAddress from, MailAddress replyTo, String subject, String html, String text,
            String templateId, boolean bypassSuppressions, List<MailRecipient> recipients, MailOptions options) {

        MailDraft(MailAddress from, MailAddress replyTo, String subject, String html, String text, String templateId,
                boolean bypassSuppressions, List<MailRecipient> recipients) {
            this(from, replyTo, subject, html, text, templateId, bypassSuppressions, recipients, MailOptions.NONE);
        }
    }

    MailDraft send(JsonNode body) {
        SendMail mail = bodies.read(body, SendMail.class).values();
        List<FieldProblem> problems = new ArrayList<>();
        ObjectNode shared = dynamicData(mail.dynamicData(), "dynamicData", problems);
        List<MailRecipient> recipients = new ArrayList<>();
        JsonNode to = mail.to();
        if (to == null || to.isNull()) {
            problems.add(new FieldProblem("to", "is required"));
        } else if (to.isArray() && to.isEmpty()) {
            problems.add(new FieldProblem("to", "must list 1 to " + MAX_SEND_RECIPIENTS + " addresses"));
        } else {
            addresses(to, "to", shared, problems, recipients);
        }
        boolean copies = present(mail.cc()) || present(mail.bcc());
        addresses(mail.cc(), "cc", shared, problems, recipients);
        addresses(mail.bcc(), "bcc", shared, problems, recipients);
        List<MessageExtras.Address> toHeader = copies ? header(recipients, "to") : List.of();
        List<MessageExtras.Address> ccHeader = copies ? header(recipients, "cc") : List.of();
        MailOptions options = options(mail.attachments(), mail.scheduledAt(), mail.categories(), mail.campaignName(),
                mail.test(), mail.unsubscribeGroupId(), toHeader, ccHeader, problems);
        return draft(mail.from(), mail.replyTo(), mail.subject(), mail.html(), mail.text(), mail.templateId(),
                mail.bypassSuppressions(), recipients, options, problems);
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
        MailOptions options = options(mail.attachments(), mail.scheduledAt(), mail.categories(), mail.campaignName(),
                mail.test(), mail.unsubscribeGroupId(), List.of(), List.of(), problems);
        return draft(mail.from(), mail.replyTo(), mail.subject(), mail.html(), mail.text(), mail.templateId(),
                mail.bypassSuppressions(), recipients, options, problems);
    }

    private static MailDraft draft(MailAddress from, MailAddress replyTo, String subject, String html, String text,
            String templateId, Boolean bypassSuppressions, List<MailRecipient> recipients, MailOptions options,
            List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return new MailDraft(from, replyTo, subject, html, text, templateId, Boolean.TRUE.equals(bypassSuppressions),
                List.copyOf(recipients), options);
    }

    private MailOptions options(JsonNode attachmentList, Instant scheduledAt, JsonNode categories,
            String campaignName, Boolean test, String unsubscribeGroupId, List<MessageExtras.Address> toHeader,
            List<MessageExtras.Address> ccHeader, List<FieldProblem> problems) {
        if (scheduledAt != null && !Timestamps.takes(scheduledAt)) {
            problems.add(new FieldProblem("scheduledAt", Timestamps.YEARS));
        }
        return new MailOptions(attachments.read(attachmentList, problems), scheduledAt,
                categories(categories, problems), campaignName, Boolean.TRUE.equals(test), unsubscribeGroupId,
                toHeader, ccHeader);
    }

    /** {@code categories}: up to 10 strings of up to 100 characters (null: none). */
    private static List<String> categories(JsonNode value, List<FieldProblem> problems) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > MAX_CATEGORIES || !value.valueStream().allMatch(category ->
                category.isString() && !category.asString().isBlank()
                        && category.asString().length() <= MAX_CATEGORY_LENGTH)) {
            problems.add(new FieldProblem("categories", "must be an array of at most " + MAX_CATEGORIES
                    + " strings of 1 to " + MAX_CATEGORY_LENGTH + " characters"));
            return List.of();
        }
        StorableText.check(value, "categories", problems);
        return value.valueStream().map(JsonNode::asString).distinct().toList();
    }

    /**
     * The addresses of {@code to}, {@code cc} or {@code bcc} (one address or an array), each a
     * recipient of its own in that header; past {@link #MAX_SEND_RECIPIENTS} in all, a 400 naming the field.
     */
    private void addresses(JsonNode value, String field, ObjectNode dynamicData, List<FieldProblem> problems,
            List<MailRecipient> recipients) {
        if (!present(value)) {
            return;
        }
        List<JsonNode> nodes = value.isArray() ? value.valueStream().toList() : List.of(value);
        if (recipients.size() + nodes.size() > MAX_SEND_RECIPIENTS) {
            problems.add(new FieldProblem(field, "may take the recipients up to " + MAX_SEND_RECIPIENTS
                    + " across to, cc and bcc"));
            return;
        }
        for (int i = 0; i < nodes.size(); i++) {
            String path = value.isArray() ? field + "[" + i + "]" : field;
            read(nodes.get(i), path, MailAddress.class, problems).ifPresent(address -> recipients.add(
                    new MailRecipient(normalized(address.email()), address.name(), dynamicData, field)));
        }
    }

    private static List<MessageExtras.Address> header(List<MailRecipient> recipients, String type) {
        return recipients.stream().filter(recipient -> recipient.type().equals(type))
                .map(recipient -> new MessageExtras.Address(recipient.email(), recipient.name())).toList();
    }

    private static boolean present(JsonNode value) {
        return value != null && !value.isNull() && !(value.isArray() && value.isEmpty());
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

    /** A bulk recipient's own copies are not AutoSend's either: each copy is a recipient of the call. */
    private static void unsupported(JsonNode value, String path, List<FieldProblem> problems) {
        if (present(value)) {
            problems.add(new FieldProblem(path, "is not supported: list each copy as a recipient of its own"));
        }
    }

    private static String normalized(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
