package io.crier.signup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.ReceivedMail;
import io.crier.support.ScriptedSmtpServer.Received;

/**
 * The signup form's two promises that depend on time, proved on the test clock: an address gets
 * at most one confirmation mail a day, however often the form is posted, and a confirmation link
 * stops working after {@link SignupForms#LINK_VALIDITY}, subscribing nobody. Each post counts
 * against the per-client budget (10 an hour from 127.0.0.1 in this context): these tests spend 4.
 */
class SignupClockTest extends ClockedEngineCase {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Pattern CONFIRM_PATH = Pattern.compile("(/f/confirm/[A-Za-z0-9_-]+)");

    @Test
    void theFormMailsAnAddressAtMostOnceADay() {
        String reader = "daily-" + tag + "@example.org";
        String list = publicList();
        Caller visitor = Api.at(port).anonymous();

        post(visitor, list, reader);
        assertThat(confirmationsQueued()).isEqualTo(1);
        clock.advance(Duration.ofHours(23).plusMinutes(59));
        post(visitor, list, reader);
        assertThat(confirmationsQueued()).as("a second post within the day queues no mail").isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        post(visitor, list, reader);
        assertThat(confirmationsQueued()).as("a day after the first mail, one more").isEqualTo(2);

        List<Received> received = Eventually.await("both confirmations", Duration.ofSeconds(30),
                () -> mailsTo(reader), mails -> mails.size() == 2);
        assertThat(received).hasSize(2);
    }

    @Test
    void aConfirmationLinkUsedAfterItExpiredIsRefusedAndSubscribesNobody() {
        String reader = "late-" + tag + "@example.org";
        String list = publicList();
        Caller visitor = Api.at(port).anonymous();
        post(visitor, list, reader);
        String confirmPath = confirmPath(Eventually.await("the confirmation", Duration.ofSeconds(30),
                () -> mailsTo(reader), mails -> !mails.isEmpty()).getFirst());

        clock.advance(SignupForms.LINK_VALIDITY.minusMinutes(1));
        assertThat(visitor.get(confirmPath).expect(200).body()).contains("Confirm your subscription");
        clock.advance(Duration.ofMinutes(1));
        visitor.get(confirmPath).expect(404);
        assertThat(visitor.raw("POST", confirmPath, FORM, "").expect(404).body()).contains("This link is not valid");

        String contact = caller.get("/v1/contacts?email=" + reader).expect(200).data().path("contacts").get(0)
                .path("id").asString();
        assertThat(caller.get("/v1/contacts/" + contact).expect(200).data().path("subscriptions").get(0)
                .path("status").asString()).isEqualTo("unconfirmed");
        assertThat(caller.get("/v1/contacts/" + contact + "/consents").expect(200).data().get(0)
                .path("confirmedAt").isNull()).isTrue();
    }

    /** A double opt-in list with a public form, in a workspace whose default sender mails the confirmations. */
    private String publicList() {
        caller.post("/v1/senders", Map.of("email", "news@crier.test", "name", "News")).expect(201);
        String list = caller.post("/v1/lists", Map.of("name", "Clocked news")).expect(201).data().path("id").asString();
        caller.patch("/v1/lists/" + list, Map.of("publicForm", true)).expect(200);
        return list;
    }

    private static void post(Caller visitor, String list, String email) {
        assertThat(visitor.raw("POST", "/f/" + list, FORM, "email=" + email.replace("@", "%40") + "&source=hosted")
                .expect(200).body()).contains("Check your inbox");
    }

    /** The confirmations the workspace queued: each is in the ledger from the post's own transaction. */
    private int confirmationsQueued() {
        return caller.get("/v1/mails").expect(200).data().path("emails").size();
    }

    private List<Received> mailsTo(String email) {
        return smtp.received().stream().filter(mail -> mail.recipient().equals(email)).toList();
    }

    private static String confirmPath(Received mail) {
        Matcher path = CONFIRM_PATH.matcher(ReceivedMail.text(ReceivedMail.part(ReceivedMail.parse(mail.data()), 0)));
        assertThat(path.find()).isTrue();
        return path.group(1);
    }
}
