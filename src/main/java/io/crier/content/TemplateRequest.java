package io.crier.content;

import jakarta.validation.constraints.Size;

/** A template create or update body; every property is optional here, required ones are checked on the result. */
record TemplateRequest(@Size(max = 200) String name, @Size(max = 998) String subject, String html, String text) {
}
