package io.crier.tracking;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A campaign's tracked links in SQL: each address once per campaign, found by its id only with its campaign. */
@Repository
class LinkRepository {

    private final JdbcClient jdbc;

    LinkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The id of each address (by position), storing those the campaign has no row for yet. Two
     * nodes compiling at once may both store an address; either id leads to it, and per-link
     * figures group by address.
     */
    long[] ids(UUID campaignId, List<String> urls) {
        Map<String, Long> known = known(campaignId);
        for (String url : new LinkedHashSet<>(urls)) {
            if (!known.containsKey(url)) {
                jdbc.sql("insert into campaign_link (campaign_id, url) values (:campaignId, :url)")
                        .param("campaignId", campaignId)
                        .param("url", url)
                        .update();
            }
        }
        Map<String, Long> stored = known(campaignId);
        return urls.stream().mapToLong(stored::get).toArray();
    }

    /** The link's address, if it is a link of this campaign. */
    Optional<String> url(UUID campaignId, long linkId) {
        return jdbc.sql("select url from campaign_link where id = :id and campaign_id = :campaignId")
                .param("id", linkId)
                .param("campaignId", campaignId)
                .query(String.class)
                .optional();
    }

    private Map<String, Long> known(UUID campaignId) {
        Map<String, Long> ids = new HashMap<>();
        jdbc.sql("select id, url from campaign_link where campaign_id = :campaignId order by id")
                .param("campaignId", campaignId)
                .query(rs -> {
                    ids.putIfAbsent(rs.getString("url"), rs.getLong("id"));
                });
        return ids;
    }
}
