package io.crier.webhook;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param allowPrivateTargets whether webhooks may point at loopback, private, link-local and other
 *                            internal addresses (refused by default: a webhook must not be a way
 *                            into the network Crier runs in)
 * @param allowedPorts        the ports a webhook URL may name (when private targets are not allowed):
 *                            an HTTP endpoint, not the mail, database or admin port of some host
 * @param pollInterval        how often an idle node looks for due webhook deliveries
 * @param retention           how long delivered and failed deliveries stay in the delivery log
 * @param perWorkspace        webhooks one workspace may register: each event writes a row per webhook
 * @param concurrentPerWorkspace requests of one workspace a node sends at once, so one workspace's slow
 *                            endpoints hold up none of the others'
 */
@ConfigurationProperties("crier.webhooks")
record WebhookProperties(
        @DefaultValue("false") boolean allowPrivateTargets,
        @DefaultValue({"80", "443"}) List<Integer> allowedPorts,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("20") int perWorkspace,
        @DefaultValue("4") int concurrentPerWorkspace) {
}
