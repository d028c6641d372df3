package io.crier.compat.leadterra;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.crier.access.ApiPrincipal;
import io.crier.delivery.RelayPools.PoolSummary;
import io.crier.delivery.SenderPools;
import io.crier.sender.SenderDirectory;
import io.crier.sender.SenderIdentity;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Leadterra's sender pools and sender accounts: Crier's relay pools the workspace may use, and
 * its senders, each with the pool its mail goes through. Leadterra's guide answers the pools as
 * {@code pools} with {@code remainingVolume}, its quickstart as {@code senderPools} with
 * {@code remainingToday}; both are answered, so a client written from either works.
 */
@Tag(name = "Leadterra")
@RestController
class LeadterraSenderController {

    /**
     * A pool: {@code dailyCapacity} and what is left of it today over every workspace (null: the
     * pool has no daily volume), and how many of the workspace's senders send through it.
     */
    record Pool(String id, String name, long senderCount, Long dailyCapacity, Long remainingVolume,
            Long remainingToday) {
    }

    record Pools(List<Pool> pools, List<Pool> senderPools) {
    }

    record SenderAccount(UUID id, String email, String name, String replyTo, boolean isDefault, String senderPoolId) {
    }

    record SenderAccounts(List<SenderAccount> senderAccounts) {
    }

    private final SenderPools pools;
    private final SenderDirectory senders;

    LeadterraSenderController(SenderPools pools, SenderDirectory senders) {
        this.pools = pools;
        this.senders = senders;
    }

    @GetMapping(LeadterraSecurity.BASE + "/sender-pools")
    Pools senderPools(@AuthenticationPrincipal ApiPrincipal caller) {
        List<String> poolOfEachSender = accounts(caller.workspaceId()).stream().map(SenderAccount::senderPoolId).toList();
        List<Pool> usable = pools.usableBy(caller.workspaceId()).stream()
                .map(pool -> pool(pool, poolOfEachSender.stream().filter(pool.id()::equals).count()))
                .toList();
        return new Pools(usable, usable);
    }

    @GetMapping(LeadterraSecurity.BASE + "/sender-accounts")
    SenderAccounts senderAccounts(@AuthenticationPrincipal ApiPrincipal caller) {
        return new SenderAccounts(accounts(caller.workspaceId()));
    }

    private List<SenderAccount> accounts(UUID workspaceId) {
        Optional<UUID> byDefault = senders.defaultFor(workspaceId).map(SenderIdentity::id);
        return senders.all(workspaceId).stream()
                .map(sender -> new SenderAccount(sender.id(), sender.email(), sender.name(), sender.replyTo(),
                        byDefault.filter(sender.id()::equals).isPresent(), pools.poolOf(workspaceId, sender.email())))
                .toList();
    }

    private static Pool pool(PoolSummary pool, long senderCount) {
        return new Pool(pool.id(), pool.name(), senderCount, pool.dailyCapacity(), pool.remainingVolume(),
                pool.remainingVolume());
    }
}
