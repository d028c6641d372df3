package io.crier.delivery.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.audience.UnsubscribeGroups;
import io.crier.campaign.TransactionalCampaigns;
import io.crier.content.MessageContent;
import io.crier.content.MessageTemplate;
import io.crier.content.TemplateProblem;
import io.crier.content.Threading;
import io.crier.content.Tracking;
import io.crier.content.Templates;
import io.crier.delivery.DeliveryStatus;
import io.crier.delivery.engine.CompiledCampaigns;
import io.crier.delivery.engine.RunningCampaignsCache;
import io.crier.delivery.mail.MailRequestReader.MailDraft;
import io.crier.delivery.mail.MailRequestReader.MailRecipient;
import io.crier.delivery.mail.TransactionalMailRepository.NewMail;
import io.crier.sender.SenderIdentity;
import io.crier.sender.SenderDirectory;
import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.FieldProblem;
import io.crier.shared.Ids;
import io.crier.shared.PageQuery;
import io.crier.shared.Timestamps;
import io.crier.suppression.Suppressions;

/**
 * Transactional mail on the campaign engine: each call becomes a hidden campaign that starts at
 * once ({@link TransactionalCampaigns}), its content resolved and compiled once for all its
 * recipients, and one ledger row per recipient. From there the engine claims, fences, sends,
 * retries, bounces and suppresses exactly as for a campaign. Suppressed addresses get a row in
 * status {@code suppressed}, so their message can be read back too, and are never sent.
 */
@Service
class TransactionalMails {

    private final TransactionalCampaigns campaigns;
    private final TransactionalMailRepository repository;
    private final Suppressions suppressions;
    private final Templates templates;
    private final CompiledCampaigns compiled;
    private final TransactionTemplate transactions;
    private final RunningCampaignsCache running;
    private final SenderDirectory senders;
    private final MailBatches batches;
    private final UnsubscribeGroups groups;
    private final Clock clock;

    TransactionalMails(TransactionalCampaigns campaigns, TransactionalMailRepository repository,
            Suppressions suppressions, Templates templates, CompiledCampaigns compiled,
            TransactionTemplate transactions, RunningCampaignsCache running, SenderDirectory senders,
            MailBatches batches, UnsubscribeGroups groups, Clock clock) {
        this.campaigns = campaigns;
        this.groups = groups;
        this.batches = batches;
        this.senders = senders;
        this.repository = repository;
        this.suppressions = suppressions;
        this.templates = templates;
        this.compiled = compiled;
        this.transactions = transactions;
        this.running = running;
        this.clock = clock;
    }

    /** One queued (or suppressed) message of a call. */
    record Queued(UUID emailId, String email, String status) {
    }

    /** What a call queued: its batch (the hidden campaign) and each message, in the order given. */
    record Batch(UUID batchId, List<Queued> emails) {

        long count(DeliveryStatus status) {
            return emails.stream().filter(email -> email.status().equals(status.wire())).count();
        }
    }

    Batch send(UUID workspaceId, MailDraft draft) {
        return send(workspaceId, draft, Threading.NONE);
    }

    /** As {@link #send(UUID, MailDraft)}, every message carrying the thread's headers. */
    Batch send(UUID workspaceId, MailDraft draft, Threading threading) {
        MessageContent content = content(workspaceId, draft);
        MessageTemplate template = compile(content, threading);
        UUID group = unsubscribeGroup(workspaceId, draft.options().unsubscribeGroupId());
        Batch batch = transactions.execute(status -> {
            Instant now = Timestamps.now(clock);
            List<String> emails = draft.recipients().stream().map(MailRecipient::email).toList();
            Set<String> suppressed = new HashSet<>(draft.bypassSuppressions()
                    ? suppressions.suppressedForGood(workspaceId, emails) : suppressions.suppressed(workspaceId, emails));
            if (group != null && !draft.bypassSuppressions()) {
                suppressed.addAll(groups.leftAmong(workspaceId, group, emails));
            }
            UUID campaignId = campaigns.start(workspaceId, content, threading, group);
            List<NewMail> mails = new ArrayList<>();
            for (MailRecipient recipient : draft.recipients()) {
                mails.add(new NewMail(Ids.newId(), recipient.email(), recipient.name(),
                        recipient.dynamicData().toString(), suppressed.contains(recipient.email())
                                ? DeliveryStatus.SUPPRESSED : DeliveryStatus.QUEUED, recipient.type()));
            }
            Instant scheduledAt = draft.options().scheduledAt();
            repository.insert(campaignId, workspaceId, mails, now,
                    scheduledAt != null && scheduledAt.isAfter(now) ? scheduledAt : now);
            batches.insert(campaignId, workspaceId, draft.options());
            return new Batch(campaignId, mails.stream()
                    .map(mail -> new Queued(mail.messageId(), mail.email(), mail.status().wire())).toList());
        });
        compiled.remember(batch.batchId(), template);
        running.markStale();
        return batch;
    }

