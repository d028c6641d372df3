/**
 * What Crier shows on the web besides the API itself: the OpenAPI document and its docs page, and
 * the dashboard (its session chain, the relay of its calls to the public {@code /v1} API, and live
 * campaign progress over server-sent events). Uses no other module's internals.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package io.crier.web;
