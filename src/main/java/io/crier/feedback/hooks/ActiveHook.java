package io.crier.feedback.hooks;

import java.util.UUID;

/** The hook a request's token names: whose workspace its events belong to and how to verify them. */
record ActiveHook(UUID id, UUID workspaceId, HookProvider provider, HookMaterial material) {
}
