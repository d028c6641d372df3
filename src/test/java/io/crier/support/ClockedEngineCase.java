package io.crier.support;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every test of the shared {@link ClockedEngineTest} context starts from: the test clock, the
 * scripted relay, and a workspace of its own with a tag that keeps its addresses apart from the
 * other tests' in the same context.
 */
@ClockedEngineTest
public abstract class ClockedEngineCase {

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected ScriptedSmtpServer smtp;

    protected Caller caller;
    protected String tag;

    @BeforeEach
    void newWorkspace() {
        caller = Api.at(port).newWorkspace();
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    /** {@code count} addresses of this test: prefix0-tag@example.org, prefix1-tag@example.org, ... */
    protected List<String> addresses(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i + "-" + tag + "@example.org").toList();
    }
}
