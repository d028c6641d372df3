// The segment builder's controls. Each edits its rule of the filter JSON in place (docs/api.md, "The
// filter"), so the filter is the only state: what the builder previews and saves is that object.
import { field, fill, h } from './dom.js';

const FIELDS = { email: 'Email', firstName: 'First name', lastName: 'Last name', createdAt: 'Created', custom: 'Custom field' };
const OPERATORS = {
    equals: 'equals', notEquals: 'does not equal', contains: 'contains', startsWith: 'starts with', in: 'is one of',
    exists: 'is set', notExists: 'is not set', gt: 'is more than', lt: 'is less than', before: 'is before', after: 'is after',
};
const TEXT_OPERATORS = ['equals', 'notEquals', 'contains', 'startsWith', 'in', 'exists', 'notExists'];
/** Which operators the API takes on each kind of field. */
const OPERATORS_OF = { createdAt: ['before', 'after'], custom: [...TEXT_OPERATORS, 'gt', 'lt', 'before', 'after'] };
const VALUE_HINTS = { in: 'separated by commas', gt: 'a number', lt: 'a number', before: 'a date, e.g. 2026-01-31', after: 'a date, e.g. 2026-01-31' };
const EVENTS = { sent: 'was sent mail', opened: 'opened mail', clicked: 'clicked a link', bounced: 'bounced', unsubscribed: 'unsubscribed' };
const CUSTOM = 'customFields.';
/** Groups nest at most this deep, the filter itself being the first (the API refuses deeper). */
const MAX_DEPTH = 5;

const options = (labels, chosen) => Object.entries(labels).map(([value, text]) => h('option', { value, selected: value === chosen }, text));
const choice = (name, labels, chosen, onchange) => h('select', { name, onchange }, options(labels, chosen));
const kindOf = rule => rule.field.startsWith(CUSTOM) ? 'custom' : rule.field;

/** The value as the API takes it: a list for "is one of", a number to compare as a number, else the text. */
function typed(operator, text) {
    if (operator === 'in') return text.split(',').map(part => part.trim()).filter(Boolean);
    if ((operator === 'gt' || operator === 'lt') && text.trim() !== '' && !Number.isNaN(Number(text))) return Number(text);
    return text;
}

function fieldRule(rule, changed) {
    const name = h('input', { name: 'customField', value: kindOf(rule) === 'custom' ? rule.field.slice(CUSTOM.length) : '' });
    const value = h('input', { name: 'value', value: Array.isArray(rule.value) ? rule.value.join(', ') : rule.value ?? '' });
    const operator = h('select', { name: 'operator' });
    const nameField = field('Custom field name', name);
    const valueField = field('Value', value);
    const hint = h('span', { className: 'hint' });
    valueField.append(hint);
    const showValue = () => {
        valueField.hidden = rule.operator === 'exists' || rule.operator === 'notExists';
        hint.textContent = VALUE_HINTS[rule.operator] || '';
        if (valueField.hidden) delete rule.value;
        else rule.value = typed(rule.operator, value.value);
    };
    const showOperators = () => {
        const allowed = OPERATORS_OF[kindOf(rule)] || TEXT_OPERATORS;
        if (!allowed.includes(rule.operator)) rule.operator = allowed[0];
        fill(operator, allowed.map(op => h('option', { value: op, selected: op === rule.operator }, OPERATORS[op])));
        nameField.hidden = kindOf(rule) !== 'custom';
        showValue();
    };
    const kind = choice('field', FIELDS, kindOf(rule), () => {
        rule.field = kind.value === 'custom' ? CUSTOM + name.value.trim() : kind.value;
        showOperators();
        changed();
    });
    name.addEventListener('input', () => { rule.field = CUSTOM + name.value.trim(); changed(); });
    operator.addEventListener('change', () => { rule.operator = operator.value; showValue(); changed(); });
    value.addEventListener('input', () => { rule.value = typed(rule.operator, value.value); changed(); });
    showOperators();
    return [field('Field', kind), nameField, field('Operator', operator), valueField];
}

