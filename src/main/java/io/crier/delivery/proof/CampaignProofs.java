package io.crier.delivery.proof;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.crier.audience.AudienceContacts;
import io.crier.audience.ContactDetails;
import io.crier.audience.EmailAddresses;
import io.crier.campaign.CampaignLaunches;
import io.crier.content.MessageContent;
import io.crier.content.MessageTemplate;
import io.crier.content.Recipient;
import io.crier.content.RenderedMessage;
import io.crier.content.TemplateProblem;
import io.crier.delivery.RelayPools;
import io.crier.delivery.TestSends;
import io.crier.delivery.capture.CaptureSmtpServer;
import io.crier.delivery.capture.MailAttribution;
import io.crier.delivery.engine.OneOffSends;
import io.crier.delivery.smtp.SendOutcome;
import io.crier.delivery.smtp.SmtpProperties;
import io.crier.dkim.DkimSigning;
import io.crier.shared.ApiException;
import io.crier.shared.FieldProblem;
import io.crier.shared.Timestamps;
import io.crier.suppression.Suppressions;
import io.crier.suppression.UnsubscribeLinks;

/**
 * A campaign's message before it is sent: rendered for one contact (a preview), or sent to a few
 * addresses (a test). Neither touches the campaign's ledger or counters; their unsubscribe link
 * shows the page but unsubscribes no one. Also the {@link TestSends} of other modules' messages.
 */
@Service
class CampaignProofs implements TestSends {

    static final String TEMPLATE_RENDER_FAILED = "TEMPLATE_RENDER_FAILED";

    private final CampaignLaunches campaigns;
    private final AudienceContacts contacts;
    private final Suppressions suppressions;
    private final UnsubscribeLinks links;
    private final DkimSigning dkim;
    private final SmtpProperties smtp;
    private final ObjectProvider<CaptureSmtpServer> capture;
    private final MailAttribution attribution;
    private final OneOffSends testSends;
    private final RelayPools pools;
    private final TestSendQuota quota;
    private final Clock clock;

    CampaignProofs(CampaignLaunches campaigns, AudienceContacts contacts, Suppressions suppressions,
            UnsubscribeLinks links, DkimSigning dkim, SmtpProperties smtp, ObjectProvider<CaptureSmtpServer> capture,
            MailAttribution attribution, OneOffSends testSends, RelayPools pools, TestSendQuota quota, Clock clock) {
        this.campaigns = campaigns;
        this.contacts = contacts;
        this.suppressions = suppressions;
        this.links = links;
        this.dkim = dkim;
        this.smtp = smtp;
        this.capture = capture;
        this.attribution = attribution;
        this.testSends = testSends;
        this.pools = pools;
        this.quota = quota;
        this.clock = clock;
    }

    /** The campaign as this contact (by id, or by address) would get it. */
    RenderedMessage preview(UUID workspaceId, String campaignId, String contactId, String email) {
        MessageTemplate template = compile(campaigns.content(workspaceId, campaignId));
        if (contactId == null && email == null) {
            throw ApiException.invalid("contactId", "is required, unless email names the contact");
        }
        ContactDetails contact = (contactId != null ? contacts.byId(workspaceId, contactId)
                : contacts.byEmail(workspaceId, email)).orElseThrow(() -> ApiException.notFound("CONTACT", "Contact"));
        if (contactId != null && email != null && !EmailAddresses.normalize(email).orElse("").equals(contact.email())) {
            throw ApiException.invalid("email", "is not the address of the contact named by contactId");
        }
        try {
            return template.personalize(recipient(contact), links.forTest());
        } catch (TemplateProblem problem) {
            throw cannotRender(problem);
        }
    }

    /**
     * Sends the campaign to each address, personalized as the workspace's contact of that address
     * where there is one, through the default pool's senders ({@link OneOffSends}): the relays' pooled
     * connections and rate limits. Suppressed addresses are skipped; the others are taken from the
     * workspace's daily quota first, and a call that does not fit sends nothing.
     */
    List<TestResult> test(UUID workspaceId, String campaignId, List<String> emails) {
        return send(workspaceId, campaigns.content(workspaceId, campaignId), emails);
    }

