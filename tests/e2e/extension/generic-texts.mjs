// The exact texts the generic mode reads on two fixtures whose names,
// initials and times carry no class saying so (adapters/captions.js): shared
// by the Chromium (adapters.test.mjs) and Firefox (firefox-generic.test.mjs)
// checks.
export const LIBREDESK_TEXTS = [
  'My export has failed three times today and the support bot keeps sending me in circles. This is really frustrating, I need the report for a board meeting tomorrow.',
  'Hi Ines, sorry about that. I am looking at the export logs now.',
  'The exporter crashed on her account again. Whoever shipped this worker is driving me mad.',
  'Hello Ines, I took over from Tomas: your report is ready, you can download it from the Exports page.',
  'Got it, the numbers all look right. Thank you so much for sorting this out so fast!',
];

// Papercups is unsure while a colleague writes on the customer's side; without
// the colleague's message it is read from the layout.
export const papercupsAlone = () => document.querySelectorAll('.css-1pqx5yr')[2].remove();
export const PAPERCUPS_ALONE_TEXTS = [
  'Hi, I upgraded to the Pro plan yesterday and the dashboard still shows the free limits. This is really frustrating.',
  'Can someone please look at it today?',
  'Hi! Sorry about that, I have refreshed your plan, the Pro limits should show now.',
  'Yes, it works now. Thank you so much!',
];
