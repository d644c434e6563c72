// The extension's settings, in storage.local under one key (CONTRACTS §4):
//   sites:       origins the agent turned Rapport on for ('https://desk.example.com')
//   rulePack:    the team rule pack in use (null: the built-in pack)
//   urgent:      what counts as urgent: cue ids, and the lowest priority that alerts
// Read by every context; written by the popup and the options page only.
import { ext } from './ext.js';

export const SETTINGS_KEY = 'rapport.settings';

export const DEFAULT_SETTINGS = Object.freeze({
  sites: [],
  rulePack: null,
  urgent: { cues: ['urgency', 'churn_risk', 'escalation'], minPriority: 'high' },
});

export async function loadSettings() {
  const stored = (await ext.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] ?? {};
  return { ...DEFAULT_SETTINGS, ...stored };
}

// Applies `change(settings)` and saves; returns the saved settings.
export async function updateSettings(change) {
  const next = { ...(await loadSettings()) };
  await change(next);
  await ext.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}
