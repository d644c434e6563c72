// The options page: sites Rapport is on for, the team rule pack (checked by
// the engine itself before it is saved: an invalid pack is rejected with
// every error and its JSON path), what counts as urgent, and the data kept
// on this device (how much; delete all). Page text is only ever set as text.
import { createAnalyzer } from '../../../shared/api/index.js';
import { ext } from '../platform/ext.js';
import { engineBase } from '../platform/engine-assets.js';
import { loadSettings, updateSettings, SETTINGS_KEY } from '../platform/settings.js';
import { enableSite, disableSite } from '../platform/sites.js';
import { validateRulePack, deleteAllData, dataSize } from './data.js';
import { parseSiteConfig, browserSelectorCheck } from '../site-config/config.js';

const $ = (id) => document.getElementById(id);
const CUES = [['urgency', 'urgency'], ['churn_risk', 'churn risk'], ['escalation', 'escalation'],
  ['repeat_contact', 'repeat contact'], ['confusion', 'confusion']];

function node(tag, props = {}, children = []) {
  const n = Object.assign(document.createElement(tag), props);
  n.append(...children);
  return n;
}

function say(text, kind = '') {
  $('status').textContent = text;
  $('status').dataset.kind = kind;
}

let validator = null;   // a lexicon-only analyzer, only to check packs
const analyzer = () => (validator ??= createAnalyzer({ model: false, assetBase: engineBase() }));

async function renderSites(settings) {
  const list = $('sites');
  list.replaceChildren(...settings.sites.map((origin) => {
    const off = node('button', { type: 'button', textContent: 'Turn off' });
    off.setAttribute('aria-label', `Turn Rapport off for ${origin}`);
    off.addEventListener('click', async () => {
      await disableSite(`${origin}/`);
      say(`Rapport is off for ${origin}.`, 'ok');
      await render();
    });
    return node('li', {}, [node('span', { textContent: origin }), off]);
  }));
  $('sites-empty').hidden = settings.sites.length > 0;
}

async function renderPack(settings) {
  const info = settings.rulePackInfo;
  $('pack-current').textContent = settings.rulePack && info
    ? `In use: the team pack "${info.name}" (${info.ruleCount} rules, from ${info.file}, imported ${new Date(info.importedAt).toLocaleString()}).`
    : 'In use: the built-in rules.';
  $('pack-reset').disabled = !settings.rulePack;
}

function renderUrgent(settings) {
  const box = $('urgent-cues');
  if (!box.childElementCount) {
    for (const [id, label] of CUES) {
      const input = node('input', { type: 'checkbox', id: `cue-${id}`, value: id });
      input.addEventListener('change', saveUrgent);
      box.append(node('label', { htmlFor: `cue-${id}` }, [input, ` ${label}`]));
    }
    $('urgent-priority').addEventListener('change', saveUrgent);
  }
  for (const [id] of CUES) $(`cue-${id}`).checked = settings.urgent.cues.includes(id);
  $('urgent-priority').value = settings.urgent.minPriority;
}

async function saveUrgent() {
  const cues = CUES.map(([id]) => id).filter((id) => $(`cue-${id}`).checked);
  await updateSettings((s) => { s.urgent = { cues, minPriority: $('urgent-priority').value }; });
  say('Saved.', 'ok');
}

