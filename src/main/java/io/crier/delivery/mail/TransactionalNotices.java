package io.crier.delivery.mail;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.crier.delivery.NoticeMails;
import io.crier.delivery.mail.MailRequestReader.MailDraft;
import io.crier.delivery.mail.MailRequestReader.MailRecipient;

import tools.jackson.databind.node.JsonNodeFactory;

/** {@link NoticeMails} as one-recipient transactional mail from the workspace's default sender. */
@Service
class TransactionalNotices implements NoticeMails {

    private final TransactionalMails mails;

    TransactionalNotices(TransactionalMails mails) {
        this.mails = mails;
    }

    @Override
    public UUID send(UUID workspaceId, String to, String subject, String html, String text) {
        MailDraft draft = new MailDraft(null, null, subject, html, text, null, false,
                List.of(new MailRecipient(to, null, JsonNodeFactory.instance.objectNode())));
        return mails.send(workspaceId, draft).emails().getFirst().emailId();
    }
}
