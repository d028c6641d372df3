package io.crier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import io.crier.support.Eventually;

/**
 * Stopping Crier lets requests in flight finish while it takes no new ones. Starts its own
 * Crier (embedded database) with one extra slow endpoint, so it can stop it mid-request.
 */
class GracefulShutdownTest {

    private final SlowServlet slow = new SlowServlet();
    private ConfigurableApplicationContext crier;

    @AfterEach
    void stopCrier() {
        slow.release.countDown();
        if (crier != null) {
            crier.close();
        }
    }

    @Test
    void requestInFlightCompletesWhileNewConnectionsAreRefused() throws Exception {
        crier = new SpringApplicationBuilder(CrierApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("slowServlet",
                        ServletRegistrationBean.class, () -> new ServletRegistrationBean<>(slow, "/test/slow")))
                .run("--server.port=0", "--crier.data-dir=target/test-data/" + UUID.randomUUID(),
                        "--crier.bootstrap-api-key=crier_graceful_shutdown_test_key_0123456789");
        URI base = URI.create("http://127.0.0.1:" + crier.getEnvironment().getProperty("local.server.port"));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                HttpRequest.newBuilder(base.resolve("/test/slow")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(slow.entered.await(30, TimeUnit.SECONDS)).as("slow request reached Crier").isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(crier::close);
        assertThat(refusesNewConnections(base)).as("new connections refused once shutdown begins").isTrue();
        Eventually.await("the graceful shutdown to wait for the request in flight", Duration.ofSeconds(10),
                GracefulShutdownTest::tomcatWaitsForActiveRequests, waiting -> waiting);
        assertThat(stopping).as("shutdown waits for the request in flight").isNotDone();

        slow.release.countDown();
        HttpResponse<String> finished = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(finished.body()).isEqualTo("finished");
        stopping.get(30, TimeUnit.SECONDS);
        assertThat(crier.isActive()).isFalse();
    }

    /** Polls, for at most ten seconds, until the port refuses a new connection as shutdown begins. */
    private static boolean refusesNewConnections(URI base) throws InterruptedException {
        InetSocketAddress address = new InetSocketAddress(base.getHost(), base.getPort());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(address, 1000);
            } catch (IOException refused) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /**
     * Whether Tomcat's graceful shutdown (Spring Boot's thread "tomcat-shutdown") sleeps between its
     * looks at the requests still active: it does only once it has found one, and stops Crier only
     * when none is left.
     */
    private static boolean tomcatWaitsForActiveRequests() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().equals("tomcat-shutdown")
                && thread.getState() == Thread.State.TIMED_WAITING);
    }

    /** Answers only when the test lets it, so the test controls when the request is in flight. */
    private static final class SlowServlet extends HttpServlet {

        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            entered.countDown();
            try {
                if (!release.await(60, TimeUnit.SECONDS)) {
                    response.sendError(500, "never released");
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response.sendError(500, "interrupted");
                return;
            }
            response.getWriter().write("finished");
            // As Spring MVC's JSON writer does: Tomcat counts a request as active only until the
            // servlet returns, and a response still buffered then can lose the race with shutdown.
            response.flushBuffer();
        }
    }
}
