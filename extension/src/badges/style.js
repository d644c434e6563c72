// Styles of the badge (inside its closed shadow root) and of its host element.
// HOST_STYLE is the composer's host's inline style (composer/ui.js): !important
// on every property that could hide, move or cover it, as an inline
// !important declaration outranks any page rule. The badge host's own style
// is BADGE_HOST_STYLE below.
const HOST_DECLARATIONS = [
  'all: initial', 'display: block', 'position: relative', 'z-index: 2147483647', 'visibility: visible',
  'opacity: 1', 'transform: none', 'filter: none', 'clip-path: none', 'mask: none', 'contain: content',
  'margin: 6px 0 2px 0', 'padding: 0', 'width: auto', 'height: auto', 'min-height: 0', 'max-height: none',
  'overflow: visible', 'pointer-events: auto', 'float: none', 'font-size: 12px', 'line-height: 1.3',
  'direction: ltr', 'text-align: left', 'content-visibility: visible',
];
const important = (declarations) => declarations.map((d) => `${d} !important`).join('; ');
export const HOST_STYLE = important(HOST_DECLARATIONS);

// A badge's host also lets the browser skip the style, layout and paint of
// badges off screen (content-visibility: auto; a 5,000-message conversation
// has thousands), sized meanwhile as last drawn, or no size at all before it
// was ever drawn: a badge put in the page off screen then moves nothing below
// it, where a placeholder line moved every later message, and each frame that
// added badges paid for updating all of them (probe: 2,500 badges put in a
// 5,000-message log, 60 a frame, rendering p50 25-31 -> 13 ms, p95 46-50 ->
// 20-30 ms). When badges near the view are drawn and take their room, the
// browser's scroll anchoring keeps what the agent reads in place.
// On screen it is drawn as any other; the page still cannot set it hidden.
// Most off-screen badges of a long page are not even in the layout: they
// wait (display: none, "wait" below) until the agent comes near them
// (content/reveal.js); this rule is for the ones the agent has been near.
// Those go back in the layout ("shown") with the room of a one-line badge
// until drawn: a few at a time, screens away from the view, so the room
// costs one small move there, and the badge drawn later in it moves nothing
// (with no room, badges brought in but passed by before being drawn, as in
// a fast scroll, each took room when the agent came back: long frames in 2
// runs of 3 of the bench's second wheel scroll).
const SKIP_OFF_SCREEN = ['content-visibility: auto', 'contain-intrinsic-size: auto 0px'];

// The badge host's style, said once and used twice: in the shadow's :host
// rule, which decides it (an !important declaration of the shadow tree's own
// :host outranks any page rule and the host's style attribute alike: the
// cascade's context order is reversed for !important), and in the host's
// style attribute, a second line that now says the same (it used to ask for
// position: relative, z-index 2147483647 and margins that the :host rule's
// all: initial reset, so the host never was on top of anything).
// The host is an ordinary block in the message's flow, on purpose: the
// page's own menus, dialogs and overlays may lie over a badge as they lie
// over the message it belongs to (a badge above every layer of the page
// would show through the helpdesk's own menus and modals). What the page
// cannot do is hide or restyle the badge itself; its tooltip is in the top
// layer. The long-page test checks the computed and the inline style.
const BADGE_HOST_DECLARATIONS = ['all: initial', 'display: block', 'visibility: visible', 'opacity: 1', ...SKIP_OFF_SCREEN];
export const BADGE_HOST_STYLE = important(BADGE_HOST_DECLARATIONS);

