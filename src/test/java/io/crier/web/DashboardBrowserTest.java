package io.crier.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.feedback.BounceType;
import io.crier.feedback.Feedback;
import io.crier.feedback.FeedbackIntake;
import io.crier.feedback.Trace;
import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.CrierApiContext;
import io.crier.support.Eventually;
import io.crier.support.Rounds;
import io.crier.support.TestDnsServer;
import io.micrometer.core.instrument.MeterRegistry;

import tools.jackson.databind.JsonNode;

/**
 * The dashboard in a real browser (Debian's headless chromium through its chromedriver): an
 * operator signs in, makes a list, imports a CSV into it, writes a gradual campaign, starts it,
 * watches the progress bar move, pauses it and sees sending stop, resumes it, sees it finish and
 * reads a delivered message in the dev inbox; what receivers said back to a sent campaign (bounces
 * hard and soft, a complaint, replies, traced by the return paths and Message-IDs of the mail the
 * dev inbox caught and handed to {@link FeedbackIntake} as the inbound side would) shows live on its
 * page and on its sending domain's; a segment is built with its live count, a list's signup form
 * opened, and a sign-up's consent read on the contact's page. Screenshots of the pages land in
 * {@code target/dashboard-screenshots/}. Runs once, on H2 (no {@code db} tag): the browser adds
 * nothing a second database would test. The context is the API tests' own ({@link CrierApiContext},
 * with the DNS server on loopback that serves the records a test publishes for its domain).
 */
