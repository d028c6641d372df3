package io.crier.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * An independent DKIM verifier: dkimpy (Debian's python3-dkim), given the public key's TXT
 * record instead of asking DNS. {@code .ci/run} installs it.
 */
public final class DkimVerifier {

    /** What dkimpy said: whether the signature verified, and its log of why. */
    public record Verdict(boolean valid, String log) {
    }

    /** Answers the one TXT record the signature must name; any other lookup finds nothing. */
    private static final String SCRIPT = """
            import logging, sys, dkim
            name, record = sys.argv[1], sys.argv[2].encode()
            def txt(qname, timeout=5, **_):
                qname = qname.decode() if isinstance(qname, bytes) else qname
                return record if qname.rstrip('.') == name else None
            logging.basicConfig(stream=sys.stdout, level=logging.DEBUG, format='%(message)s')
            ok = dkim.verify(sys.stdin.buffer.read(), logger=logging.getLogger('dkim'), dnsfunc=txt)
            print('DKIM verify:', 'pass' if ok else 'fail')
            sys.exit(0 if ok else 1)
            """;

    private DkimVerifier() {
    }

    /** Verifies {@code message} with the record {@code dnsRecord} published at {@code dnsName}. */
    public static Verdict verify(byte[] message, String dnsName, String dnsRecord) {
        try {
            Process python = new ProcessBuilder("/usr/bin/python3", "-c", SCRIPT, dnsName, dnsRecord)
                    .redirectErrorStream(true).start();
            try (OutputStream in = python.getOutputStream()) {
                in.write(message);
            }
            byte[] output = python.getInputStream().readAllBytes();
            if (!python.waitFor(30, TimeUnit.SECONDS)) {
                python.destroyForcibly();
                throw new AssertionError("dkimpy did not finish within 30 s");
            }
            String log = new String(output, StandardCharsets.UTF_8);
            if (log.contains("ModuleNotFoundError")) {
                throw new AssertionError("dkimpy is missing: apt-get install python3-dkim (.ci/run does)\n" + log);
            }
            return new Verdict(python.exitValue() == 0, log);
        } catch (IOException e) {
            throw new AssertionError("Cannot run /usr/bin/python3 for dkimpy", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