    @Override
    public List<TestResult> send(UUID workspaceId, MessageContent content, List<String> emails) {
        testSends.checkServed();
        if (content.fromEmail() == null || content.fromEmail().isBlank()) {
            throw ApiException.invalid("from.email", "is required to send a test");
        }
        MessageTemplate template = compile(content);
        Set<String> addresses = addresses(emails);
        Set<String> suppressed = suppressions.suppressed(workspaceId, addresses);
        List<String> toSend = addresses.stream().filter(address -> !suppressed.contains(address)).toList();
        // Rendered first: a message that cannot be made (422) takes nothing from the quota.
        List<OneOffSends.OneOff> messages = toSend.stream()
                .map(address -> message(workspaceId, content, template, address)).toList();
        quota.take(workspaceId, messages.size());
        Iterator<SendOutcome> outcomes = testSends.send(messages, smtp.timeout().multipliedBy(2)).iterator();
        return addresses.stream().map(address -> suppressed.contains(address)
                ? new TestResult(address, "suppressed", null)
                : result(address, outcomes.next())).toList();
    }

    private OneOffSends.OneOff message(UUID workspaceId, MessageContent content, MessageTemplate template,
            String address) {
        Recipient recipient = contacts.byEmail(workspaceId, address).map(CampaignProofs::recipient)
                .orElseGet(() -> new Recipient(address, null, null, null, null));
        String messageId = "<" + HexFormat.of().formatHex(randomBytes()) + ".test@"
                + content.fromEmail().substring(content.fromEmail().lastIndexOf('@') + 1) + ">";
        byte[] message = dkim.sign(workspaceId, content.fromEmail(), render(template, recipient, messageId));
        if (capture.getIfAvailable() != null) {
            attribution.remember(messageId, workspaceId);
        }
        return new OneOffSends.OneOff(pools.defaultPool(), message, content.fromEmail(), address);
    }

    private static TestResult result(String address, SendOutcome outcome) {
        return new TestResult(address, outcome.kind().name().toLowerCase(Locale.ROOT), outcome.reply());
    }

    private static Set<String> addresses(List<String> emails) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> addresses = new LinkedHashSet<>();
        for (int i = 0; i < emails.size(); i++) {
            int index = i;
            EmailAddresses.normalize(emails.get(i)).ifPresentOrElse(addresses::add,
                    () -> problems.add(new FieldProblem("emails[" + index + "]", "is not a valid email address")));
        }
        if (emails.isEmpty()) {
            problems.add(new FieldProblem("emails", "needs 1 to " + MAX_ADDRESSES + " addresses"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return addresses;
    }

    /** A template error here comes from content stored before such errors were refused. */
    private static MessageTemplate compile(MessageContent content) {
        try {
            return MessageTemplate.compile(content);
        } catch (TemplateProblem problem) {
            throw ApiException.invalid(problem.part(), "has a placeholder error: " + problem.getMessage());
        }
    }

    private byte[] render(MessageTemplate template, Recipient recipient, String messageId) {
        try {
            return template.render(recipient, messageId, Timestamps.now(clock), links.forTest());
        } catch (TemplateProblem problem) {
            throw cannotRender(problem);
        }
    }

    /**
     * Placeholders that parse but fail for this contact (a division by zero, a render limit): the
     * content is valid, this contact's message cannot be made.
     */
    private static ApiException cannotRender(TemplateProblem problem) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, TEMPLATE_RENDER_FAILED,
                "The message cannot be rendered for this contact",
                List.of(new FieldProblem(problem.part(), "cannot be rendered: " + problem.getMessage())));
    }

    private static Recipient recipient(ContactDetails contact) {
        return new Recipient(contact.email(), contact.firstName(), contact.lastName(), contact.userId(),
                contact.customFields());
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
