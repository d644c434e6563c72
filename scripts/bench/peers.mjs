// The three npm sentiment tools Rapport is measured against. Each is wrapped
// as a contestant (see contestants.mjs) whose labelsOf() maps the tool's own
// score to a label with that tool's own published convention:
//   AFINN (`sentiment`): sign of `score`;  wink-sentiment: sign of `score`;
//   vader-sentiment: compound >= 0.05 positive, <= -0.05 negative.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function versionOf(pkg) {
  return require(`${pkg}/package.json`).version;
}

function signLabel(score) {
  if (score > 0) return 'positive';
  if (score < 0) return 'negative';
  return 'neutral';
}

export function vaderLabel(compound) {
  if (compound >= 0.05) return 'positive';
  if (compound <= -0.05) return 'negative';
  return 'neutral';
}

export const afinn = {
  name: 'AFINN (sentiment)',
  kind: 'peer',
  package: 'sentiment',
  async open() {
    const Sentiment = require('sentiment');
    const tool = new Sentiment();
    return {
      version: versionOf('sentiment'),
      labelsOf: (texts) => texts.map((t) => signLabel(tool.analyze(t).score)),
      close() {},
    };
  },
};

export const vader = {
  name: 'VADER (vader-sentiment)',
  kind: 'peer',
  package: 'vader-sentiment',
  async open() {
    const { SentimentIntensityAnalyzer } = require('vader-sentiment');
    return {
      version: versionOf('vader-sentiment'),
      labelsOf: (texts) =>
        texts.map((t) => vaderLabel(SentimentIntensityAnalyzer.polarity_scores(t).compound)),
      close() {},
    };
  },
};

export const wink = {
  name: 'wink-sentiment',
  kind: 'peer',
  package: 'wink-sentiment',
  async open() {
    const analyse = require('wink-sentiment');
    return {
      version: versionOf('wink-sentiment'),
      labelsOf: (texts) => texts.map((t) => signLabel(analyse(t).score)),
      close() {},
    };
  },
};

export const PEERS = [afinn, vader, wink];
