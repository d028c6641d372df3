package io.crier.feedback;

/**
 * One thing a receiver said about one message Crier sent, as parsed from a report, a reply or a
 * provider's event. {@link Trace} holds what ties it to the delivery; nothing here is trusted
 * until {@link FeedbackIntake} has matched it.
 */
public sealed interface Feedback {

    Trace trace();

    /** The message could not be delivered: for good ({@link BounceType#HARD}) or for now. */
    record Bounce(Trace trace, BounceType type, String status, String reason) implements Feedback {
    }

    /** The recipient reported the message as spam (an ARF report, a provider's complaint event). */
    record Complaint(Trace trace, String feedbackType) implements Feedback {
    }

    /** A person answered the message; {@code text} is the reply's own text, quoted history cut. */
    record Reply(Trace trace, String from, String subject, String text) implements Feedback {
    }

    /** The recipient asked to leave through the {@code List-Unsubscribe} mailto address. */
    record Unsubscribe(Trace trace) implements Feedback {
    }
}
