/**
 * What Crier shows on the web besides the API itself: the OpenAPI document and its docs page
 * (later the dashboard). Uses no other module's internals.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package io.crier.web;
