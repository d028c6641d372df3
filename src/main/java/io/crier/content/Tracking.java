package io.crier.content;

/** Which of a campaign's messages' opens and link clicks are tracked (AutoSend's trackingOpen and trackingClick). */
public record Tracking(boolean opens, boolean clicks) {

    public static final Tracking OFF = new Tracking(false, false);

    public boolean any() {
        return opens || clicks;
    }
}
