package io.crier.shared;

/** JVM-wide settings Jakarta Mail needs before its first use. */
public final class MailRuntime {

    private MailRuntime() {
    }

    /**
     * Names the stream provider outright. Without it Jakarta Mail searches the class path with a
     * ServiceLoader on every encode (jakartaee/mail-api issue 861), which measured 1.5-1.8 times
     * slower on our 2-core machine.
     */
    public static void configure() {
        System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    }
}
