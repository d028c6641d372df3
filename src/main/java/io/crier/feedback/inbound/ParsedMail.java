package io.crier.feedback.inbound;

import io.crier.feedback.Feedback;

/** What the parser made of one inbound message. */
sealed interface ParsedMail {

    /** A bounce, complaint, reply or mailto unsubscribe, for the intake to match and apply. */
    record Heard(Feedback feedback) implements ParsedMail {
    }

    /**
     * Mail that needs nothing done (an auto-reply, a delay notice, a read receipt): recorded as
     * processed, with its kind and why.
     */
    record Ignored(String kind, String reason) implements ParsedMail {
    }

    /** Mail that is no feedback Crier can read (unreadable, or nothing recognisable): parked with the reason. */
    record Unreadable(String reason) implements ParsedMail {
    }
}
