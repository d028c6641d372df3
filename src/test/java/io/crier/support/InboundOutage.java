package io.crier.support;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.config.BeanPostProcessor;

import io.crier.feedback.InboundMail;

/**
 * Makes the real inbound queue fail for the workspaces a test names, as it would while its database
 * is down, so a test can show what a way in does when the queue cannot take a message. Every other
 * workspace's mail goes to the queue as usual.
 */
public class InboundOutage implements BeanPostProcessor {

    private final Set<UUID> down = ConcurrentHashMap.newKeySet();

    public void begin(UUID workspaceId) {
        down.add(workspaceId);
    }

    public void end(UUID workspaceId) {
        down.remove(workspaceId);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof InboundMail queue)) {
            return bean;
        }
        return (InboundMail) (raw, origin) -> {
            if (origin.workspaceId() != null && down.contains(origin.workspaceId())) {
                throw new IllegalStateException("The inbound queue is down (a test's outage)");
            }
            queue.accept(raw, origin);
        };
    }
}
