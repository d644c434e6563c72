// Reading the times that helpdesk exports write, into one ISO-like form.
// Kept as written: an offset stays (so the analytics bucket in the data's own
// time zone), a time without a zone stays wall-clock time, Unix times are UTC.
// Accepted, all unambiguous:
//   ISO 8601 and "YYYY-MM-DD hh:mm[:ss]" (also with slashes: "YYYY/MM/DD")
//   Unix time in seconds or milliseconds (number or digits)
//   month names, as mail headers, Twitter and many exports write them:
//     "Tue, 31 Oct 2017 22:10:47 +0000" (RFC 5322), "31 Oct 2017 22:10"
//     "Fri, 14 Dec, 2018 at 3:03 PM", "Oct 31, 2017 10:10 PM"
//     "Tue Oct 31 22:10:47 +0000 2017" (Twitter's created_at)
// Day/month orders written with numbers only ("03/04/2024") are refused:
// nothing in one value says which of the two is the month.

const FULL_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
  'october', 'november', 'december'];
const MONTHS = FULL_MONTHS.map((name) => name.slice(0, 3));
const ISO = /^(\d{4})([-/])(\d{2})\2(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
// hh:mm[:ss] [am|pm] [zone]; the zone may be Z, UTC, GMT or an offset.
const CLOCK = String.raw`(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\.?)?(?:\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2}))?`;
const WEEKDAY = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i;
const DAY_MONTH_YEAR = new RegExp(String.raw`^(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})(?:,?\s+(?:at\s+)?${CLOCK})?$`, 'i');
const MONTH_DAY_YEAR = new RegExp(String.raw`^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?${CLOCK})?$`, 'i');
const TWITTER = /^([a-z]{3,9})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+([+-]\d{4})\s+(\d{4})$/i;

const pad = (n) => String(n).padStart(2, '0');

function monthNumber(name) {
  const lower = name.toLowerCase();
  const i = MONTHS.indexOf(lower.slice(0, 3));
  if (i < 0) return 0;
  // "Sept" is common; otherwise the name is the 3-letter form or the whole word.
  return lower.length === 3 || lower === FULL_MONTHS[i] || lower === 'sept' ? i + 1 : 0;
}

function zoneOf(zone) {
  if (!zone) return '';
  const upper = zone.toUpperCase();
  if (upper === 'Z' || upper === 'UTC' || upper === 'GMT') return 'Z';
  return `${zone.slice(0, 3)}:${zone.slice(-2)}`;
}

// The ISO-like string, or null when a part is out of range.
function build({ y, mo, d, h = 0, mi = 0, sec = 0, frac = '', zone = '' }) {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return null;
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(sec)}${frac.slice(0, 4)}${zoneOf(zone)}`;
}

// 12-hour clock to 24: 12 am is 0 h, 12 pm is 12 h; an hour over 12 with
// am/pm is an error (99 fails build's range check).
function hour24(h, half) {
  if (!half) return h;
  if (h < 1 || h > 12) return 99;
  return (h % 12) + (half.toLowerCase() === 'p' ? 12 : 0);
}

function withMonthName(s) {
  const text = s.replace(WEEKDAY, '');
  let m = TWITTER.exec(text);
  if (m) {
    const [, mon, d, h, mi, sec, zone, y] = m;
    return build({ y, mo: monthNumber(mon), d: +d, h: +h, mi: +mi, sec: +sec, zone });
  }
  const dmy = DAY_MONTH_YEAR.exec(text);
  const mdy = dmy ? null : MONTH_DAY_YEAR.exec(text);
  m = dmy ?? mdy;
  if (!m) return null;
  const [, a, b, y, h, mi, sec, half, zone] = m;
  const [mon, d] = dmy ? [b, a] : [a, b];
  const mo = monthNumber(mon);
  if (!mo) return null;
  return build({ y, mo, d: +d, h: h === undefined ? 0 : hour24(+h, half), mi: +(mi ?? 0), sec: +(sec ?? 0), zone });
}

export function toTime(value) {
  if (typeof value === 'number' && Number.isFinite(value)) {
    const ms = value > 1e11 ? value : value * 1000;
    return new Date(ms).toISOString();
  }
  const s = String(value).trim();
  if (/^\d{10}(\.\d+)?$/.test(s) || /^\d{13}$/.test(s)) return toTime(Number(s));
  const m = ISO.exec(s);
  if (m) {
    const [, y, , mo, d, h = '00', mi = '00', sec = '00', frac = '', zone = ''] = m;
    return build({ y, mo: +mo, d: +d, h: +h, mi: +mi, sec: +sec, frac, zone });
  }
  return /[a-z]{3}/i.test(s) ? withMonthName(s) : null;
}

// What toTime reads, for error messages.
export const TIME_FORMATS = 'a date-time (ISO 8601, "YYYY-MM-DD hh:mm:ss", "31 Oct 2017 10:10 PM", "Oct 31, 2017 22:10" or Unix time)';
