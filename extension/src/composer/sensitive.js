// Fields Rapport never reads: passwords, payment details and one-time codes.
// Checked before any text is taken from an editor, by the composer and by the
// adapters that look for a reply box on their own (generic mode, Teach).

const SENSITIVE_AUTOCOMPLETE = /(^|\s)(current-password|new-password|one-time-code|cc-[a-z-]+|transaction-amount)(\s|$)/i;
const SENSITIVE_NAME = /pass(word|wd|code)?|pwd|secret|pin\b|card.?(number|num|no)|cc.?(num|number|exp|csc)|cvv|cvc|csc|iban|security.?code|one.?time|otp|2fa|mfa|totp|verification.?code/i;

export function isSensitiveField(element) {
  if (!element || element.nodeType !== 1) return false;
  const tag = element.localName;
  if (tag === 'input') {
    const type = (element.getAttribute('type') ?? 'text').toLowerCase();
    if (type === 'password' || type === 'hidden') return true;
    // A short numeric box is a code or card field, never a reply.
    const max = Number(element.getAttribute('maxlength'));
    if ((element.inputMode === 'numeric' || type === 'number' || type === 'tel') && max > 0 && max <= 8) return true;
  }
  const autocomplete = element.getAttribute('autocomplete') ?? '';
  if (SENSITIVE_AUTOCOMPLETE.test(autocomplete)) return true;
  const names = [element.getAttribute('name'), element.id, element.getAttribute('aria-label'),
    element.getAttribute('placeholder'), element.getAttribute('data-testid')].filter(Boolean).join(' ');
  if (SENSITIVE_NAME.test(names)) return true;
  // A field inside a payment form (autocomplete hints on its siblings) is out too.
  const form = element.closest('form');
  return Boolean(form && form.querySelector('input[autocomplete^="cc-"],input[type="password"]') && tag === 'input');
}
