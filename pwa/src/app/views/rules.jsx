// Rules: the team's rewrite rule pack (shared/rules/SCHEMA.md), edited as
// JSON, validated by the engine before it is saved (an invalid pack changes
// nothing and its problems are listed), and exported for the extension.
import { useEffect, useState } from 'preact/hooks';
import { call } from '../api.js';
import { download } from '../export.js';

export function Rules() {
  const [text, setText] = useState('');
  const [status, setStatus] = useState({ kind: 'info', message: 'Loading the rule pack...' });
  const show = (pack, message) => { setText(JSON.stringify(pack, null, 2)); setStatus({ kind: 'ok', message }); };
  useEffect(() => { call('rulePack').then((r) => show(r.pack, r.custom ? 'Your team\'s rule pack.' : 'The default rule pack.')); }, []);
  const save = async () => {
    try {
      show((await call('loadRulePack', { pack: text })).pack, 'Saved: the engine accepted the pack. New imports and reviews use it.');
    } catch (error) {
      const details = (error.details ?? []).map((d) => `${d.path || '/'}: ${d.message}`);
      setStatus({ kind: 'error', message: `Not saved: ${error.message}`, details });
    }
  };
  return (
    <section aria-labelledby="view-title">
      <h2 id="view-title">Rules</h2>
      <p class="lead">The phrases the draft review flags and what it suggests instead. Export the pack to load it in the extension.</p>
      <label for="rule-pack">Rule pack (JSON)</label>
      <textarea id="rule-pack" rows="24" spellcheck={false} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <div class="row no-print">
        <button type="button" onClick={save}>Validate and save</button>
        <button type="button" onClick={async () => show((await call('resetRulePack')).pack, 'Back to the default pack.')}>Reset to default</button>
        <button type="button" onClick={() => download('rapport-rule-pack.json', text, 'application/json')}>Export for the extension</button>
      </div>
      <div role="status" class={`status status-${status.kind}`}>
        <p>{status.message}</p>
        {status.details?.length > 0 && <ul>{status.details.map((d) => <li>{d}</li>)}</ul>}
      </div>
    </section>
  );
}
