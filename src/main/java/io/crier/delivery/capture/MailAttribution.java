package io.crier.delivery.capture;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Remembers which workspace sent each recent Message-ID, so the capture server can file what it
 * receives under the right workspace without adding anything to the message itself.
 */
@Component
public class MailAttribution {

    private static final int REMEMBERED = 100_000;

    private final Map<String, UUID> workspaceByMessageId = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, UUID> eldest) {
            return size() > REMEMBERED;
        }
    };

    public synchronized void remember(String messageId, UUID workspaceId) {
        workspaceByMessageId.put(messageId, workspaceId);
    }

    synchronized UUID claim(String messageId) {
        return messageId == null ? null : workspaceByMessageId.remove(messageId);
    }
}
