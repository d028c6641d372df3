package io.crier.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.feedback.InboundMail;
import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Eventually;

import tools.jackson.databind.JsonNode;

/**
 * AutoSend's public Node SDK ({@code autosendjs}, the version pinned in
 * {@code src/test/node/autosend-sdk}), unchanged, pointed at this Crier's {@code /v1}: its contact
 * calls, its send and bulk calls, its inbound calls and its Resend adapter, with real sends to the
 * capture server.
 * The SDK is installed with {@code npm ci} from the committed lock file into {@code target/}.
 */
@CrierApiTest
class AutoSendSdkTest {

    private static final Path SOURCE = Path.of("src/test/node/autosend-sdk");
    private static final Path WORK = Path.of("target/autosend-sdk");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "sdk-check.mjs",
            "sdk-inbound.mjs");

    @LocalServerPort
    int port;
    @Autowired
    InboundMail queue;

    @BeforeAll
    static void installSdk() throws IOException {
        Files.createDirectories(WORK);
        for (String file : FILES) {
            Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), Duration.ofMinutes(5));
    }

    @Test
    void theSdksContactAndMailCallsWorkAgainstCrier() {
        Caller caller = Api.at(port).newWorkspace();
        String list = caller.post("/v1/lists", "{\"name\": \"SDK list\"}").expect(201).data().path("id").asString();
        String group = caller.post("/v1/suppression-groups", "{\"name\": \"Product news\"}").expect(201).data()
                .path("id").asString();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        JsonNode results = Api.JSON.readTree(run(List.of("node", "sdk-check.mjs"), Map.of(
                "CRIER_BASE_URL", Api.at(port).baseUrl() + "/v1", "CRIER_API_KEY", caller.key(),
                "CRIER_LIST_ID", list, "CRIER_GROUP_ID", group, "CRIER_TAG", tag), Duration.ofMinutes(2)));

        JsonNode created = results.path("created");
        assertThat(created.path("success").asBoolean()).as("contacts.create: %s", created).isTrue();
        assertThat(created.path("data").path("email").asString()).isEqualTo(address("ada", tag));
        assertThat(created.path("data").path("listIds").valueStream().map(JsonNode::asString)).containsExactly(list);
        assertThat(created.path("data").path("customFields").path("logins").asInt()).isEqualTo(3);
        assertThat(results.path("fetched").path("data").path("userId").asString()).isEqualTo("user-1");
        assertThat(results.path("upserted").path("data").path("id").asString())
                .isEqualTo(created.path("data").path("id").asString());
        assertThat(results.path("upserted").path("data").path("firstName").asString()).isEqualTo("Augusta");
        assertThat(results.path("upserted").path("data").path("lastName").asString()).isEqualTo("Lovelace");
        assertThat(results.path("upsertedNew").path("success").asBoolean()).isTrue();
        assertThat(results.path("deleted").path("success").asBoolean()).isTrue();
        assertThat(results.path("fetchedDeleted").path("success").asBoolean()).isFalse();
        assertThat(results.path("fetchedDeleted").path("error").path("code").asString()).isEqualTo("CONTACT_NOT_FOUND");
        assertThat(caller.get("/v1/contacts/" + created.path("data").path("id").asString()).expect(200).data()
                .path("firstName").asString()).isEqualTo("Augusta");

        String emailId = results.path("sent").path("data").path("emailId").asString();
        assertThat(results.path("sent").path("success").asBoolean()).as("emails.send: %s", results.path("sent")).isTrue();
        awaitSent(caller, emailId);
        JsonNode welcome = inboxMessage(caller, address("jane", tag));
        assertThat(welcome.path("subject").asString()).isEqualTo("Welcome, Jane & co");
        assertThat(welcome.path("html").asString()).contains("<h1>Welcome, Jane &amp; co!</h1>");
        assertThat(welcome.path("text").asString()).contains("Welcome, Jane & co!");
        assertThat(welcome.path("headers").path("To").get(0).asString()).contains("Jane Doe");

        JsonNode bulk = results.path("bulk").path("data");
        assertThat(bulk.path("totalRecipients").asInt()).as("emails.bulk: %s", results.path("bulk")).isEqualTo(2);
        assertThat(bulk.path("successCount").asInt()).isEqualTo(2);
        assertThat(bulk.path("failedCount").asInt()).isZero();
        assertThat(UUID.fromString(bulk.path("batchId").asString())).isNotNull();
        assertThat(inboxMessage(caller, address("bulk1", tag)).path("html").asString())
                .contains("<p>Hi Ada, you have 3 items</p>");
        assertThat(inboxMessage(caller, address("bulk2", tag)).path("html").asString())
                .contains("<p>Hi Linus, you have 5 items</p>");

        String withOptions = results.path("withOptions").path("data").path("emailId").asString();
        assertThat(results.path("withOptions").path("success").asBoolean()).as("emails.send with options: %s",
                results.path("withOptions")).isTrue();
        JsonNode copy = inboxMessage(caller, address("optbcc", tag));
        assertThat(copy.path("headers").path("Cc").get(0).asString()).contains(address("optcc", tag));
        assertThat(copy.path("headers").path("To").toString() + copy.path("headers").path("Cc"))
                .doesNotContain(address("optbcc", tag));
        assertThat(copy.path("headers").has("Bcc")).isFalse();
        assertThat(copy.path("raw").asString()).contains("filename=\"note.txt\"");
        inboxMessage(caller, address("optcc", tag));
        JsonNode listed = caller.get("/v1/mails?category=receipts&campaignName=sdk-" + tag).expect(200).data();
        assertThat(listed.path("emails").valueStream().map(mail -> mail.path("to").path("email").asString()))
                .containsExactlyInAnyOrder(address("opt", tag), address("optcc", tag), address("optbcc", tag));
        assertThat(listed.path("emails").valueStream().allMatch(mail -> mail.path("test").asBoolean())).isTrue();
        assertThat(caller.get("/v1/mails/" + withOptions).expect(200).data().path("type").asString()).isEqualTo("to");

        String scheduled = results.path("scheduled").path("data").path("emailId").asString();
        assertThat(caller.get("/v1/mails/" + scheduled).expect(200).data().path("scheduledAt").asString()).isNotBlank();
        assertThat(caller.post("/v1/mails/" + scheduled + "/cancel").expect(200).data().path("status").asString())
                .isEqualTo("cancelled");
        assertThat(results.path("bulkGrouped").path("success").asBoolean()).as("emails.bulk: %s",
                results.path("bulkGrouped")).isTrue();
        JsonNode grouped = caller.get("/v1/mails?category=news").expect(200).data().path("emails").get(0);
        assertThat(grouped.path("unsubscribeGroupId").asString()).isEqualTo(group);

        JsonNode invalid = results.path("invalid");
        assertThat(invalid.path("success").asBoolean()).isFalse();
        assertThat(invalid.path("statusCode").asInt()).isEqualTo(400);
        assertThat(invalid.path("error").path("details").get(0).path("field").asString()).isEqualTo("to.email");

        assertThat(results.path("resendSent").path("error").isNull()).as("Resend adapter: %s", results.path("resendSent"))
                .isTrue();
        awaitSent(caller, results.path("resendSent").path("data").path("id").asString());
        JsonNode viaResend = inboxMessage(caller, address("resend", tag));
        assertThat(viaResend.path("html").asString()).contains("<p>Hello adapter</p>");
        assertThat(viaResend.path("headers").path("From").get(0).asString()).contains("Crier Resend");
        assertThat(results.path("resendBulk").path("data").path("id").asString()).isNotBlank();
        inboxMessage(caller, address("resend1", tag));
        inboxMessage(caller, address("resend2", tag));
        assertThat(results.path("resendContactRead").path("data").path("properties").path("plan").asString())
                .isEqualTo("free");
        assertThat(results.path("resendContactUpdated").path("data").path("id").asString())
                .isEqualTo(results.path("resendContact").path("data").path("id").asString());
        assertThat(results.path("resendContactRemoved").path("data").path("deleted").asBoolean()).isTrue();
        caller.get("/v1/contacts/" + results.path("resendContact").path("data").path("id").asString())
                .expectError(404, "CONTACT_NOT_FOUND");
        assertThat(results.path("resendSendBulk").path("data").path("id").asString()).isNotBlank();
        inboxMessage(caller, address("rbulk1", tag));
        inboxMessage(caller, address("rbulk2", tag));

        assertAutoSendShapesThroughTheRawClient(results, tag);
    }

    /** The SDK's raw client on AutoSend's template and webhook calls, as its docs shape them. */
    private static void assertAutoSendShapesThroughTheRawClient(JsonNode results, String tag) {
        JsonNode template = results.path("templateCreated").path("data");
        assertThat(template.path("templateName").asString()).as("templates: %s", results.path("templateCreated"))
                .isEqualTo("SDK template " + tag);
        assertThat(results.path("templateRead").path("data").path("emailTemplate").asString())
                .isEqualTo("<p>Hello {{name}}</p>");
        assertThat(results.path("templatesListed").path("data").path("totalPages").asInt()).isEqualTo(1);
        assertThat(results.path("templateDeleted").path("success").asBoolean()).isTrue();
        JsonNode webhook = results.path("webhookCreated").path("data").path("webhook");
        assertThat(webhook.path("isActive").asBoolean()).as("webhooks: %s", results.path("webhookCreated")).isTrue();
        assertThat(webhook.path("metadata").path("team").asString()).isEqualTo("growth");
        assertThat(results.path("webhooksListed").path("data").path("total").asInt()).isEqualTo(1);
        assertThat(results.path("webhookRevealed").path("data").path("secret").asString())
                .isEqualTo(webhook.path("secret").asString());
        assertThat(results.path("webhookDeleted").path("success").asBoolean()).isTrue();
    }

    @Test
    void theSdksInboundCallsReadAndAnswerAReply() {
        Caller caller = Api.at(port).newWorkspace();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String welcomed = address("ann", tag);
        String carol = address("carol", tag);
        caller.post("/v1/mails/send", Map.of("from", Map.of("email", "hello@crier.test"),
                "to", Map.of("email", welcomed), "subject", "Welcome aboard", "text", "Hello")).expect(201);
        String sentId = inboxMessage(caller, welcomed).path("headers").path("Message-ID").get(0).asString();
        // The reply reaches the inbound queue as the listener puts it there, quoting the mail's Message-ID.
        queue.accept(replySample().replace("${REPLY_FROM}", carol).replace("${REPLY_TO}", carol)
                .replace("${OWN_ID}", "<sdk-" + tag + "@recipient.example>").replace("${MESSAGE_ID}", sentId)
                .replace("Re: Welcome aboard", "Re: Welcome aboard " + tag).getBytes(StandardCharsets.UTF_8),
                new InboundMail.Origin(InboundMail.Channel.SMTP, null, List.of("postmaster@bounces.crier.test")));
        Eventually.await("the reply to be processed", Duration.ofSeconds(30),
                () -> caller.get("/v1/inbound/messages?status=PROCESSED").expect(200).data().path("items"),
                items -> items.size() == 1);

        JsonNode results = Api.JSON.readTree(run(List.of("node", "sdk-inbound.mjs"), Map.of(
                "CRIER_BASE_URL", Api.at(port).baseUrl() + "/v1", "CRIER_API_KEY", caller.key(), "CRIER_TAG", tag),
                Duration.ofMinutes(2)));

        JsonNode list = results.path("list");
        assertThat(list.path("success").asBoolean()).as("inboundEmails.list: %s", list).isTrue();
        assertThat(list.path("data").path("pagination").path("total").asInt()).isEqualTo(1);
        JsonNode item = list.path("data").path("items").get(0);
        assertThat(item.path("from").path("email").asString()).isEqualTo(carol);
        assertThat(item.path("status").asString()).isEqualTo("PROCESSED");
        assertThat(item.path("attachmentCount").asInt()).isEqualTo(1);
        JsonNode message = results.path("get").path("data");
        assertThat(message.path("text").asString()).as("inboundEmails.get: %s", results.path("get"))
                .contains("The notes are attached");
        assertThat(message.path("html").asString()).doesNotContain("<script");
        assertThat(message.path("attachments").get(0).path("filename").asString()).isEqualTo("notes.html");
        JsonNode attachment = results.path("attachment").path("data");
        assertThat(attachment.path("expiresIn").asInt()).as("getAttachmentDownloadUrl: %s", results.path("attachment"))
                .isPositive();
        assertThat(results.path("download").path("status").asInt()).isEqualTo(200);
        assertThat(results.path("download").path("type").asString()).isEqualTo("application/octet-stream");
        assertThat(results.path("download").path("body").asString()).isEqualTo("<script>alert(1)</script>Notes");
        JsonNode reply = results.path("reply");
        assertThat(reply.path("success").asBoolean()).as("inboundEmails.reply: %s", reply).isTrue();
        assertThat(reply.path("data").path("totalRecipients").asInt()).isEqualTo(1);
        awaitSent(caller, reply.path("data").path("emailId").asString());
        JsonNode answer = inboxMessage(caller, carol);
        assertThat(answer.path("subject").asString()).isEqualTo("Re: Welcome aboard " + tag);
        assertThat(answer.path("headers").path("In-Reply-To").get(0).asString())
                .isEqualTo("<sdk-" + tag + "@recipient.example>");
        assertThat(results.path("missing").path("success").asBoolean()).isFalse();
        assertThat(results.path("missing").path("statusCode").asInt()).isEqualTo(404);
    }

    private static String replySample() {
        try (var in = AutoSendSdkTest.class.getResourceAsStream("/inbound/reply-with-attachment.eml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String address(String name, String tag) {
        return name + "-" + tag + "@example.org";
    }

    private static void awaitSent(Caller caller, String emailId) {
        Eventually.await("mail " + emailId + " to be sent", Duration.ofSeconds(30),
                () -> caller.get("/v1/mails/" + emailId).expect(200).data().path("status").asString(),
                "sent"::equals);
    }

    private static JsonNode inboxMessage(Caller caller, String to) {
        JsonNode summary = Eventually.await("a message to " + to, Duration.ofSeconds(30),
                () -> caller.get("/v1/dev/inbox?limit=100").expect(200).data().path("messages").valueStream()
                        .filter(m -> m.path("to").get(0).asString().equals(to)).findFirst(),
                Optional::isPresent).orElseThrow();
        return caller.get("/v1/dev/inbox/" + summary.path("id").asLong()).expect(200).data();
    }

    /** Runs a command in the SDK's directory; its standard output, or a failure with both outputs. */
    private static String run(List<String> command, Map<String, String> environment, Duration timeout) {
        try {
            Path out = Files.createTempFile("autosend-sdk", ".out");
            Path err = Files.createTempFile("autosend-sdk", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(WORK.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(finished && process.exitValue() == 0)
                    .as("%s finished within %s with exit code 0; stdout: %s; stderr: %s", command, timeout, stdout,
                            stderr)
                    .isTrue();
            return stdout;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
