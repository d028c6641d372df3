/**
 * Public signup forms: a list's hosted page, its embeddable snippet and its JSON endpoint, the
 * double opt-in confirmation mail and link, and the forms' abuse protection (a honeypot, rate
 * limits per client address and per email address, one confirmation mail a day at most). The
 * audience module keeps the memberships and the consent records ({@link io.crier.audience.AudienceSignups}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Signup")
package io.crier.signup;