function eventRule(rule, changed, context) {
    const campaigns = Object.fromEntries([['', 'Any campaign'], ...context.campaigns.map(c => [c.id, c.name])]);
    const days = h('input', { name: 'withinDays', type: 'number', min: 1, max: 36500, value: rule.withinDays ?? '' });
    days.addEventListener('input', () => {
        if (days.value === '') delete rule.withinDays;
        else rule.withinDays = Number(days.value);
        changed();
    });
    const negate = choice('negate', { '': 'Had the event', true: 'Never had it' }, String(rule.negate || ''), () => {
        rule.negate = negate.value === 'true';
        changed();
    });
    const event = choice('event', EVENTS, rule.event, () => { rule.event = event.value; changed(); });
    const campaign = choice('campaignId', campaigns, rule.campaignId || '', () => {
        if (campaign.value) rule.campaignId = campaign.value;
        else delete rule.campaignId;
        changed();
    });
    return [field('Whether', negate), field('Event', event), field('In campaign', campaign), field('Within days', days, 'empty: ever')];
}

function listRule(rule, changed, context) {
    const lists = Object.fromEntries(context.lists.map(l => [l.id, `${l.name} (${l.type})`]));
    const negate = choice('negate', { '': 'Is in', true: 'Is not in' }, String(rule.negate || ''), () => {
        rule.negate = negate.value === 'true';
        changed();
    });
    const list = choice('inList', lists, rule.inList, () => { rule.inList = list.value; changed(); });
    return [field('Whether', negate), field('List or segment', list)];
}

/** A new rule of each kind, as the add buttons make it. */
const NEW_RULES = {
    field: () => ({ field: 'email', operator: 'contains', value: '' }),
    event: () => ({ event: 'opened', withinDays: 30 }),
    list: context => ({ inList: context.lists[0]?.id }),
    group: () => ({ match: 'any', rules: [{ field: 'email', operator: 'contains', value: '' }] }),
};

/**
 * A group's controls: whether all or any of its rules must hold, each rule with a button that removes
 * it, and buttons that add a rule of each kind. context holds the lists and campaigns rules may name;
 * changed runs after every edit.
 */
export function groupEditor(group, changed, context, depth = 1) {
    const rules = h('div', { className: 'rules' });
    const render = () => fill(rules, group.rules.map((rule, index) => {
        const controls = 'rules' in rule ? [groupEditor(rule, changed, context, depth + 1)]
            : 'event' in rule ? eventRule(rule, changed, context)
                : 'inList' in rule ? listRule(rule, changed, context) : fieldRule(rule, changed);
        return h('fieldset', { className: 'rule' }, h('legend', {}, `Rule ${index + 1}`), h('div', { className: 'row' }, controls),
            group.rules.length > 1 ? h('button', { type: 'button', className: 'secondary', onclick: () => {
                group.rules.splice(index, 1);
                render();
                changed();
            } }, `Remove rule ${index + 1}`) : null);
    }));
    const add = (kind, label) => h('button', { type: 'button', className: 'secondary', onclick: () => {
        group.rules.push(NEW_RULES[kind](context));
        render();
        changed();
        rules.lastElementChild.querySelector('select, input').focus();
    } }, label);
    const match = choice('match', { all: 'all of these rules', any: 'any of these rules' }, group.match || 'all', () => {
        group.match = match.value;
        changed();
    });
    render();
    return h('div', { className: 'group' }, field(depth === 1 ? 'Contacts who match' : 'Match', match), rules,
        h('div', { className: 'bar' }, add('field', 'Add field rule'), add('event', 'Add event rule'),
            context.lists.length ? add('list', 'Add list rule') : null, depth < MAX_DEPTH ? add('group', 'Add group') : null));
}
