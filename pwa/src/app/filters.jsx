// The filter bar: date range, agent, brand, channel, tag, cue and bucket,
// each a labelled native control (keyboard and screen readers for free).
// Turns into the analytics query (shared/api/README.md, "Query").
const CUES = ['urgency', 'churn_risk', 'escalation', 'repeat_contact', 'confusion', 'gratitude'];

export function toQuery(f) {
  const q = { bucket: f.bucket || 'day' };
  if (f.from) q.from = f.from;
  if (f.to) q.to = f.to;
  for (const [key, value] of [['agents', f.agent], ['brands', f.brand], ['channels', f.channel], ['tags', f.tag], ['cues', f.cue]]) {
    if (value) q[key] = [value];
  }
  return q;
}

function Select({ id, label, value, options, onChange }) {
  return (
    <label for={id}>{label}
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">All</option>
        {options.map((o) => <option value={o}>{o}</option>)}
      </select>
    </label>
  );
}

export function Filters({ filters, facets, onChange }) {
  const set = (key) => (value) => onChange({ ...filters, [key]: value });
  return (
    <form class="filters no-print" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <label for="f-from">From<input id="f-from" type="date" value={filters.from} onChange={(e) => set('from')(e.currentTarget.value)} /></label>
      <label for="f-to">To (inclusive)<input id="f-to" type="date" value={filters.to} onChange={(e) => set('to')(e.currentTarget.value)} /></label>
      <Select id="f-agent" label="Agent" value={filters.agent} options={facets.agents ?? []} onChange={set('agent')} />
      <Select id="f-brand" label="Brand" value={filters.brand} options={facets.brands ?? []} onChange={set('brand')} />
      <Select id="f-channel" label="Channel" value={filters.channel} options={facets.channels ?? []} onChange={set('channel')} />
      <Select id="f-tag" label="Tag" value={filters.tag} options={facets.tags ?? []} onChange={set('tag')} />
      <Select id="f-cue" label="Cue" value={filters.cue} options={CUES} onChange={set('cue')} />
      <label for="f-bucket">Per
        <select id="f-bucket" value={filters.bucket} onChange={(e) => set('bucket')(e.currentTarget.value)}>
          <option value="hour">hour</option><option value="day">day</option><option value="week">week</option>
        </select>
      </label>
      <button type="button" onClick={() => onChange({ bucket: filters.bucket })}>Clear filters</button>
    </form>
  );
}
