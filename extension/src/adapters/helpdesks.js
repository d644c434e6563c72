// The helpdesk adapters of this folder, in the order the registry (index.js)
// should try them; the generic mode goes last, after site configurations.
import zendesk from './zendesk.js';
import freshdesk from './freshdesk.js';
import intercom from './intercom.js';
import helpscout from './helpscout.js';
import front from './front.js';
import gmail from './gmail.js';
import rt5 from './rt5.js';

export const helpdeskAdapters = [rt5, zendesk, freshdesk, intercom, helpscout, front, gmail];
export { default as generic } from './generic.js';
