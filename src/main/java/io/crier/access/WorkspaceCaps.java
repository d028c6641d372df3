package io.crier.access;

import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.shared.ApiException;

/**
 * Caps on what a workspace may hold (webhooks, DKIM keys), kept when calls add at the same moment:
 * counting and adding in one transaction is not enough, since two calls can both count before
 * either adds. Each holds the workspace's row from its count to its commit, so the calls of one
 * workspace take turns there and each counts what the one before it added.
 */
@Component
public class WorkspaceCaps {

    private final AccessRepository repository;
    private final TransactionTemplate transactions;

    WorkspaceCaps(AccessRepository repository, TransactionTemplate transactions) {
        this.repository = repository;
        this.transactions = transactions;
    }

    /**
     * Runs {@code add} if {@code count} is below {@code cap} once the workspace's row is held;
     * throws what {@code full} makes otherwise, having added nothing.
     */
    public void addWithin(UUID workspaceId, long cap, LongSupplier count, Runnable add, Supplier<ApiException> full) {
        transactions.executeWithoutResult(status -> {
            repository.lockWorkspace(workspaceId);
            if (count.getAsLong() >= cap) {
                throw full.get();
            }
            add.run();
        });
    }
}
