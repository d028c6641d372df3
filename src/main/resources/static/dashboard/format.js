// Numbers and times as the pages show them.

export const fmt = n => Number(n || 0).toLocaleString('en');
export const when = t => t ? new Date(t).toLocaleString() : '–';
export const pct = (part, whole) => whole ? Math.round(1000 * part / whole) / 10 + '%' : '–';
/** The noun for a count: one of one, many of any other (0 complaints, 1 complaint, 2 complaints). */
export const plural = (n, one, many) => Number(n) === 1 ? one : many;
