package io.crier.content;

import java.util.List;

/**
 * What a transactional message carries beyond its template: the {@code To} and {@code Cc} its
 * every copy shows (empty {@code to}: the recipient alone, as for campaigns; Bcc is never shown)
 * and its attachments, which wrap the body in {@code multipart/mixed}.
 */
public record MessageExtras(List<Address> to, List<Address> cc, List<MailAttachment> attachments) {

    /** Nothing beyond the template: To is the recipient, no Cc, no attachments. */
    public static final MessageExtras NONE = new MessageExtras(List.of(), List.of(), List.of());

    public MessageExtras {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        attachments = List.copyOf(attachments);
    }

    /** An address as a header shows it; {@code name} may be null. */
    public record Address(String email, String name) {
    }
}
