/**
 * Who may call Crier: workspaces, API keys with scopes, authentication of every API call and
 * per-key rate limits. Other modules see the caller as an {@link io.crier.access.ApiPrincipal}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Access")
package io.crier.access;
