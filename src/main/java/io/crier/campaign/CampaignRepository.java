package io.crier.campaign;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;

import io.crier.content.Threading;
import io.crier.shared.Timestamps;

/**
 * Campaigns, their lists and their counters in SQL. Reads are scoped to one workspace; every
 * write of an existing campaign is a compare-and-set on its {@code version}.
 */
@Repository
class CampaignRepository {

    /** The columns a write sets; each is bound under its own name by {@link #bind}. */
    private static final List<String> COLUMNS = List.of("name", "subject", "preview_text", "from_email",
            "from_name", "reply_to", "html", "text", "template_id", "send_mode", "gradual_emails_per_day",
            "gradual_growth", "gradual_per_hour", "gradual_per_minute", "scheduled_at", "timezone", "tracking_open",
            "tracking_click", "threshold_preset", "bounce_rate_threshold", "bounce_min_sample", "status", "archived", "started_at", "sent_at", "paused_at",
            "resumed_at", "aborted_at", "paused_reason", "failure_reason", "updated_at", "window_days", "window_from",
            "window_to", "window_timezone", "track_replies", "unsubscribe_group_id");
    private static final String INSERT = "insert into campaign (id, workspace_id, created_at, version, "
            + String.join(", ", COLUMNS) + ") values (:id, :workspaceId, :createdAt, 0, "
            + COLUMNS.stream().map(column -> ":" + column).collect(Collectors.joining(", ")) + ")";
    private static final String UPDATE = "update campaign set "
            + COLUMNS.stream().map(column -> column + " = :" + column).collect(Collectors.joining(", "))
            + ", version = version + 1 where id = :id and workspace_id = :workspaceId and version = :version";

    /** The kind of the campaigns the API shows; the engine also runs kind {@code transactional}. */
    private static final String CAMPAIGN_KIND = "campaign";

    private final JdbcClient jdbc;

    CampaignRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new campaign with its lists and its zeroed counters; call inside a transaction. */
    void insert(Campaign campaign) {
        bind(jdbc.sql(INSERT), campaign)
                .param("workspaceId", campaign.workspaceId())
                .param("createdAt", Timestamps.toDb(campaign.createdAt()))
                .update();
        insertLists(campaign);
        insertSteps(campaign);
        jdbc.sql("insert into campaign_stats (campaign_id) values (:id)").param("id", campaign.id()).update();
    }

    /** Marks a campaign just inserted as transactional: hidden from the campaign API. */
    void markTransactional(UUID campaignId, Threading threading) {
        jdbc.sql("""
                update campaign set kind = 'transactional', in_reply_to = :inReplyTo, thread_references = :references
                where id = :id""")
                .param("inReplyTo", threading.inReplyTo())
                .param("references", threading.references())
                .param("id", campaignId)
                .update();
    }

    boolean isTransactional(UUID campaignId) {
        return jdbc.sql("select count(*) from campaign where id = :id and kind = 'transactional'")
                .param("id", campaignId).query(Long.class).single() > 0;
    }

    /** A campaign the API shows: the hidden transactional ones ({@link TransactionalCampaigns}) are not found. */
    Optional<Campaign> find(UUID workspaceId, UUID id) {
        return find(workspaceId, id, " and kind = '" + CAMPAIGN_KIND + "'");
    }

    /** Any campaign, transactional ones too: what the engine moves. */
    Optional<Campaign> findAnyKind(UUID workspaceId, UUID id) {
        return find(workspaceId, id, "");
    }

    private Optional<Campaign> find(UUID workspaceId, UUID id, String kindFilter) {
        List<Campaign> found = withLists(jdbc.sql("select * from campaign where workspace_id = :workspaceId and id = :id"
                        + kindFilter)
                .param("workspaceId", workspaceId)
                .param("id", id)
                .query(CampaignRepository::campaign)
                .list());
        return found.stream().findFirst();
    }

