package io.crier.feedback.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.crier.delivery.DeliveryReferences;
import io.crier.delivery.DeliveryReferencesFixture;
import io.crier.feedback.BounceType;
import io.crier.feedback.Feedback;
import io.crier.feedback.Trace;

/**
 * The parser on real-world-shaped mail (src/test/resources/inbound): RFC 3464 reports, the common
 * non-standard bounces, an RFC 5965 complaint, auto-replies, replies and a mailto unsubscribe.
 */
class InboundParserTest {

    private static final DeliveryReferences REFERENCES = DeliveryReferencesFixture.withSecret(
            "the inbound parser test's secret, long enough".getBytes(StandardCharsets.UTF_8));
    private static final long DELIVERY = 4711;

    private final InboundParser parser = new InboundParser(REFERENCES);

    @Test
    void anRfc3464ReportWithA5xxStatusIsAHardBounceTracedToItsReturnPathAndMessageId() {
        SampleMail sample = sample("rfc3464-hard");

        Feedback.Bounce bounce = bounce(sample, sample.returnPath());

        assertThat(bounce.type()).isEqualTo(BounceType.HARD);
        assertThat(bounce.status()).isEqualTo("5.1.1");
        assertThat(bounce.reason()).startsWith("smtp; 550 5.1.1 <gone@recipient.example>: Recipient address rejected");
        assertThat(bounce.trace()).isEqualTo(new Trace(sample.returnPath(), List.of(sample.messageId()),
                "gone@recipient.example", null));
    }

    @Test
    void anRfc3464ReportWithA4xxStatusIsASoftBounceWithTheAttachedMessagesId() {
        SampleMail sample = sample("rfc3464-soft");

        Feedback.Bounce bounce = bounce(sample, sample.returnPath());

        assertThat(bounce.type()).isEqualTo(BounceType.SOFT);
        assertThat(bounce.status()).isEqualTo("4.2.2");
        assertThat(bounce.trace().messageIds()).containsExactly(sample.messageId());
        assertThat(bounce.trace().recipient()).isEqualTo("full@recipient.example");
    }

    @Test
    void aDelayedReportIsNoBounce() {
        SampleMail sample = sample("rfc3464-delayed");

        assertThat(parser.parse(sample.bytes(), List.of(sample.returnPath())))
                .isInstanceOfSatisfying(ParsedMail.Ignored.class, ignored -> {
                    assertThat(ignored.kind()).isEqualTo("delivery-status");
                    assertThat(ignored.reason()).contains("delayed");
                });
    }

    @Test
    void eximsBounceIsHardWithTheFailedAddressAndTheQuotedMessageId() {
        SampleMail sample = sample("exim");

        Feedback.Bounce bounce = bounce(sample, sample.returnPath());

        assertThat(bounce.type()).isEqualTo(BounceType.HARD);
        assertThat(bounce.status()).isEqualTo("5.1.1");
        assertThat(bounce.reason()).startsWith("550 5.1.1");
        assertThat(bounce.trace()).isEqualTo(new Trace(sample.returnPath(), List.of(sample.messageId()),
                "nobody@recipient.example", null));
    }

    @Test
    void qmailsBounceIsHardWithTheAddressOfItsAngleBracketLine() {
        SampleMail sample = sample("qmail");

        Feedback.Bounce bounce = bounce(sample, sample.returnPath());

        assertThat(bounce.type()).isEqualTo(BounceType.HARD);
        assertThat(bounce.status()).isEqualTo("5.1.1");
        assertThat(bounce.trace().recipient()).isEqualTo("missing@recipient.example");
        assertThat(bounce.trace().messageIds()).containsExactly(sample.messageId());
    }

    @Test
    void exchangesBounceIsHardWithTheRecipientItNames() {
        SampleMail sample = sample("exchange");

        Feedback.Bounce bounce = bounce(sample, sample.returnPath());

        assertThat(bounce.type()).isEqualTo(BounceType.HARD);
        assertThat(bounce.status()).isEqualTo("5.1.10");
        assertThat(bounce.trace().recipient()).isEqualTo("left@recipient.example");
        assertThat(bounce.trace().messageIds()).containsExactly(sample.messageId());
    }

