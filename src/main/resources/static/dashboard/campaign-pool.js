// The campaign's relay pool in the editor: a routing rule for the campaign (docs/api.md, "Relay pools
// and routing"). No rule is "default routing": the sender domain's rule, the workspace's, or the default pool.
import { api, session } from './api.js';
import { field, h } from './dom.js';

/** The pool select, and apply(saved) that makes the saved campaign's rule match it. */
export async function poolChoice(campaign) {
    const [pools, routes] = await Promise.all([api.get('/relay-pools'), campaign ? api.get('/relay-routes') : { routes: [] }]);
    let rule = routes.routes.find(r => r.campaignId === campaign?.id) || null;
    const usable = pools.pools.map(p => p.id);
    const select = h('select', { name: 'relayPool' }, h('option', { value: '' }, 'Default routing'),
        pools.pools.map(p => h('option', { value: p.id, selected: p.id === rule?.pool }, p.isDefault ? `${p.name} (the default pool)` : p.name)),
        rule && !usable.includes(rule.pool) ? h('option', { value: rule.pool, selected: true }, `${rule.pool} (no longer open to this workspace)`) : null);
    const hint = (session.scopes || []).includes('admin') ? null : 'changing it needs a key with the admin scope';

    async function apply(saved) {
        if (select.value === (rule?.pool ?? '')) return;
        try {
            if (rule) {
                await api.del('/relay-routes/' + rule.id);
                rule = null;
            }
            if (select.value) rule = await api.post('/relay-routes', { pool: select.value, campaignId: saved.id });
        } catch (error) {
            error.message = `The campaign is saved, but its relay pool is unchanged: ${error.message}`;
            throw error;
        }
    }
    return { control: field('Relay pool', select, hint), apply };
}
