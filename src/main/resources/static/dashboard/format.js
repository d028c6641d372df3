// Numbers and times as the pages show them.

export const fmt = n => Number(n || 0).toLocaleString('en');
export const when = t => t ? new Date(t).toLocaleString() : '–';
export const pct = (part, whole) => whole ? Math.round(1000 * part / whole) / 10 + '%' : '–';
