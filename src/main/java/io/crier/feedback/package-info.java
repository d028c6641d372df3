/**
 * Hearing back: what receivers say about mail Crier sent (bounces, complaints, replies, mailto
 * unsubscribes), however it arrives (the inbound SMTP listener, a polled mailbox, a provider's
 * webhook), tied to the delivery it is about and applied to it. Each way in turns what it hears
 * into a {@link io.crier.feedback.Feedback} and hands it to {@link io.crier.feedback.FeedbackIntake};
 * raw mail goes through {@link io.crier.feedback.InboundMail} first, the durable inbound queue.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Feedback")
package io.crier.feedback;
