package io.crier.feedback.hooks;

/**
 * What verifies a provider's requests, as the workspace gave it; which fields a provider uses is
 * in {@link FeedbackHooks}. Kept sealed with the master key.
 *
 * @param publicKey  SendGrid's verification key (base64 of the ECDSA public key)
 * @param signingKey Mailgun's HTTP webhook signing key
 * @param username   the user name Postmark sends with basic auth
 * @param password   the password Postmark sends with basic auth
 */
record HookMaterial(String publicKey, String signingKey, String username, String password) {
}
