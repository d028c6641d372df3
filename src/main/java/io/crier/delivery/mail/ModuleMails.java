package io.crier.delivery.mail;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.crier.content.Threading;
import io.crier.delivery.TransactionalMail;
import io.crier.delivery.mail.MailRequestReader.MailDraft;
import io.crier.delivery.mail.MailRequestReader.MailRecipient;
import io.crier.delivery.mail.TransactionalMails.Batch;
import io.crier.delivery.mail.TransactionalMails.Queued;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@link TransactionalMail}: a send body read and sent as {@code POST /v1/mails/send} does, or a
 * notice as a one-recipient message from the workspace's default sender.
 */
@Service
class ModuleMails implements TransactionalMail {

    private final MailRequestReader reader;
    private final TransactionalMails mails;

    ModuleMails(MailRequestReader reader, TransactionalMails mails) {
        this.reader = reader;
        this.mails = mails;
    }

    @Override
    public Sent send(UUID workspaceId, JsonNode body, Threading threading) {
        Batch batch = mails.send(workspaceId, reader.send(body), threading);
        Queued first = batch.emails().getFirst();
        return new Sent(first.emailId(), first.status(), batch.emails().size());
    }

    @Override
    public UUID notice(UUID workspaceId, String to, String subject, String html, String text) {
        MailDraft draft = new MailDraft(null, null, subject, html, text, null, false,
                List.of(new MailRecipient(to, null, JsonNodeFactory.instance.objectNode())));
        return mails.send(workspaceId, draft).emails().getFirst().emailId();
    }
}
