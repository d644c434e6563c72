// Overview: KPI cards, customer sentiment over time, and the emotion mix.
import { Chart, ExportBar } from '../components.jsx';
import { duration, int, num, pct, signed } from '../format.js';

function Kpi({ label, value, detail }) {
  return <div class="kpi"><p class="kpi-label">{label}</p><p class="kpi-value">{value}</p><p class="kpi-detail">{detail}</p></div>;
}

const seconds = (local) => Date.parse(`${local}Z`) / 1000;

export function Overview({ report }) {
  const k = report.kpis;
  const s = report.sentiment;
  const total = s.negative + s.neutral + s.positive;
  const series = report.series;
  const worst = series.reduce((w, p) => (p.negative > (w?.negative ?? 0) ? p : w), null);
  const emotions = report.emotions.slice(0, 10);
  const rows = series.map((p) => [p.start, p.messages, p.negative, p.neutral, p.positive, num(p.mean)]);
  return (
    <section aria-labelledby="view-title">
      <h2 id="view-title">Overview</h2>
      <p class="lead">{int(report.customerMessages)} customer messages and {int(report.agentReplies)} agent replies
        in {int(report.conversations)} conversations, {report.first ? `${report.first.slice(0, 10)} to ${report.last.slice(0, 10)}` : 'no dates'}
        {report.timeZone ? ` (times in UTC${report.timeZone === 'Z' ? '' : report.timeZone})` : ''}.</p>
      <div class="kpis" role="list">
        <div role="listitem"><Kpi label="Customer messages" value={int(report.customerMessages)} detail={`${int(report.conversations)} conversations`} /></div>
        <div role="listitem"><Kpi label="Negative" value={pct(s.negative, total)} detail={`${int(s.negative)} messages; mean ${signed(s.mean)}`} /></div>
        <div role="listitem"><Kpi label="Positive" value={pct(s.positive, total)} detail={`${int(s.positive)} messages`} /></div>
        <div role="listitem"><Kpi label="CSAT" value={k.csat ? num(k.csat.mean, 1) : 'not in data'} detail={k.csat ? `${pct(k.csat.satisfiedShare * k.csat.count, k.csat.count)} satisfied of ${int(k.csat.count)}` : 'no ratings in this data'} /></div>
        <div role="listitem"><Kpi label="NPS" value={k.nps ? num(k.nps.score, 0) : 'not in data'} detail={k.nps ? `${int(k.nps.count)} answers` : 'no NPS answers'} /></div>
        <div role="listitem"><Kpi label="First-contact resolution" value={k.firstContactResolution ? pct(k.firstContactResolution.rate * 100, 100) : 'not in data'} detail={k.firstContactResolution ? `${int(k.firstContactResolution.count)} conversations` : 'not recorded'} /></div>
        <div role="listitem"><Kpi label="Handle time" value={k.handleSeconds ? duration(k.handleSeconds.mean) : 'not in data'} detail={k.handleSeconds ? `mean of ${int(k.handleSeconds.count)}` : 'not recorded'} /></div>
      </div>
      <Chart id="sentiment" title="Customer sentiment over time"
        x={series.map((p) => seconds(p.start))}
        series={[{ label: 'negative', values: series.map((p) => p.negative) },
          { label: 'neutral', values: series.map((p) => p.neutral) },
          { label: 'positive', values: series.map((p) => p.positive) }]}
        summary={series.length === 0 ? 'No customer messages match.' :
          `${series.length} periods. Overall ${pct(s.negative, total)} negative, ${pct(s.positive, total)} positive.` +
          (worst ? ` Most negative messages in the period starting ${worst.start.slice(0, 16).replace('T', ' ')}: ${worst.negative} of ${worst.messages}.` : '')}
        table={{ columns: ['period start', 'messages', 'negative', 'neutral', 'positive', 'mean'], rows }} />
      <Chart id="emotions" title="How customers feel (emotion mix)" kind="bars"
        x={emotions.map((_, i) => i)} labels={emotions.map((e) => e.emotion)}
        series={[{ label: 'messages', values: emotions.map((e) => e.messages), color: '#1a56a8' }]}
        summary={emotions.length === 0 ? 'No emotion stands out in these messages.' :
          `Most often: ${emotions.slice(0, 3).map((e) => `${e.emotion} (${e.messages})`).join(', ')}.`}
        table={{ columns: ['emotion', 'messages', 'share of customer messages'], rows: report.emotions.map((e) => [e.emotion, e.messages, pct(e.messages, report.customerMessages)]) }} />
      <ExportBar name="overview" columns={['period start', 'messages', 'negative', 'neutral', 'positive', 'mean']} rows={rows} />
    </section>
  );
}