// A badge put in the page in or near the view (content/run.js, NEAR_MAX) is
// drawn as any element (content-visibility: visible): under auto, a host is
// first laid out skipped and empty, then found on screen and laid out again
// in the same frame, two passes over the whole conversation instead of one.
// Skipping off-screen badges must be said in the :host rule (without it the
// computed content-visibility was 'visible': probe with 2,500 badges, a small
// change of the page cost a 140-206 ms rendering frame, 34 ms with it).
// A large group near the view goes in in two frames (content/run.js,
// putGroup): first its hosts take their room with nothing drawn inside
// ("room": content-visibility hidden, sized as a one-line badge), which
// moves the page below them once; then the badges are drawn in that room
// ("near"), which moves nothing when they fit one line. The move of a long
// page and the drawing of the badges then no longer share one frame.
// One line: the chips' 12px x 1.3 line, their 1px padding and border, the
// button's 3px padding and 1px border (Chromium lays it out as 27.59375 px,
// the same LayoutUnit as 27.6px).
export const ONE_LINE_PX = 27.6;

export const BADGE_CSS = `
:host { ${BADGE_HOST_STYLE}; }
:host([data-rapport-badge="near"]) { content-visibility: visible !important; }
:host([data-rapport-badge="wait"]) { display: none !important; }
:host([data-rapport-badge="shown"]) { contain-intrinsic-size: auto ${ONE_LINE_PX}px !important; }
:host([data-rapport-badge="room"]) { content-visibility: hidden !important; contain-intrinsic-size: auto ${ONE_LINE_PX}px !important; }
* { box-sizing: border-box; }
.badge { font: 12px/1.3 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1f2328; }
.summary { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 4px; margin: 0; padding: 3px 6px;
  border: 1px solid #8c959f; border-left-width: 4px; border-radius: 6px; background: #ffffff; color: inherit;
  font: inherit; text-align: left; cursor: pointer; }
/* Inside the button: the host's paint containment (content-visibility) clips what is drawn outside it. */
.summary:focus-visible { outline: 2px solid #0969da; outline-offset: -2px; }
.brand { font-weight: 600; color: #57606a; margin-right: 2px; }
.chip { display: inline-flex; align-items: center; gap: 3px; padding: 1px 6px; border-radius: 999px;
  background: #f6f8fa; border: 1px solid #d0d7de; white-space: nowrap; }
.icon { width: 14px; height: 14px; flex: none; fill: none; stroke: currentColor; stroke-width: 2;
  stroke-linecap: round; stroke-linejoin: round; }
/* Colour repeats what the words and icons already say. */
.badge[data-sentiment="negative"] .summary { border-left-color: #cf222e; }
.badge[data-sentiment="positive"] .summary { border-left-color: #1a7f37; }
.badge[data-sentiment="neutral"] .summary { border-left-color: #8c959f; }
.chip.sentiment { font-weight: 600; }
.chip.cue { background: #fff8c5; border-color: #d4a72c; }
.chip.priority[data-level="urgent"], .chip.priority[data-level="high"] { background: #ffebe9; border-color: #ff8182; font-weight: 600; }
.chip.trend[data-direction="worsening"] { background: #ffebe9; border-color: #ff8182; }
.chip.trend[data-direction="improving"] { background: #dafbe1; border-color: #4ac26b; }
.tip { position: fixed; inset: auto; margin: 0; max-width: 340px; padding: 8px 10px; border: 1px solid #8c959f;
  border-radius: 6px; background: #ffffff; color: #1f2328; box-shadow: 0 4px 14px rgba(0,0,0,.18);
  font: 12px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; z-index: 2147483647; }
.tip.nopop { position: absolute; }
.tip.nopop:not(.open) { display: none; }
.tip h2 { font-size: 12px; margin: 0 0 4px; }
.tip ul { margin: 2px 0 6px; padding-left: 16px; }
.tip p { margin: 0 0 4px; }
.tip .effect { color: #57606a; }
/* The separators that make the button's name a readable list: zero-size text
   in the flow (the negative margin takes back the flex gap), not the usual
   absolutely positioned, clipped box: 2,500 badges made that 17,500
   positioned elements and clip nodes, about half of the cost of every
   rendering frame of a 5,000-message page. */
.vh { font-size: 0; line-height: 0; margin-left: -4px; white-space: pre; }
`;
