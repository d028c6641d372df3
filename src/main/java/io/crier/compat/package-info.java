/**
 * Vendor dialects: other vendors' campaign APIs (Blueshift, Leadterra), each a thin translator in
 * a sub-package of its own onto the same campaigns, audience and engine. Only paths, verbs,
 * authentication, names, shapes and error bodies differ; the native API is AutoSend's superset and
 * needs no translator.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Compat dialects")
package io.crier.compat;