async function renderData() {
  const { bytes, parts } = await dataSize();
  const kb = (n) => (n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`);
  $('data-size').textContent = `Rapport keeps ${kb(bytes)} on this device (${parts.map(([k, v]) => `${k}: ${kb(v)}`).join(', ')}).`;
}

function renderConfigs(settings) {
  const configs = settings.siteConfigs ?? [];
  $('configs').replaceChildren(...configs.map((config) => {
    const remove = node('button', { type: 'button', textContent: 'Remove' });
    remove.setAttribute('aria-label', `Remove the site configuration ${config.name}`);
    remove.addEventListener('click', async () => {
      await updateSettings((s) => { s.siteConfigs = (s.siteConfigs ?? []).filter((c) => c.name !== config.name); });
      say(`Removed ${config.name}.`, 'ok');
      await render();
    });
    return node('li', {}, [node('span', { textContent: `${config.name} (${(config.match?.hosts ?? []).join(', ')})` }), remove]);
  }));
  $('configs-empty').hidden = configs.length > 0;
  $('config-export').disabled = configs.length === 0;
}

// A file holds one configuration or an array of them; all must be valid, or
// none is saved (errors say which one and where: $[i].path).
function parseConfigs(text) {
  let data;
  try { data = JSON.parse(text); } catch (error) {
    return { errors: [{ path: '$', message: `is not valid JSON: ${error.message}` }] };
  }
  const list = Array.isArray(data) ? data : [data];
  const checkSelector = browserSelectorCheck(document);
  const errors = [];
  const configs = [];
  list.forEach((item, i) => {
    const result = parseSiteConfig(item, { checkSelector });
    if (result.ok) configs.push(result.config);
    else errors.push(...result.errors.map((e) => ({ ...e, path: Array.isArray(data) ? e.path.replace(/^\$/, `$[${i}]`) : e.path })));
  });
  return { configs, errors };
}

$('config-file').addEventListener('change', async () => {
  const file = $('config-file').files[0];
  if (!file) return;
  $('config-errors').hidden = true;
  const { configs, errors } = parseConfigs(await file.text());
  if (errors.length) {
    $('config-errors').hidden = false;
    $('config-errors-title').textContent = `${file.name} was not imported (${errors.length} problem${errors.length === 1 ? '' : 's'}):`;
    $('config-errors-list').replaceChildren(...errors.map((e) => node('li', {}, [node('code', { textContent: e.path }), ` ${e.message}`])));
    say('Nothing was imported; the site configurations did not change.', 'error');
  } else {
    const names = new Set(configs.map((c) => c.name));
    await updateSettings((s) => { s.siteConfigs = [...(s.siteConfigs ?? []).filter((c) => !names.has(c.name)), ...configs]; });
    say(`Imported ${configs.map((c) => c.name).join(', ')}. Rapport uses them from the next page load.`, 'ok');
  }
  $('config-file').value = '';
  await render();
});

$('config-export').addEventListener('click', async () => {
  const { siteConfigs = [] } = await loadSettings();
  download('rapport-site-configurations.json', `${JSON.stringify(siteConfigs, null, 2)}\n`);
  say('Exported rapport-site-configurations.json.', 'ok');
});

function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = node('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function render() {
  const settings = await loadSettings();
  await renderSites(settings);
  renderConfigs(settings);
  await renderPack(settings);
  renderUrgent(settings);
  await renderData();
}

$('add-site').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const result = await enableSite($('site-url').value.trim());
    say(result.enabled ? `Rapport is on for ${result.origin}.` : 'The browser did not grant access, so Rapport stays off there.',
      result.enabled ? 'ok' : 'error');
    if (result.enabled) $('site-url').value = '';
  } catch (error) {
    say(error.message, 'error');
  }
  await render();
});

function showPackErrors(file, error) {
  $('pack-errors').hidden = false;
  $('pack-errors-title').textContent = `${file} was not imported: ${error.message}`;
  $('pack-errors-list').replaceChildren(...(error.details ?? []).map((d) =>
    node('li', {}, [node('code', { textContent: d.path || '/' }), ` ${d.message}`, d.code ? ` (${d.code})` : ''])));
}

$('pack-file').addEventListener('change', async () => {
  const file = $('pack-file').files[0];
  if (!file) return;
  $('pack-errors').hidden = true;
  try {
    const text = await file.text();
    const { name, ruleCount } = await validateRulePack(await analyzer(), text);
    await updateSettings((s) => {
      s.rulePack = text;
      s.rulePackInfo = { name, ruleCount, file: file.name, importedAt: Date.now() };
    });
    say(`The team pack "${name}" is in use (${ruleCount} rules).`, 'ok');
  } catch (error) {
    showPackErrors(file.name, error);
    say('The pack was not imported; the rules in use did not change.', 'error');
  } finally {
    $('pack-file').value = '';
  }
  await render();
});

$('pack-export').addEventListener('click', async () => {
  const a = await analyzer();
  const { rulePack } = await loadSettings();
  if (rulePack) a.loadRulePack(rulePack); else a.resetRulePack();
  download('rapport-rules.json', a.exportRulePack());
  say('Exported rapport-rules.json.', 'ok');
});

$('pack-reset').addEventListener('click', async () => {
  await updateSettings((s) => { s.rulePack = null; s.rulePackInfo = null; });
  say('The built-in rules are in use.', 'ok');
  await render();
});

$('delete-all').addEventListener('click', () => { $('confirm').hidden = false; $('delete-yes').focus(); });
$('delete-no').addEventListener('click', () => { $('confirm').hidden = true; $('delete-all').focus(); });
$('delete-yes').addEventListener('click', async () => {
  await deleteAllData();
  $('confirm').hidden = true;
  $('delete-all').focus();
  say('Everything Rapport kept on this device is deleted, and Rapport is off on every site.', 'ok');
  await render();
});

ext.storage.onChanged.addListener((changes, area) => { if (area === 'local' && changes[SETTINGS_KEY]) render(); });
await render();
document.body.dataset.ready = 'true';
