// Agents: coaching per agent from the core's report (empathy of their
// replies by the draft review, cold phrases, first-response and resolution
// medians, how customers' mood moved after they stepped in), and for one
// agent their best and worst replies with the draft review's rewrites.
import { useEffect, useState } from 'preact/hooks';
import { call } from '../api.js';
import { DataTable, ExportBar } from '../components.jsx';
import { duration, int, num, signed } from '../format.js';

function Reply({ item, review }) {
  return (
    <li class="reply">
      <p class="meta">Conversation {item.conversation} · empathy {Math.round(item.empathy ?? 0)}/100</p>
      <blockquote class="text">{item.text}</blockquote>
      {review && review.suggestions.length > 0 && (
        <ul class="suggestions" aria-label="Suggested rewrites">
          {review.suggestions.map((s) => (
            <li>{s.replacements?.length ? <>Instead of “{s.text}”, try “{s.replacements[0]}”</> : <>“{s.text}”: {s.message}</>}{s.why ? ` (${s.why})` : ''}</li>
          ))}
        </ul>
      )}
      {review && review.suggestions.length === 0 && <p class="ok">The draft review has nothing to change here.</p>}
    </li>
  );
}

function AgentDetail({ agent }) {
  const [examples, setExamples] = useState(null);
  useEffect(() => {
    let live = true;
    (async () => {
      const items = (await call('messages', { indexes: [...agent.best, ...agent.worst] })).filter(Boolean);
      const reviews = [];
      for (const item of items) {
        reviews.push(await call('reviewReply', { index: item.index }).catch(() => null));
      }
      if (live) setExamples(items.map((item, i) => ({ item, review: reviews[i] })));
    })();
    return () => { live = false; };
  }, [agent.agent]);
  if (!examples) return <p role="status">Reviewing {agent.agent}'s replies...</p>;
  const best = examples.slice(0, agent.best.length);
  const worst = examples.slice(agent.best.length);
  return (
    <div class="agent-detail">
      <h3>{agent.agent}: best replies</h3>
      <ol>{best.map((e) => <Reply item={e.item} review={e.review} />)}</ol>
      <h3>{agent.agent}: replies to coach, with suggested rewrites</h3>
      <ol>{worst.map((e) => <Reply item={e.item} review={e.review} />)}</ol>
    </div>
  );
}

export function Agents({ report }) {
  const [selected, setSelected] = useState(null);
  const agents = report.agents;
  const columns = ['agent', 'replies', 'conversations', 'empathy', 'first response (median)', 'resolution (median)', 'mood change', 'cold phrases'];
  const rows = agents.map((a) => [a.agent, a.replies, a.conversations, num(a.empathy, 0), duration(a.firstResponseSeconds),
    duration(a.resolutionSeconds), signed(a.moodChange), a.coldPhrases.map((c) => `${c.phrase} (${c.uses})`).join('; ')]);
  const current = agents.find((a) => a.agent === selected);
  return (
    <section aria-labelledby="view-title">
      <h2 id="view-title">Agents</h2>
      <p class="lead">{int(agents.length)} agents. Empathy is the draft review's score of their replies (0 to 100);
        mood change is the customer's sentiment after the agent's first reply minus before.</p>
      <DataTable caption="Coaching by agent" columns={columns} rows={agents.map((a, i) => ({ a, cells: rows[i] }))}
        rowKey={(r) => r.a.agent} onRowAction={(r) => setSelected(r.a.agent)} actionLabel="Coach"
        actionName={(r) => `Coach ${r.a.agent}: best and worst replies`} />
      {current && <AgentDetail agent={current} />}
      <ExportBar name="agents" columns={columns} rows={rows} />
    </section>
  );
}
