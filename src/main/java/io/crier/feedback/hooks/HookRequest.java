package io.crier.feedback.hooks;

import org.springframework.http.HttpHeaders;

/** A provider's request as it came: its headers and its body's exact bytes, which signatures cover. */
record HookRequest(HttpHeaders headers, byte[] body) {
}
