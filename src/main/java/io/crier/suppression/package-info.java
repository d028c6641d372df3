/**
 * Who must not be mailed: the workspace-wide suppression list (unsubscribed, bounced, complained,
 * manual) and its API, and the public unsubscribe pages behind the signed link in every message.
 * The delivery engine gets each recipient's link from {@link io.crier.suppression.UnsubscribeLinks}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Suppression")
package io.crier.suppression;