@Tag("browser")
@CrierApiContext
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("crier.test.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("crier.test.chromedriver",
            "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int CONTACTS = 20;
    /** Three sends a second: the 20 contacts take about seven seconds, long enough to pause midway. */
    private static final int PER_MINUTE = 180;

    /** Markup that would run if a page parsed it as HTML. */
    private static final String HOSTILE_NAME = "<img src=x onerror=\"window.pwned = true\">";
    private static final String HOSTILE_CONSENT = "Yes, <script>window.pwned = true</script> send me news";

    private static WebDriver browser;

    /** On failure, what the browser showed: a screenshot, the page and its console, beside the others. */
    @RegisterExtension
    static final TestExecutionExceptionHandler EVIDENCE = (context, failure) -> {
        if (browser != null) {
            Files.write(SCREENSHOTS.resolve("failure.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
            Files.writeString(SCREENSHOTS.resolve("failure.html"), browser.getPageSource());
            Files.writeString(SCREENSHOTS.resolve("failure-console.txt"), browser.manage().logs().get(LogType.BROWSER)
                    .getAll().stream().map(Object::toString).collect(Collectors.joining("\n")));
        }
        throw failure;
    };

    @LocalServerPort
    int port;

    @Autowired
    TestDnsServer dns;

    @Autowired
    FeedbackIntake intake;

    @Autowired
    MeterRegistry registry;

    @BeforeAll
    static void startBrowser() throws IOException {
        assertThat(CHROMIUM).as("chromium (apt-get install chromium chromium-driver; .ci/run does it)").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver (apt-get install chromium-driver)").isExecutable();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build(), options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorRunsAGradualCampaignFromImportToInbox(@TempDir Path temp)
            throws IOException {
        Caller workspace = Api.at(port).newWorkspace();
        String tag = UUID.randomUUID().toString().substring(0, 8);

        WebElement key = signInPage();
        screenshot("sign-in");
        key.sendKeys("crier_not_a_key_at_all_000000");
        click(By.cssSelector("form button[type=submit]"));
        assertThat(waitFor(By.cssSelector("[role=alert]")).getText()).contains("Unknown or revoked API key");
        key.clear();
        key.sendKeys(workspace.key());
        click(By.cssSelector("form button[type=submit]"));
        assertThat(waitFor(By.cssSelector(".empty")).getText()).contains("No campaigns yet");
        screenshot("campaigns-empty");

        go("#/lists");
        waitFor(By.name("listName")).sendKeys("Readers " + tag);
        click(By.xpath("//button[text()='Create list']"));
        waitFor(By.cssSelector("[data-list='Readers " + tag + "']"));

        go("#/import");
        String csv = "email,firstName,plan\n" + IntStream.range(0, CONTACTS)
                .mapToObj(i -> "reader" + i + "-" + tag + "@example.org,Reader" + i + ",pro")
                .collect(Collectors.joining("\n")) + "\nnot-an-address,Broken,free\n";
        Path file = temp.resolve("readers.csv");
        Files.writeString(file, csv);
        waitFor(By.name("file")).sendKeys(file.toString());
        new Select(waitFor(By.name("listIds"))).selectByVisibleText("Readers " + tag);
        click(By.xpath("//button[text()='Import']"));
        String result = waitFor(By.id("import-result")).getText();
        assertThat(result).contains(CONTACTS + " created, 0 updated, 1 failed").contains("not-an-address");
        assertThat(browser.findElement(By.cssSelector("progress")).getDomProperty("value")).isEqualTo("100");
        screenshot("import");

        go("#/campaigns/new");
        waitFor(By.name("name")).sendKeys("Spring news " + tag);
        browser.findElement(By.name("subject")).sendKeys("Hello {{ firstName }}");
        browser.findElement(By.name("fromEmail")).sendKeys("news@crier.test");
        new Select(browser.findElement(By.name("toLists"))).selectByVisibleText("Readers " + tag + " (" + CONTACTS + ")");
        browser.findElement(By.name("html")).sendKeys("<p>Hi {{ firstName }}, the " + tag + " news.</p>"
                + "<p><a href=\"https://example.org/" + tag + "\">Read on</a></p>");
        new Select(browser.findElement(By.name("sendMode"))).selectByValue("gradual");
        browser.findElement(By.name("perMinute")).sendKeys(String.valueOf(PER_MINUTE));
        waitFor(By.cssSelector(".chart svg"));
        click(By.xpath("//button[text()='Render preview']"));
        waitFor(By.xpath("//p[starts-with(text(), 'Subject: Hello ')]"));
        screenshot("editor");
        click(By.cssSelector("button[value=send]"));

        waitFor(By.cssSelector("[data-action=pause]"));
        int firstSeen = processed();
        int moved = Eventually.await("the progress bar to move", WAIT, this::processed,
                n -> n > firstSeen && n < CONTACTS);
        click(By.cssSelector("[data-action=pause]"));
        waitFor(By.cssSelector("h1 .badge[data-status=paused]"));
        waitFor(By.cssSelector("[data-action=resume]"));
        // The sends in flight when the pause returned are recorded once nothing is claimed, and the bar
        // shows them at the stream's next tick; a full round of the loops that send later, nothing moved.
        String campaign = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        Eventually.await("the sends in flight at the pause recorded", WAIT, () -> workspace.get("/v1/campaigns/"
                + campaign + "/deliveries?limit=1&status=claimed").expect(200).data().path("pagination").path("total")
                .asInt(), claimed -> claimed == 0);
        int atPause = processedCount(workspace, campaign);
        Eventually.await("the progress bar at the pause", WAIT, this::processed, shown -> shown == atPause);
        Rounds rounds = Rounds.of(registry);
        List.of(rounds.mark(Rounds.DISPATCHER), rounds.mark(Rounds.HOUSEKEEPER)).forEach(Rounds.Mark::awaitFullRound);
        assertThat(processedCount(workspace, campaign)).as("nothing sent while paused").isEqualTo(atPause)
                .isLessThan(CONTACTS).isGreaterThanOrEqualTo(moved);
        assertThat(processed()).isEqualTo(atPause);
        assertThat(workspace.get("/v1/dev/inbox").expect(200).data().path("total").asInt()).isEqualTo(atPause);
        screenshot("campaign-paused");

        click(By.cssSelector("[data-action=resume]"));
        waitFor(By.cssSelector("h1 .badge[data-status=sent]"));
        assertThat(processed()).isEqualTo(CONTACTS);
        waitFor(By.cssSelector("[data-action=archive]"));
        assertThat(browser.findElements(By.cssSelector("[data-action=pause]"))).isEmpty();
        waitFor(By.xpath("//td[text()='https://example.org/" + tag + "']"));
        screenshot("campaign-sent");

        go("#/campaigns");
        WebElement row = waitFor(By.cssSelector("tr[data-campaign] .badge[data-status=sent]"));
        assertThat(row.getText()).isEqualTo("sent");
        screenshot("campaigns");

        go("#/inbox");
        click(By.xpath("//a[text()='Hello Reader3']"));
        assertThat(waitFor(By.id("text-part")).getText()).contains("Hi Reader3, the " + tag + " news.");
        WebElement frame = waitFor(By.cssSelector("iframe.mail"));
        assertThat(frame.getDomAttribute("sandbox")).isEmpty();
        browser.switchTo().frame(frame);
        assertThat(waitFor(By.tagName("body")).getText()).contains("Hi Reader3, the " + tag + " news.");
        browser.switchTo().defaultContent();
        screenshot("inbox-message");

        go("#/contacts");
        waitFor(By.cssSelector("td a"));
        screenshot("contacts");
        browser.manage().window().setSize(new Dimension(390, 844));
        go("#/campaigns");
        waitFor(By.cssSelector("tr[data-campaign]"));
        screenshot("campaigns-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));

        click(By.id("sign-out"));
        waitFor(By.name("apiKey"));
        go("#/campaigns");
        waitFor(By.name("apiKey"));
    }

    @Test
    void theWorkspacePagesCreateShowAndRemoveWhatTheySay() throws IOException {
        Caller workspace = Api.at(port).newWorkspace();
        signInAs(workspace.key());
        waitFor(By.cssSelector(".empty"));

        go("#/templates");
        assertThat(waitFor(By.cssSelector(".empty")).getText()).contains("No templates yet");
        waitFor(By.id("template-name")).sendKeys("Welcome");
        browser.findElement(By.id("template-subject")).sendKeys("Welcome, {{ firstName }}");
        browser.findElement(By.id("template-html")).sendKeys("<p>Hello</p>");
        click(By.xpath("//button[text()='Create template']"));
        waitFor(By.xpath("//td[text()='Welcome']"));
        screenshot("templates");

        go("#/suppressions");
        waitFor(By.name("suppressEmail")).sendKeys("gone@example.org");
        click(By.xpath("//button[text()='Suppress']"));
        waitFor(By.xpath("//td[text()='gone@example.org']/following-sibling::td[text()='manual']"));
        assertThat(workspace.get("/v1/suppressions?email=gone@example.org").expect(200).data()
                .path("suppressions").size()).isOne();
        click(By.xpath("//button[text()='Remove']"));
        assertThat(waitFor(By.cssSelector(".empty")).getText()).contains("No suppressed addresses");

        go("#/api-keys");
        waitFor(By.id("key-name")).sendKeys("Deploy");
        click(By.xpath("//button[text()='Create key']"));
        String created = waitFor(By.id("new-key")).getText();
        assertThat(created).startsWith("crier_");
        workspace.withKey(created).get("/v1/lists").expect(200);
        screenshot("api-keys");
        click(By.xpath("//tr[td[text()='Deploy']]//button[text()='Revoke']"));
        waitUntil(ExpectedConditions.alertIsPresent()).accept();
        waitFor(By.xpath("//tr[td[text()='Deploy']]/td[starts-with(text(), 'revoked')]"));
        workspace.withKey(created).get("/v1/lists").expectError(401, "UNAUTHORIZED");

        String contact = workspace.post("/v1/contacts", Map.of("email", "ada@example.org", "firstName", "Ada"))
                .expect(201).data().path("id").asString();
        go("#/contacts?search=ada");
        click(By.linkText("ada@example.org"));
        WebElement lastName = waitFor(By.id("contact-last-name"));
        lastName.sendKeys("Lovelace");
        click(By.xpath("//button[text()='Save']"));
        Eventually.await("the contact saved", WAIT, () -> workspace.get("/v1/contacts/" + contact).expect(200).data()
                .path("lastName").asString(), "Lovelace"::equals);
        click(By.xpath("//button[text()='Delete']"));
        waitUntil(ExpectedConditions.alertIsPresent()).accept();
        assertThat(waitFor(By.cssSelector(".empty")).getText()).contains("No contacts yet");
        workspace.get("/v1/contacts/" + contact).expectError(404, "CONTACT_NOT_FOUND");

        String scheduled = workspace.post("/v1/campaigns", Map.of("name", "Year end", "sendMode", "scheduled",
                "scheduledAt", "2030-12-31T09:30:00", "timezone", "Europe/Paris")).expect(201).data().path("id")
                .asString();
        go("#/campaigns/" + scheduled + "/edit");
        assertThat(waitFor(By.name("date")).getDomProperty("value")).isEqualTo("2030-12-31");
        assertThat(browser.findElement(By.name("time")).getDomProperty("value")).isEqualTo("09:30");
        assertThat(browser.findElement(By.name("timezone")).getDomProperty("value")).isEqualTo("Europe/Paris");
        click(By.cssSelector("button[value=save]"));
        waitFor(By.cssSelector("h1 .badge[data-status=draft]"));
        assertThat(workspace.get("/v1/campaigns/" + scheduled).expect(200).data().path("scheduledAt").asString())
                .as("saved unchanged, as the same wall-clock time in Paris").isEqualTo("2030-12-31T08:30:00.000Z");

        go("#/webhooks");
        assertThat(waitFor(By.cssSelector(".empty")).getText()).contains("No webhooks yet");
        // No http URL: refused in any installation (this context lets webhooks point at loopback).
        waitFor(By.id("webhook-url")).sendKeys("ftp://files.example/hook");
        click(By.xpath("//button[text()='Add webhook']"));
        assertThat(waitFor(By.cssSelector("[role=alert]")).getText()).contains("url");
        go("#/inbox");
        assertThat(waitFor(By.cssSelector(".empty")).getText()).contains("The capture server has received nothing");
    }

    /**
     * The segment builder counts and previews as rules change, names a bad rule's path, and saves
     * the filter it shows; the form designer opens a list's form with its consent text; a visitor
     * signs up on the hosted page; the contact's page shows the consent kept. Contact data and the
     * consent text carry markup that must stay text ({@link #nothingHostileRan()}).
     */
    @Test
    void anOperatorBuildsASegmentOpensASignupFormAndReadsTheConsentLog() throws IOException {
        Caller workspace = Api.at(port).newWorkspace();
        String readers = workspace.post("/v1/lists", Map.of("name", "Readers")).expect(201).data().path("id")
                .asString();
        workspace.post("/v1/contacts", Map.of("email", "ada@example.org", "firstName", "Ada",
                "customFields", Map.of("plan", "pro"), "listIds", List.of(readers))).expect(201);
        workspace.post("/v1/contacts", Map.of("email", "bob@example.org", "firstName", "Bob",
                "customFields", Map.of("plan", "free"), "listIds", List.of(readers))).expect(201);
        workspace.post("/v1/contacts", Map.of("email", "eve@example.org", "firstName", HOSTILE_NAME,
                "customFields", Map.of("plan", "pro"))).expect(201);
        signInAs(workspace.key());

        go("#/segments");
        assertThat(waitFor(By.cssSelector(".empty")).getText()).contains("No segments yet");
        click(By.linkText("New segment"));
        waitFor(By.id("segment-name")).sendKeys("Pro readers");
        waitUntil(ExpectedConditions.textToBe(By.id("segment-count"), "3 contacts match"));
        new Select(browser.findElement(By.name("field"))).selectByVisibleText("Custom field");
        waitFor(By.name("customField")).sendKeys("plan");
        new Select(browser.findElement(By.name("operator"))).selectByVisibleText("is more than");
        browser.findElement(By.name("value")).sendKeys("pro");
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=alert]"),
                "filterCriteria.rules[0].value"));
        new Select(browser.findElement(By.name("operator"))).selectByVisibleText("equals");
        waitUntil(ExpectedConditions.textToBe(By.id("segment-count"), "2 contacts match"));
        assertThat(waitFor(By.id("segment-members")).getText()).contains("ada@example.org", "eve@example.org",
                HOSTILE_NAME);
        click(By.xpath("//button[text()='Add list rule']"));
        assertThat(new Select(waitFor(By.name("inList"))).getFirstSelectedOption().getText())
                .isEqualTo("Readers (list)");
        waitUntil(ExpectedConditions.textToBe(By.id("segment-count"), "1 contact matches"));
        nothingHostileRan();
        screenshot("segment-builder");
        click(By.xpath("//button[text()='Create segment']"));
        waitFor(By.xpath("//h1[text()='Pro readers']"));
        JsonNode segment = workspace.get("/v1/contact-lists?type=segment").expect(200).data().path("contactLists")
                .get(0);
        assertThat(browser.getCurrentUrl()).endsWith("#/segments/" + segment.path("id").asString());
        assertThat(segment.path("contactCount").asInt()).isOne();
        assertThat(segment.path("filterCriteria")).isEqualTo(Api.JSON.readTree("""
                {"match": "all", "rules": [{"field": "customFields.plan", "operator": "equals", "value": "pro"},
                 {"inList": "%s"}]}""".formatted(readers)));

        go("#/lists");
        click(By.cssSelector("a[aria-label='Signup form of Readers']"));
        assertThat(waitFor(By.cssSelector("#form-links .notice")).getText()).contains("The form is closed");
        click(By.id("form-public"));
        click(By.id("form-double-opt-in"));
        browser.findElement(By.id("form-consent")).sendKeys(HOSTILE_CONSENT);
        click(By.xpath("//button[text()='Save form']"));
        WebElement hosted = waitFor(By.id("form-hosted"));
        JsonNode form = workspace.get("/v1/lists/" + readers + "/form").expect(200).data();
        assertThat(form.path("open").asBoolean()).isTrue();
        assertThat(form.path("doubleOptIn").asBoolean()).isFalse();
        assertThat(hosted.getDomAttribute("href")).isEqualTo(form.path("hostedUrl").asString());
        assertThat(browser.findElement(By.cssSelector("#form-embed code")).getDomProperty("textContent"))
                .isEqualTo(form.path("embedHtml").asString());
        nothingHostileRan();
        screenshot("signup-form");

        // A visitor signs up on the hosted page, served here rather than at the public URL the link
        // names. From ::1: the one client address whose sign-up budget no other test spends.
        String visitor = "visitor-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        browser.get("http://[::1]:" + port + "/f/" + readers);
        waitFor(By.name("email")).sendKeys(visitor);
        browser.findElement(By.name("firstName")).sendKeys("Vi");
        click(By.cssSelector("form button[type=submit]"));
        waitFor(By.xpath("//h1[text()='You are subscribed']"));

        String contact = workspace.get("/v1/contacts?email=" + visitor).expect(200).data().path("contacts").get(0)
                .path("id").asString();
        JsonNode consent = workspace.get("/v1/contacts/" + contact + "/consents").expect(200).data().get(0);
        go("#/contacts/" + contact);
        List<String> row = waitFor(By.xpath("//section[h2='Consent log']//tbody/tr")).findElements(By.tagName("td"))
                .stream().map(WebElement::getText).toList();
        assertThat(row.subList(1, row.size())).containsExactly("Readers", "hosted",
                consent.path("ipAddress").asString(), consent.path("userAgent").asString(), HOSTILE_CONSENT,
                consent.path("confirmedAt").isNull() ? "not yet" : row.getLast());
        assertThat(browser.findElement(By.cssSelector("form .hint")).getText()).contains("Readers (subscribed)");
        nothingHostileRan();
        screenshot("consent-log");
    }

    @Test
    void anOperatorAddsSendersVerifiesADomainAndPicksARelayPool() throws IOException {
        Caller workspace = Api.at(port).newWorkspace();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String domain = "d" + tag + ".example.net";
        signInAs(workspace.key());

        go("#/senders");
        assertThat(waitFor(By.cssSelector(".empty")).getText()).contains("No senders yet");
        waitFor(By.id("sender-email")).sendKeys("not-an-address");
        click(By.xpath("//button[text()='Add sender']"));
        assertThat(waitFor(By.cssSelector("#sender-email + .field-error")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("sender-email")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(waitFor(By.cssSelector("[role=alert]")).getText()).contains("email");
        addSender("news@" + domain, "News");
        waitFor(By.cssSelector("tr[data-sender='news@" + domain + "'] .badge.default"));
        assertThat(browser.findElements(By.cssSelector(".field-error"))).as("cleared once the sender is added").isEmpty();
        addSender("hello@" + domain, "Hello");
        click(By.xpath("//tr[@data-sender='hello@" + domain + "']//button[text()='Make default']"));
        waitFor(By.cssSelector("tr[data-sender='hello@" + domain + "'] .badge.default"));
        JsonNode senders = workspace.get("/v1/senders").expect(200).data().path("senders");
        assertThat(senders.valueStream().filter(s -> s.path("isDefault").asBoolean()).map(s -> s.path("email").asString()))
                .containsExactly("hello@" + domain);

        String newsId = senders.valueStream().filter(s -> s.path("email").asString().startsWith("news@")).findFirst()
                .orElseThrow().path("id").asString();
        String later = workspace.post("/v1/campaigns", Map.of("name", "Later " + tag, "subject", "S", "html", "<p>H</p>",
                "senderId", newsId, "toLists", List.of(Audiences.list(workspace, List.of("later-" + tag + "@example.org"))),
                "sendMode", "scheduled", "scheduledAt", "2099-01-01T00:00:00Z", "publish", true)).expect(201).data()
                .path("id").asString();
        By deleteNews = By.xpath("//tr[@data-sender='news@" + domain + "']//button[text()='Delete']");
        click(deleteNews);
        waitUntil(ExpectedConditions.alertIsPresent()).accept();
        assertThat(waitFor(By.cssSelector("[role=alert]")).getText()).contains("Later " + tag);
        assertThat(workspace.get("/v1/senders/" + newsId).expect(200).data().path("sender").path("email").asString())
                .isEqualTo("news@" + domain);
        workspace.post("/v1/campaigns/" + later + "/abort").expect(200);
        click(deleteNews);
        waitUntil(ExpectedConditions.alertIsPresent()).accept();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("tr[data-sender='news@" + domain + "']")));
        workspace.get("/v1/senders/" + newsId).expectError(404, "SENDER_NOT_FOUND");

        waitFor(By.id("domain-name")).sendKeys(domain);
        click(By.xpath("//button[text()='Add domain']"));
        String panel = "section[data-domain='" + domain + "'] ";
        waitFor(By.cssSelector(panel + "h3 .badge[data-status=pending]"));
        JsonNode records = workspace.get("/v1/domains").expect(200).data().path("domains").get(0).path("records");
        JsonNode spf = record(records, "spf");
        JsonNode dkim = record(records, "dkim");
        assertThat(waitFor(By.cssSelector(panel + "tr[data-record=dkim] td:nth-child(2) code")).getText())
                .isEqualTo("crier._domainkey." + domain);
        assertThat(browser.findElement(By.cssSelector(panel + "tr[data-record=dkim] td:nth-child(3) code")).getText())
                .isEqualTo(dkim.path("value").asString()).startsWith("v=DKIM1; k=rsa; p=");
        assertThat(browser.findElement(By.cssSelector(panel + "tr[data-record=spf] .badge")).getText()).isEqualTo("unchecked");

        dns.txt(domain, spf.path("value").asString());
        click(By.xpath("//section[@data-domain='" + domain + "']//button[text()='Verify']"));
        waitFor(By.cssSelector(panel + "tr[data-record=dkim] .badge[data-status=missing]"));
        assertThat(browser.findElement(By.cssSelector(panel + "tr[data-record=spf] .badge")).getText()).isEqualTo("pass");
        assertThat(browser.findElement(By.cssSelector(panel + "h3 .badge")).getText()).isEqualTo("pending");
        assertThat(browser.findElement(By.cssSelector(panel + ".domain-state")).getText()).contains("dkim");
        dns.txt(dkim.path("name").asString(), dkim.path("value").asString());
        click(By.xpath("//section[@data-domain='" + domain + "']//button[text()='Verify']"));
        waitFor(By.cssSelector(panel + "h3 .badge[data-status=verified]"));
        assertThat(browser.findElement(By.cssSelector(panel + "tr[data-record=dkim] .badge")).getText()).isEqualTo("pass");
        assertThat(workspace.get("/v1/domains").expect(200).data().path("domains").get(0).path("status").asString())
                .isEqualTo("verified");
        browser.navigate().refresh();
        assertThat(waitFor(By.cssSelector(panel + "tr[data-record=dkim] .badge")).getText())
                .as("the last check, read back").isEqualTo("pass");
        assertThat(browser.findElement(By.cssSelector(panel + "tr[data-record=dmarc] .badge")).getText())
                .isEqualTo("missing");
        screenshot("senders-domains");
        click(By.xpath("//section[@data-domain='" + domain + "']//button[text()='Delete']"));
        waitUntil(ExpectedConditions.alertIsPresent()).accept();
        assertThat(waitFor(By.xpath("//p[starts-with(text(), 'No sending domains yet')]")).isDisplayed()).isTrue();
        assertThat(workspace.get("/v1/domains").expect(200).data().path("domains")).isEmpty();

        String campaign = workspace.post("/v1/campaigns", Map.of("name", "Routed " + tag)).expect(201).data()
                .path("id").asString();
        go("#/campaigns/" + campaign + "/edit");
        Select pool = new Select(waitFor(By.name("relayPool")));
        assertThat(pool.getFirstSelectedOption().getText()).isEqualTo("Default routing");
        assertThat(pool.getOptions()).hasSize(1 + workspace.get("/v1/relay-pools").expect(200).data().path("pools").size());
        pool.selectByValue("default");
        click(By.cssSelector("button[value=save]"));
        waitFor(By.cssSelector("h1 .badge[data-status=draft]"));
        JsonNode routes = workspace.get("/v1/relay-routes").expect(200).data().path("routes");
        assertThat(routes).hasSize(1);
        assertThat(routes.get(0).path("campaignId").asString()).isEqualTo(campaign);
        assertThat(routes.get(0).path("pool").asString()).isEqualTo("default");

        String withoutAdmin = workspace.post("/v1/api-keys", Map.of("name", "Editor", "scopes", List.of("read", "write")))
                .expect(201).data().path("key").asString();
        signInAs(withoutAdmin);
        go("#/campaigns/" + campaign + "/edit");
        pool = new Select(waitFor(By.name("relayPool")));
        assertThat(pool.getFirstSelectedOption().getDomAttribute("value")).isEqualTo("default");
        assertThat(browser.findElement(By.xpath("//label[@for=//select[@name='relayPool']/@id]")).getText())
                .contains("admin scope");
        pool.selectByValue("");
        click(By.cssSelector("button[value=save]"));
        assertThat(waitFor(By.cssSelector("[role=alert]")).getText()).contains("relay pool is unchanged")
                .contains("admin");
        assertThat(workspace.get("/v1/relay-routes").expect(200).data().path("routes")).hasSize(1);

        signInAs(workspace.key());
        go("#/campaigns/" + campaign + "/edit");
        new Select(waitFor(By.name("relayPool"))).selectByValue("");
        click(By.cssSelector("button[value=save]"));
        waitFor(By.cssSelector("h1 .badge[data-status=draft]"));
        assertThat(workspace.get("/v1/relay-routes").expect(200).data().path("routes")).isEmpty();
    }

    @Test
    void theCampaignAndDomainPagesShowWhatReceiversSaidBack() throws IOException {
        Caller workspace = Api.at(port).newWorkspace();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String domain = "fb" + tag + ".example.net";
        workspace.post("/v1/domains", Map.of("domain", domain)).expect(201);
        String campaign = Audiences.campaign(workspace, Map.of("name", "Heard back " + tag,
                "from", Map.of("email", "news@" + domain, "name", "News")), Audiences.list(workspace,
                IntStream.range(0, 6).mapToObj(i -> "heard" + i + "-" + tag + "@example.org").toList()));
        workspace.post("/v1/campaigns/" + campaign + "/send").expect(200);
        Eventually.status(workspace, campaign, "sent");
        // What receivers answer reaches the addresses of the mail itself: its return path, its Message-ID.
        List<JsonNode> mail = workspace.get("/v1/dev/inbox").expect(200).data().path("messages").valueStream()
                .sorted(Comparator.comparing(message -> message.path("to").get(0).asString()))
                .map(message -> workspace.get("/v1/dev/inbox/" + message.path("id").asString()).expect(200).data())
                .toList();
        assertThat(mail).hasSize(6);
        IntFunction<Trace> toReturnPath = i -> new Trace(mail.get(i).path("envelopeFrom").asString(), List.of(), null,
                null);
        IntFunction<Trace> quoting = i -> new Trace(null, List.of(mail.get(i).path("headers").path("Message-ID").get(0)
                .asString()), null, null);

        signInAs(workspace.key());
        go("#/campaigns/" + campaign);
        waitFor(By.cssSelector("h1 .badge[data-status=sent]"));
        showsMetric("spamReported", "0 complaints · 0%");

        List<Feedback> heard = List.of(
                new Feedback.Bounce(toReturnPath.apply(0), BounceType.HARD, "5.1.1", "550 5.1.1 no such user"),
                new Feedback.Bounce(toReturnPath.apply(1), BounceType.SOFT, "4.2.2", "452 4.2.2 mailbox full"),
                new Feedback.Bounce(toReturnPath.apply(2), BounceType.SOFT, "4.2.2", "452 4.2.2 mailbox full"),
                new Feedback.Complaint(quoting.apply(3), "abuse"),
                new Feedback.Reply(quoting.apply(4), "heard4-" + tag + "@example.org", "Re: Hello", "Thanks!"),
                new Feedback.Reply(quoting.apply(5), "heard5-" + tag + "@example.org", "Re: Hello", "Tell me more."));
        UUID workspaceId = UUID.fromString(workspace.workspaceId());
        for (Feedback feedback : heard) {
            assertThat(intake.accept(feedback, workspaceId)).as("%s", feedback)
                    .isInstanceOf(FeedbackIntake.Applied.class);
        }

        // The open page hears of it live, as it does of sends.
        showsMetric("sent", "5 sent");
        showsMetric("bounced", "1 bounced (hard) · 16.7%");
        showsMetric("softBounced", "2 soft bounces reported");
        showsMetric("spamReported", "1 complaint · 20%");
        showsMetric("replied", "2 replied · 40%");
        screenshot("campaign-heard-back");

        go("#/senders");
        assertThat(waitFor(By.cssSelector("section[data-domain='" + domain + "'] .domain-state")).getText())
                .contains("Complaints: 1 of 5 delivered (20%)");
        screenshot("domain-complaints");
    }

    /** The hostile markup stayed text: none of it ran, and the page holds no element it would have made. */
    private void nothingHostileRan() {
        assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined"
                + " && !document.querySelector('main script, main img')")).isEqualTo(true);
    }

    /**
     * Waits for a campaign page's metric tile to read {@code expected}: its figure, then its note,
     * read in one script, since each live update replaces the tiles.
     */
    private void showsMetric(String name, String expected) {
        String read = "const tile = document.querySelector('[data-metric=' + arguments[0] + ']');"
                + " return tile && tile.querySelector('b').textContent + ' ' + tile.querySelector('span').textContent";
        try {
            waitUntil(driver -> expected.equals(((JavascriptExecutor) driver).executeScript(read, name)));
        } catch (TimeoutException e) {
            assertThat(((JavascriptExecutor) browser).executeScript(read, name)).as(name).isEqualTo(expected);
        }
    }

    private void addSender(String email, String name) {
        WebElement address = waitFor(By.id("sender-email"));
        address.clear();
        address.sendKeys(email);
        browser.findElement(By.id("sender-name")).sendKeys(name);
        click(By.xpath("//button[text()='Add sender']"));
        waitFor(By.cssSelector("tr[data-sender='" + email + "']"));
    }

    private static JsonNode record(JsonNode records, String purpose) {
        return records.valueStream().filter(r -> r.path("purpose").asString().equals(purpose)).findFirst().orElseThrow();
    }

    /**
     * Signs in with the key, from a browser that holds no session, and waits for the menu and the
     * campaign list the sign-in moves to, so that a page the test opens next is not left for it.
     */
    private void signInAs(String key) {
        signInPage().sendKeys(key);
        click(By.cssSelector("form button[type=submit]"));
        waitFor(By.id("sign-out"));
        waitUntil(ExpectedConditions.urlContains("#/campaigns"));
    }

    /** The sign-in page of a browser that holds no session, with its key field. */
    private WebElement signInPage() {
        browser.manage().deleteAllCookies();
        browser.get("http://localhost:" + port + "/#/sign-in");
        browser.navigate().refresh();
        return waitFor(By.name("apiKey"));
    }

    /**
     * The campaign page's processed count, as the live progress bar shows it; read in one script,
     * since each live update replaces the bar.
     */
    private static int processedCount(Caller workspace, String campaign) {
        return workspace.get("/v1/campaigns/" + campaign).expect(200).data().path("metrics").path("processedCount")
                .asInt();
    }

    private int processed() {
        return ((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.querySelector('#campaign-progress progress').value")).intValue();
    }

    private void go(String hash) {
        browser.get("http://localhost:" + port + "/" + hash);
    }

    private WebElement waitFor(By locator) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** Clicks the element once it can be clicked, finding it again if a live update replaced it. */
    private void click(By locator) {
        waitUntil(driver -> {
            try {
                WebElement element = ExpectedConditions.elementToBeClickable(locator).apply(driver);
                if (element == null) {
                    return null;
                }
                element.click();
                return true;
            } catch (StaleElementReferenceException replaced) {
                return null;
            }
        });
    }

    private <T> T waitUntil(Function<? super WebDriver, T> condition) {
        return new WebDriverWait(browser, WAIT).until(condition);
    }

    /** The whole page: the window grows to the page's height for the picture, then goes back. */
    private void screenshot(String name) throws IOException {
        Dimension window = browser.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) browser).executeScript(
                "window.scrollTo(0, 0);"
                        + " return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight");
        browser.manage().window().setSize(new Dimension(window.width, (int) Math.max(window.height, height)));
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(window);
    }
}
