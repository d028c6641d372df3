package io.crier.feedback.hooks;

/** One provider's webhook: verifies a request as the provider signs it, then reads its events. */
interface ProviderEvents {

    HookProvider provider();

    /**
     * The events of a request to {@code hook}. Throws an {@link io.crier.shared.ApiException}: 401
     * when the request carries no signature or credentials, 403 when they do not verify (nothing is
     * read then), 400 naming the field when the body as a whole cannot be read.
     */
    HookEvents read(HookRequest request, ActiveHook hook);
}
