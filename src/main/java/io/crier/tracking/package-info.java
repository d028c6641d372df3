/**
 * Open and click tracking: each tracked message's open pixel and link redirects, signed per
 * delivery ({@link io.crier.tracking.TrackingLinks}, used by the engine), their public endpoints
 * ({@code /t/o/{token}}, {@code /t/c/{token}}) that record opens and clicks and tell people from
 * prefetchers and link scanners, per-link and per-contact figures under {@code /v1/campaigns}, and
 * {@link io.crier.tracking.EmailEngaged} for webhooks.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tracking")
package io.crier.tracking;
