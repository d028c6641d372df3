package io.crier.sender;

import java.util.Map;
import java.util.UUID;

/**
 * How mail from a workspace's domains was received: the messages delivered from each, and those
 * reported as spam, for each sending domain's complaint rate. The campaign module counts both and
 * depends on this one, so it implements this interface.
 */
public interface DomainComplaints {

    /** Messages delivered from a domain, and complaints about them. */
    record Figures(long delivered, long spamReported) {

        public static final Figures NONE = new Figures(0, 0);
    }

    /** The workspace's figures per lower-case domain of its campaigns' From addresses. */
    Map<String, Figures> byDomain(UUID workspaceId);
}
