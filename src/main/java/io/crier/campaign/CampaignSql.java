package io.crier.campaign;

/**
 * Campaign conditions as SQL, for the ledger's set-based statements that must apply them in the
 * statement itself (a flush's locks and next steps, a release): the owner hands them out by name,
 * so its tables' shape stays its own.
 */
public final class CampaignSql {

    private CampaignSql() {
    }

    /** Locks the rows of the campaigns {@code :ids}, in id order, for the rest of the caller's transaction. */
    public static final String LOCK_IN_ID_ORDER = "select id from campaign where id in (:ids) order by id for update";

    /** True in SQL when the campaign (an id expression) is over: aborted or failed, nothing more of it is sent. */
    public static String isOver(String campaignId) {
        return "exists (select 1 from campaign c where c.id = " + campaignId
                + " and c.status in ('aborted', 'failed'))";
    }

    /** Joins, as {@code next_step}, the step after a delivery's (the delivery's alias), where its campaign has one. */
    public static String joinNextStep(String delivery) {
        return "join campaign_step next_step on next_step.campaign_id = " + delivery + ".campaign_id"
                + " and next_step.step = " + delivery + ".step + 1";
    }

    /** The joined {@code next_step}'s delay after the step before it, in minutes. */
    public static final String NEXT_STEP_DELAY_MINUTES =
            "cast(next_step.delay_days * 1440 + next_step.delay_hours * 60 + next_step.delay_minutes as bigint)";

    /** The unsubscribe group (an id, null for none) of the campaign, an id expression. */
    public static String unsubscribeGroupOf(String campaignId) {
        return "(select c.unsubscribe_group_id from campaign c where c.id = " + campaignId + ")";
    }

    /** The ids of the campaigns sent under the unsubscribe group, an id expression. */
    public static String underUnsubscribeGroup(String groupId) {
        return "select c.id from campaign c where c.unsubscribe_group_id = " + groupId;
    }
}