    /** Every campaign in these statuses, across workspaces: what the delivery engine works on. */
    List<Campaign> inStatus(List<CampaignStatus> statuses) {
        return withLists(jdbc.sql("select * from campaign where status in (:statuses) order by created_at, id")
                .param("statuses", statuses.stream().map(CampaignStatus::wire).toList())
                .query(CampaignRepository::campaign)
                .list());
    }

    /** Which of these campaigns are in these statuses. */
    Set<UUID> inStatus(Collection<UUID> ids, List<CampaignStatus> statuses) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select id from campaign where id in (:ids) and status in (:statuses)")
                .param("ids", ids)
                .param("statuses", statuses.stream().map(CampaignStatus::wire).toList())
                .query(UUID.class)
                .list());
    }

    /** The ids of the transactional campaigns in these statuses. */
    /** The transactional campaigns in these statuses, each with the threading of its reply (if it is one). */
    Map<UUID, Threading> transactionalInStatus(List<CampaignStatus> statuses) {
        Map<UUID, Threading> found = new HashMap<>();
        jdbc.sql("""
                select id, in_reply_to, thread_references from campaign
                where status in (:statuses) and kind = 'transactional'""")
                .param("statuses", statuses.stream().map(CampaignStatus::wire).toList())
                .query(rs -> {
                    found.put(rs.getObject("id", UUID.class),
                            new Threading(rs.getString("in_reply_to"), rs.getString("thread_references")));
                });
        return found;
    }

    /** Scheduled campaigns, not archived, whose start time has come. */
    List<CampaignRef> due(Instant now) {
        return jdbc.sql("""
                select id, workspace_id from campaign
                where status = 'scheduled' and archived = false and scheduled_at <= :now
                order by scheduled_at""")
                .param("now", Timestamps.toDb(now))
                .query((rs, row) -> new CampaignRef(rs.getObject("id", UUID.class),
                        rs.getObject("workspace_id", UUID.class)))
                .list();
    }

    /** The names of the workspace's campaigns in these statuses that send to the list or leave it out. */
    List<String> usingList(UUID workspaceId, UUID listId, Collection<CampaignStatus> statuses) {
        return jdbc.sql("""
                select c.name from campaign c join campaign_list l on l.campaign_id = c.id
                where c.workspace_id = :workspaceId and l.list_id = :listId and c.status in (:statuses)
                order by c.created_at, c.id""")
                .param("workspaceId", workspaceId)
                .param("listId", listId)
                .param("statuses", statuses.stream().map(CampaignStatus::wire).toList())
                .query(String.class)
                .list();
    }

    /** The names of the workspace's campaigns in these statuses that send From the address. */
    List<String> sendingFrom(UUID workspaceId, String email, Collection<CampaignStatus> statuses) {
        return jdbc.sql("""
                select c.name from campaign c
                where c.workspace_id = :workspaceId and lower(c.from_email) = :email and c.status in (:statuses)
                order by c.created_at, c.id""")
                .param("workspaceId", workspaceId)
                .param("email", email)
                .param("statuses", statuses.stream().map(CampaignStatus::wire).toList())
                .query(String.class)
                .list();
    }

    /** The names of the workspace's campaigns in these statuses that take content from the template (any step). */
    List<String> usingTemplate(UUID workspaceId, UUID templateId, Collection<CampaignStatus> statuses) {
        return jdbc.sql("""
                select c.name from campaign c
                where c.workspace_id = :workspaceId and c.status in (:statuses)
                  and (c.template_id = :templateId or exists (select 1 from campaign_step s
                       where s.campaign_id = c.id and s.template_id = :templateId))
                order by c.created_at, c.id""")
                .param("workspaceId", workspaceId)
                .param("templateId", templateId)
                .param("statuses", statuses.stream().map(CampaignStatus::wire).toList())
                .query(String.class)
                .list();
    }

    /** A page of the workspace's campaigns, oldest first; {@code status} and {@code archived} filter when given. */
    List<Campaign> list(UUID workspaceId, CampaignStatus status, Boolean archived, long offset, int limit) {
        return withLists(filtered("select * from campaign", workspaceId, status, archived,
                " order by created_at, id limit :limit offset :offset")
                .param("offset", offset)
                .param("limit", limit)
                .query(CampaignRepository::campaign)
                .list());
    }

    long count(UUID workspaceId, CampaignStatus status, Boolean archived) {
        return filtered("select count(*) from campaign", workspaceId, status, archived, "")
                .query(Long.class)
                .single();
    }

    /** A page of the workspace's campaigns that the filter matches, oldest first. */
    List<Campaign> search(UUID workspaceId, CampaignFilter filter, long offset, int limit) {
        if (filter.statuses() != null && filter.statuses().isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("select * from campaign where workspace_id = :workspaceId and kind = '"
                + CAMPAIGN_KIND + "'");
        Map<String, Object> params = new HashMap<>();
        params.put("workspaceId", workspaceId);
        if (filter.nameContains() != null) {
            sql.append(" and lower(name) like :name escape '!'");
            params.put("name", "%" + filter.nameContains().toLowerCase(Locale.ROOT)
                    .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (filter.createdAfter() != null) {
            sql.append(" and created_at > :createdAfter");
            params.put("createdAfter", Timestamps.toDb(filter.createdAfter()));
        }
        if (filter.createdBefore() != null) {
            sql.append(" and created_at < :createdBefore");
            params.put("createdBefore", Timestamps.toDb(filter.createdBefore()));
        }
        if (filter.startsFrom() != null) {
            sql.append(filter.unstartedToo() ? " and (scheduled_at >= :startsFrom or scheduled_at is null)"
                    : " and scheduled_at >= :startsFrom");
            params.put("startsFrom", Timestamps.toDb(filter.startsFrom()));
        }
        if (filter.startsBefore() != null) {
            sql.append(" and scheduled_at < :startsBefore");
            params.put("startsBefore", Timestamps.toDb(filter.startsBefore()));
        }
        if (filter.statuses() != null) {
            sql.append(" and status in (:statuses)");
            params.put("statuses", filter.statuses().stream().map(CampaignStatus::wire)
                    .toList());
        }
        if (filter.archived() != null) {
            sql.append(" and archived = :archived");
            params.put("archived", filter.archived());
        }
        sql.append(" order by created_at, id limit :limit offset :offset");
        params.put("limit", limit);
        params.put("offset", offset);
        return withLists(jdbc.sql(sql.toString()).params(params).query(CampaignRepository::campaign).list());
    }

    /** Writes {@code next} if the row is still at {@code current}'s version; false if another write came first. */
    boolean save(Campaign current, Campaign next) {
        int updated = bind(jdbc.sql(UPDATE), next)
                .param("workspaceId", current.workspaceId())
                .param("version", current.version())
                .update();
        if (updated == 1 && !sameLists(current.settings(), next.settings())) {
            jdbc.sql("delete from campaign_list where campaign_id = :id").param("id", current.id()).update();
            insertLists(next);
        }
        if (updated == 1 && !current.settings().steps().equals(next.settings().steps())) {
            jdbc.sql("delete from campaign_step where campaign_id = :id").param("id", current.id()).update();
            insertSteps(next);
        }
        return updated == 1;
    }

    /** Deletes the campaign if the row is still at this version; its lists and counters go with it. */
    boolean delete(Campaign current) {
        return jdbc.sql("delete from campaign where id = :id and workspace_id = :workspaceId and version = :version")
                .param("id", current.id())
                .param("workspaceId", current.workspaceId())
                .param("version", current.version())
                .update() == 1;
    }

    Map<UUID, CampaignMetrics> metrics(Collection<UUID> campaignIds) {
        Map<UUID, CampaignMetrics> metrics = new HashMap<>();
        if (campaignIds.isEmpty()) {
            return metrics;
        }
        jdbc.sql("select * from campaign_stats where campaign_id in (:ids)")
                .param("ids", campaignIds)
                .query(rs -> {
                    long delivered = rs.getLong("delivered");
                    metrics.put(rs.getObject("campaign_id", UUID.class), new CampaignMetrics(rs.getLong("sent"),
                            delivered, rs.getLong("opened"), rs.getLong("clicked"), rs.getLong("bounced"),
                            rs.getLong("unsubscribed"), rs.getLong("spam_reported"), rs.getLong("suppressed"),
                            rs.getLong("processed"), rs.getLong("total_contacts"), rs.getLong("failed"),
                            rs.getLong("total_opens"), rs.getLong("total_clicks"), rs.getLong("machine_opens"),
                            rs.getLong("machine_clicks"), CampaignMetrics.rate(rs.getLong("opened"), delivered),
                            CampaignMetrics.rate(rs.getLong("clicked"), delivered), rs.getLong("soft_bounced"),
                            rs.getLong("replied"), CampaignMetrics.rate(rs.getLong("spam_reported"), delivered),
                            CampaignMetrics.rate(rs.getLong("replied"), delivered)));
                });
        return metrics;
    }

    private StatementSpec filtered(String select, UUID workspaceId, CampaignStatus status, Boolean archived,
            String tail) {
        String sql = select + " where workspace_id = :workspaceId and kind = '" + CAMPAIGN_KIND + "'"
                + (status == null ? "" : " and status = :status")
                + (archived == null ? "" : " and archived = :archived") + tail;
        StatementSpec statement = jdbc.sql(sql).param("workspaceId", workspaceId);
        if (status != null) {
            statement = statement.param("status", status.wire());
        }
        return archived == null ? statement : statement.param("archived", archived);
    }

    private static StatementSpec bind(StatementSpec statement, Campaign campaign) {
        CampaignSettings settings = campaign.settings();
        GradualSettings gradual = settings.gradual() == null ? GradualSettings.NONE : settings.gradual();
        SendingWindowSettings window = settings.sendingWindow();
        BounceThreshold bounce = settings.bounceThreshold() == null ? BounceThreshold.NONE
                : settings.bounceThreshold();
        return statement
                .param("id", campaign.id())
                .param("name", settings.name())
                .param("subject", settings.subject())
                .param("preview_text", settings.previewText())
                .param("from_email", settings.from().email())
                .param("from_name", settings.from().name())
                .param("reply_to", settings.replyTo())
                .param("html", settings.html())
                .param("text", settings.text())
                .param("template_id", settings.templateId())
                .param("send_mode", settings.sendMode().wire())
                .param("gradual_emails_per_day", gradual.emailsPerDay())
                .param("gradual_growth", gradual.growth() == null ? null : gradual.growth().wire())
                .param("gradual_per_hour", gradual.perHour())
                .param("gradual_per_minute", gradual.perMinute())
                .param("scheduled_at", Timestamps.toDb(settings.scheduledAt()))
                .param("timezone", settings.timezone())
                .param("window_days", window == null ? null : window.storedDays())
                .param("window_from", window == null ? null : window.from())
                .param("window_to", window == null ? null : window.to())
                .param("window_timezone", window == null ? null : window.timezone())
                .param("tracking_open", settings.trackingOpen())
                .param("tracking_click", settings.trackingClick())
                .param("track_replies", settings.trackReplies())
                .param("unsubscribe_group_id", settings.unsubscribeGroupId())
                .param("threshold_preset", settings.thresholdPreset().wire())
                .param("bounce_rate_threshold", bounce.rate())
                .param("bounce_min_sample", bounce.minSample())
                .param("status", campaign.status().wire())
                .param("archived", campaign.archived())
                .param("started_at", Timestamps.toDb(campaign.startedAt()))
                .param("sent_at", Timestamps.toDb(campaign.sentAt()))
                .param("paused_at", Timestamps.toDb(campaign.pausedAt()))
                .param("resumed_at", Timestamps.toDb(campaign.resumedAt()))
                .param("aborted_at", Timestamps.toDb(campaign.abortedAt()))
                .param("paused_reason", campaign.pausedReason())
                .param("failure_reason", campaign.failureReason())
                .param("updated_at", Timestamps.toDb(campaign.updatedAt()));
    }

    private void insertLists(Campaign campaign) {
        insertLists(campaign.id(), campaign.settings().toLists(), false);
        insertLists(campaign.id(), campaign.settings().excludeLists(), true);
    }

    private void insertLists(UUID campaignId, List<UUID> listIds, boolean excluded) {
        for (int position = 0; position < listIds.size(); position++) {
            jdbc.sql("""
                    insert into campaign_list (campaign_id, list_id, excluded, position)
                    values (:campaignId, :listId, :excluded, :position)""")
                    .param("campaignId", campaignId)
                    .param("listId", listIds.get(position))
                    .param("excluded", excluded)
                    .param("position", position)
                    .update();
        }
    }

    /** Follow-up steps are numbered from 1: step 0 is the campaign's own message. */
    private void insertSteps(Campaign campaign) {
        List<CampaignStep> steps = campaign.settings().steps();
        for (int i = 0; i < steps.size(); i++) {
            CampaignStep step = steps.get(i);
            jdbc.sql("""
                    insert into campaign_step (campaign_id, step, subject, preview_text, html, text, template_id,
                                               delay_days, delay_hours, delay_minutes)
                    values (:campaignId, :step, :subject, :previewText, :html, :text, :templateId,
                            :delayDays, :delayHours, :delayMinutes)""")
                    .param("campaignId", campaign.id())
                    .param("step", i + 1)
                    .param("subject", step.subject())
                    .param("previewText", step.previewText())
                    .param("html", step.html())
                    .param("text", step.text())
                    .param("templateId", step.templateId())
                    .param("delayDays", step.delayDays())
                    .param("delayHours", step.delayHours())
                    .param("delayMinutes", step.delayMinutes())
                    .update();
        }
    }

    /** The campaigns with their follow-up steps filled in, in order. */
    private List<Campaign> withSteps(List<Campaign> campaigns) {
        Map<UUID, List<CampaignStep>> steps = new HashMap<>();
        jdbc.sql("select * from campaign_step where campaign_id in (:ids) order by campaign_id, step")
                .param("ids", campaigns.stream().map(Campaign::id).toList())
                .query(rs -> {
                    steps.computeIfAbsent(rs.getObject("campaign_id", UUID.class), id -> new ArrayList<>())
                            .add(new CampaignStep(rs.getString("subject"), rs.getString("preview_text"),
                                    rs.getString("html"), rs.getString("text"), rs.getObject("template_id", UUID.class),
                                    rs.getInt("delay_days"), rs.getInt("delay_hours"), rs.getInt("delay_minutes")));
                });
        if (steps.isEmpty()) {
            return campaigns;
        }
        return campaigns.stream().map(campaign -> campaign.withSettings(campaign.settings().withSteps(
                steps.getOrDefault(campaign.id(), List.of())))).toList();
    }

    /** Per follow-up step of each campaign: the step's sent and bounced counts. */
    Map<UUID, Map<Integer, StepMetrics>> stepMetrics(Collection<UUID> campaignIds) {
        Map<UUID, Map<Integer, StepMetrics>> metrics = new HashMap<>();
        if (campaignIds.isEmpty()) {
            return metrics;
        }
        jdbc.sql("select * from campaign_step_stats where campaign_id in (:ids)")
                .param("ids", campaignIds)
                .query(rs -> {
                    metrics.computeIfAbsent(rs.getObject("campaign_id", UUID.class), id -> new HashMap<>())
                            .put(rs.getInt("step"), new StepMetrics(rs.getLong("sent"), rs.getLong("bounced")));
                });
        return metrics;
    }

    private static boolean sameLists(CampaignSettings a, CampaignSettings b) {
        return a.toLists().equals(b.toLists()) && a.excludeLists().equals(b.excludeLists());
    }

    Optional<UUID> unsubscribeGroup(UUID campaignId) {
        return jdbc.sql("select unsubscribe_group_id from campaign where id = :id")
                .param("id", campaignId)
                .query((rs, row) -> Optional.ofNullable(rs.getObject("unsubscribe_group_id", UUID.class)))
                .optional().flatMap(group -> group);
    }

    /** The campaign's included and excluded lists, in their stored order. */
    CampaignLists lists(UUID campaignId) {
        List<UUID> included = new ArrayList<>();
        List<UUID> excluded = new ArrayList<>();
        jdbc.sql("select list_id, excluded from campaign_list where campaign_id = :id order by position")
                .param("id", campaignId)
                .query(rs -> {
                    (rs.getBoolean("excluded") ? excluded : included).add(rs.getObject("list_id", UUID.class));
                });
        return new CampaignLists(List.copyOf(included), List.copyOf(excluded));
    }

    /** The campaigns with their included and excluded lists (in their stored order) and their steps filled in. */
    private List<Campaign> withLists(List<Campaign> campaigns) {
        if (campaigns.isEmpty()) {
            return campaigns;
        }
        Map<UUID, List<UUID>> included = new HashMap<>();
        Map<UUID, List<UUID>> excluded = new HashMap<>();
        jdbc.sql("select * from campaign_list where campaign_id in (:ids) order by campaign_id, position")
                .param("ids", campaigns.stream().map(Campaign::id).toList())
                .query(rs -> {
                    (rs.getBoolean("excluded") ? excluded : included)
                            .computeIfAbsent(rs.getObject("campaign_id", UUID.class), id -> new ArrayList<>())
                            .add(rs.getObject("list_id", UUID.class));
                });
        return withSteps(campaigns.stream().map(campaign -> campaign.withSettings(campaign.settings().withLists(
                included.getOrDefault(campaign.id(), List.of()), excluded.getOrDefault(campaign.id(), List.of()))))
                .toList());
    }

    private static BounceThreshold bounceThreshold(ResultSet rs) throws SQLException {
        Double rate = rs.getObject("bounce_rate_threshold", Double.class);
        return rate == null ? null : new BounceThreshold(rate, rs.getObject("bounce_min_sample", Integer.class));
    }

    private static SendingWindowSettings sendingWindow(ResultSet rs) throws SQLException {
        String from = rs.getString("window_from");
        return from == null ? null : new SendingWindowSettings(
                SendingWindowSettings.readDays(rs.getString("window_days")), from, rs.getString("window_to"),
                rs.getString("window_timezone"));
    }

    private static Campaign campaign(ResultSet rs, int row) throws SQLException {
        Integer emailsPerDay = rs.getObject("gradual_emails_per_day", Integer.class);
        Integer perHour = rs.getObject("gradual_per_hour", Integer.class);
        Integer perMinute = rs.getObject("gradual_per_minute", Integer.class);
        String growth = rs.getString("gradual_growth");
        GradualSettings gradual = new GradualSettings(emailsPerDay, growth == null ? null : Growth.of(growth),
                perHour, perMinute);
        CampaignSettings settings = new CampaignSettings(rs.getString("name"), rs.getString("subject"),
                rs.getString("preview_text"), new Sender(rs.getString("from_email"), rs.getString("from_name")),
                rs.getString("reply_to"), rs.getString("html"), rs.getString("text"),
                rs.getObject("template_id", UUID.class), List.of(), List.of(), SendMode.of(rs.getString("send_mode")),
                gradual.isEmpty() ? null : gradual, Timestamps.read(rs, "scheduled_at"), rs.getString("timezone"),
                rs.getBoolean("tracking_open"), rs.getBoolean("tracking_click"),
                ThresholdPreset.of(rs.getString("threshold_preset")), bounceThreshold(rs), List.of(),
                sendingWindow(rs), rs.getBoolean("track_replies"), rs.getObject("unsubscribe_group_id", UUID.class));
        return new Campaign(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class), settings,
                CampaignStatus.of(rs.getString("status")), rs.getBoolean("archived"), Timestamps.read(rs, "started_at"),
                Timestamps.read(rs, "sent_at"),
                Timestamps.read(rs, "paused_at"), Timestamps.read(rs, "resumed_at"), Timestamps.read(rs, "aborted_at"),
                rs.getString("paused_reason"), rs.getString("failure_reason"), Timestamps.read(rs, "created_at"),
                Timestamps.read(rs, "updated_at"), rs.getLong("version"));
    }
}
