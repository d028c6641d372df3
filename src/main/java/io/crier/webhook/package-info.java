/**
 * Webhooks: events pushed to a workspace's own HTTP endpoints (delivery outcomes, campaign status
 * changes), signed with the webhook's secret, written to an outbox in the transaction that records
 * what happened and sent by whichever node claims them, with retries on a fixed schedule. Offers
 * {@link io.crier.webhook.Webhooks} to register webhooks in Crier's own format or a vendor's
 * ({@link io.crier.webhook.WebhookFormat}) and to publish events.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Webhook")
package io.crier.webhook;
