// Long generic-mode pages for the tests and the bench: a generic fixture's own
// conversation repeated until it holds `n` messages, before its reply form
// (the fixture's blocks cloned, each with a number after its text so no two
// texts are the same). Class-named (generic-chat: incoming/outgoing/system
// classes) and class-less (generic-bubbles: only the layout tells the sides).
export const LONG_PAGES = {
  'generic-chat': { container: '.chat-log', customer: '.msg--incoming' },
  'generic-bubbles': { container: '.q1a', customer: '.s3c' },
  // Bubbles (contact left, agents right) in bare wrappers, each with its
  // sender's name, initials and time around the text.
  'generic-libredesk': { container: '.space-y-4', customer: '.space-y-4 > :has(.items-start)', text: '.message-bubble > div' },
};

// Defines window.growGeneric(n) in the page (returns the number of messages
// after growing), for a test to call in the same task as its own set-up.
// The page's own blocks are its templates, as they were when it was installed,
// without any badge host (a copy of a badged block would carry a stray one).
export function installGrow(page, name) {
  return page.evaluate(({ container, text }) => {
    const templates = [...document.querySelector(container).children]
      .filter((k) => k.localName !== 'form').map((k) => k.cloneNode(true));
    window.growGeneric = (n) => {
      const box = document.querySelector(container);
      const form = box.querySelector(':scope > form');
      const frag = document.createDocumentFragment();
      for (let i = box.children.length - (form ? 1 : 0); i < n; i++) {
        const copy = templates[i % templates.length].cloneNode(true);
        for (const stray of copy.querySelectorAll('[data-rapport-badge]')) stray.remove();
        // After the message's text (`text`, else the block's last text; not
        // in an author's name or a time).
        let at = (text && copy.querySelector(text)) || copy;
        while (at.lastChild?.nodeType === 1) at = at.lastChild;
        at.append(` (#${i})`);
        frag.append(copy);
      }
      box.insertBefore(frag, form);
      return box.querySelectorAll(':scope > :not(form)').length;
    };
  }, LONG_PAGES[name]);
}

export async function growInPage(page, name, n) {
  await installGrow(page, name);
  return page.evaluate((n) => window.growGeneric(n), n);
}