    @Test
    void gmailsHumanReadableBounceWithNoCodeIsHardByItsWords() {
        SampleMail sample = sample("gmail");

        Feedback.Bounce bounce = bounce(sample, sample.returnPath());

        assertThat(bounce.type()).isEqualTo(BounceType.HARD);
        assertThat(bounce.status()).isEqualTo("5.0.0");
        assertThat(bounce.reason()).isEqualTo("** Address not found **");
        assertThat(bounce.trace().recipient()).isEqualTo("nosuch.person@gmail.com");
        assertThat(bounce.trace().messageIds()).containsExactly(sample.messageId());
    }

    @Test
    void anArfReportIsAComplaintByTheOriginalRecipient() {
        SampleMail sample = sample("arf");

        assertThat(heard(sample, sample.returnPath())).isEqualTo(new Feedback.Complaint(new Trace(sample.returnPath(),
                List.of(sample.messageId()), "complainer@mailbox-provider.example", null), "abuse"));
    }

    @Test
    void autoRepliesAreNeitherBouncesNorReplies() {
        SampleMail rfc3834 = sample("ooto-rfc3834");
        SampleMail bySubject = sample("ooto-subject");

        assertThat(parser.parse(rfc3834.bytes(), List.of(rfc3834.replyAddress())))
                .isEqualTo(new ParsedMail.Ignored("auto-reply", "an auto-reply: neither a bounce nor a reply"));
        assertThat(parser.parse(bySubject.bytes(), List.of("news@sender.example")))
                .isInstanceOf(ParsedMail.Ignored.class);
    }

    @Test
    void aReplyQuotingCriersMessageIdKeepsItsOwnWordsOnly() {
        SampleMail sample = sample("reply");

        Feedback.Reply reply = (Feedback.Reply) heard(sample, "news@sender.example");

        assertThat(reply.text()).isEqualTo("Yes, I'd like to hear more. Can we talk on Thursday?\r\n\r\nCarol"
                .replace("\r\n", "\n"));
        assertThat(reply.from()).isEqualTo("carol@recipient.example");
        assertThat(reply.subject()).isEqualTo("Re: Our November news");
        assertThat(reply.trace()).isEqualTo(new Trace("news@sender.example",
                List.of(sample.messageId(), "<thread-start@sender.example>"), "carol@recipient.example", null));
    }

    @Test
    void aReplyToAReplyAddressInHtmlLosesOutlooksQuotedMessage() {
        SampleMail sample = sample("reply-outlook");

        Feedback.Reply reply = (Feedback.Reply) heard(sample, sample.replyAddress());

        assertThat(reply.text()).contains("Please call me next week.").contains("Dan").doesNotContain("Hello!")
                .doesNotContain("Sent:");
        assertThat(reply.trace().envelopeRecipient()).isEqualTo(sample.replyAddress());
    }

    @Test
    void mailToAnUnsubscribeAddressIsAnUnsubscribe() {
        SampleMail sample = sample("unsubscribe");

        assertThat(heard(sample, sample.unsubscribeAddress())).isEqualTo(new Feedback.Unsubscribe(
                new Trace(sample.unsubscribeAddress(), List.of(), "erin@recipient.example", null)));
    }

    @Test
    void aReadReceiptIsIgnoredAndUnrelatedMailIsUnreadable() {
        SampleMail receipt = sample("read-receipt");
        SampleMail unrelated = sample("unrelated");

        assertThat(parser.parse(receipt.bytes(), List.of(receipt.replyAddress()))).isInstanceOf(ParsedMail.Ignored.class);
        assertThat(parser.parse(unrelated.bytes(), List.of(unrelated.returnPath())))
                .isInstanceOf(ParsedMail.Unreadable.class);
    }

    @Test
    void theEnvelopeRecipientCarryingAReferenceIsTheOneTraced() {
        SampleMail sample = sample("rfc3464-hard");

        Feedback.Bounce bounce = bounce(sample, "postmaster@bounces.crier.test", sample.returnPath().toUpperCase());

        assertThat(bounce.trace().envelopeRecipient()).isEqualTo(sample.returnPath());
    }

    private Feedback.Bounce bounce(SampleMail sample, String... envelopeRecipients) {
        return (Feedback.Bounce) heard(sample, envelopeRecipients);
    }

    private Feedback heard(SampleMail sample, String... envelopeRecipients) {
        ParsedMail parsed = parser.parse(sample.bytes(), List.of(envelopeRecipients));
        assertThat(parsed).as("what %s says", sample.name()).isInstanceOf(ParsedMail.Heard.class);
        return ((ParsedMail.Heard) parsed).feedback();
    }

    private static SampleMail sample(String name) {
        return new SampleMail(name, DELIVERY, REFERENCES);
    }
}
