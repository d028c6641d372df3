package io.crier.feedback.hooks;

import java.util.List;

/**
 * What verifies a provider's requests, as the workspace gave it; which fields a provider uses is
 * in {@link FeedbackHooks}. Kept sealed with the master key.
 *
 * @param publicKey  SendGrid's verification key (base64 of the ECDSA public key)
 * @param signingKey Mailgun's HTTP webhook signing key
 * @param username   the user name Postmark sends with basic auth
 * @param password   the password Postmark sends with basic auth
 * @param topicArns  the SNS topics an SES hook takes messages from; null or empty: any topic
 */
record HookMaterial(String publicKey, String signingKey, String username, String password, List<String> topicArns) {

    HookMaterial {
        topicArns = topicArns == null ? List.of() : List.copyOf(topicArns);
    }

    /** Whether an SNS message of this topic may be read: any topic when none is pinned. */
    boolean takesTopic(String topicArn) {
        return topicArns.isEmpty() || topicArns.contains(topicArn);
    }
}
