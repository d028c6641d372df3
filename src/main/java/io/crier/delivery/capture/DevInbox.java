package io.crier.delivery.capture;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

/** The capture server's mailbox: the newest {@code crier.capture.max-messages} messages, per workspace. */
@Component
public class DevInbox {

    private final int capacity;
    private final Deque<CapturedMail> messages = new ArrayDeque<>();

    public DevInbox(CaptureProperties properties) {
        this.capacity = properties.maxMessages();
    }

    synchronized void add(CapturedMail mail) {
        messages.addFirst(mail);
        while (messages.size() > capacity) {
            messages.removeLast();
        }
    }

    /** Newest first. */
    public synchronized List<CapturedMail> list(UUID workspaceId) {
        return messages.stream().filter(mail -> workspaceId.equals(mail.workspaceId())).toList();
    }

    synchronized Optional<CapturedMail> find(UUID workspaceId, long id) {
        return messages.stream().filter(mail -> mail.id() == id && workspaceId.equals(mail.workspaceId())).findFirst();
    }

    /** Newest first: the workspace's messages whose envelope or text names the address (a copy's To or Cc). */
    synchronized List<CapturedMail> naming(UUID workspaceId, String email) {
        return messages.stream().filter(mail -> workspaceId.equals(mail.workspaceId()) && mail.names(email)).toList();
    }

    synchronized void erase(UUID workspaceId, String email) {
        messages.removeIf(mail -> workspaceId.equals(mail.workspaceId()) && mail.names(email));
    }

    synchronized int clear(UUID workspaceId) {
        int before = messages.size();
        messages.removeIf(mail -> workspaceId.equals(mail.workspaceId()));
        return before - messages.size();
    }
}
