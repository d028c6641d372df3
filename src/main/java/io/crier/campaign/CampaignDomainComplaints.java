package io.crier.campaign;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.sender.DomainComplaints;

/**
 * Each sending domain's delivered and spam-reported counts: the campaigns' counters summed by the
 * domain of their From address (transactional mail's hidden campaigns included).
 */
@Repository
class CampaignDomainComplaints implements DomainComplaints {

    private final JdbcClient jdbc;

    CampaignDomainComplaints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Figures> byDomain(UUID workspaceId) {
        Map<String, Figures> byDomain = new HashMap<>();
        jdbc.sql("""
                select c.from_email, sum(s.delivered) as delivered, sum(s.spam_reported) as spam_reported
                from campaign c join campaign_stats s on s.campaign_id = c.id
                where c.workspace_id = :workspaceId and c.from_email is not null
                group by c.from_email""")
                .param("workspaceId", workspaceId)
                .query(rs -> {
                    String from = rs.getString("from_email");
                    String domain = from.substring(from.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
                    byDomain.merge(domain, new Figures(rs.getLong("delivered"), rs.getLong("spam_reported")),
                            (a, b) -> new Figures(a.delivered() + b.delivered(), a.spamReported() + b.spamReported()));
                });
        return byDomain;
    }
}