    /**
     * The group a call names, or none; one that is no group of the workspace is refused. Its leavers
     * are recorded as suppressed, as the suppression list's addresses are, and bypassed alike.
     */
    private UUID unsubscribeGroup(UUID workspaceId, String id) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        return groups.findId(workspaceId, id)
                .orElseThrow(() -> ApiException.invalid("unsubscribeGroupId", UnsubscribeGroups.NOT_A_GROUP));
    }

    /**
     * Cancels a message that has not left: idempotent (a cancelled one answers as it is), 422 once a
     * node is sending it or it was sent, bounced, failed or suppressed.
     */
    MailView cancel(UUID workspaceId, String id) {
        MailView mail = get(workspaceId, id);
        if (repository.cancel(workspaceId, mail.id(), Timestamps.now(clock))) {
            return get(workspaceId, id);
        }
        MailView now = get(workspaceId, id);
        if (!now.status().equals(DeliveryStatus.CANCELLED.wire())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ErrorCodes.INVALID_STATE_TRANSITION,
                    "The email is " + now.status() + (now.status().equals(DeliveryStatus.QUEUED.wire())
                            ? " and being sent right now" : "") + ": only one that has not left can be cancelled");
        }
        return now;
    }

    Map<String, Object> page(UUID workspaceId, String category, String campaignName, PageQuery page) {
        return page.result("emails", repository.list(workspaceId, category, campaignName, Math.toIntExact(page.offset()),
                page.limit()), repository.count(workspaceId, category, campaignName));
    }

    MailView get(UUID workspaceId, String id) {
        return Ids.parse(id).flatMap(messageId -> repository.find(workspaceId, messageId))
                .orElseThrow(() -> ApiException.notFound("EMAIL", "Email"));
    }

    /**
     * The message every recipient gets: the call's own subject, HTML and text where it gives them,
     * its template's otherwise (as for campaigns). A template of another workspace is refused
     * exactly like one that does not exist.
     */
    private MessageContent content(UUID workspaceId, MailDraft draft) {
        UUID templateId = null;
        if (draft.templateId() != null) {
            templateId = Ids.parse(draft.templateId()).filter(id -> templates.find(workspaceId, id).isPresent())
                    .orElseThrow(() -> ApiException.invalid("templateId", "is not a template of this workspace"));
        }
        SenderIdentity from = from(workspaceId, draft);
        String replyTo = draft.replyTo() == null ? from.replyTo() : draft.replyTo().email();
        MessageContent own = new MessageContent(from.email(), from.name(), replyTo, draft.subject(), null,
                draft.html(), draft.text());
        MessageContent content = templates.content(workspaceId, templateId, own)
                .orElseThrow(() -> ApiException.invalid("templateId", "is not a template of this workspace"));
        List<FieldProblem> problems = new ArrayList<>();
        if (isBlank(content.subject())) {
            problems.add(new FieldProblem("subject", draft.templateId() == null ? "is required"
                    : "is required: the template has no subject"));
        }
        if (isBlank(content.html()) && isBlank(content.text())) {
            problems.add(new FieldProblem("html", "html or text is required, unless templateId names a template"
                    + " with content"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return content;
    }

    /**
     * The call's {@code from}, else the workspace's default sender (a 400 naming {@code from} when it
     * has none); a 400 naming the field when its domain may not be sent from.
     */
    private SenderIdentity from(UUID workspaceId, MailDraft draft) {
        SenderIdentity from = draft.from() != null
                ? new SenderIdentity(null, draft.from().email(), draft.from().name(), null)
                : senders.defaultFor(workspaceId).orElseThrow(() -> ApiException.invalid("from",
                        "is required: this workspace has no default sender (POST /v1/senders)"));
        String field = draft.from() != null ? "from.email" : "from";
        senders.refusalOf(workspaceId, from.email()).ifPresent(reason -> {
            throw ApiException.invalid(field, reason);
        });
        return from;
    }

    private static MessageTemplate compile(MessageContent content, Threading threading) {
        try {
            return MessageTemplate.compile(content, Tracking.OFF, null, threading);
        } catch (TemplateProblem problem) {
            throw ApiException.invalid(problem.part(), problem.getMessage());
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
