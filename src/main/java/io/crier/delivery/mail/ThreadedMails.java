package io.crier.delivery.mail;

import java.util.UUID;

import org.springframework.stereotype.Service;

import io.crier.content.Threading;
import io.crier.delivery.TransactionalMail;
import io.crier.delivery.mail.TransactionalMails.Batch;
import io.crier.delivery.mail.TransactionalMails.Queued;

import tools.jackson.databind.JsonNode;

/** {@link TransactionalMail}: a send body read and sent as {@code POST /v1/mails/send} does. */
@Service
class ThreadedMails implements TransactionalMail {

    private final MailRequestReader reader;
    private final TransactionalMails mails;

    ThreadedMails(MailRequestReader reader, TransactionalMails mails) {
        this.reader = reader;
        this.mails = mails;
    }

    @Override
    public Sent send(UUID workspaceId, JsonNode body, Threading threading) {
        Batch batch = mails.send(workspaceId, reader.send(body), threading);
        Queued first = batch.emails().getFirst();
        return new Sent(first.emailId(), first.status(), batch.emails().size());
    }
}
