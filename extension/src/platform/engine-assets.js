// Where the engine's files are inside the extension: the build copies
// shared/api/assets.js's engineAssetFiles() under engine/, and every analyzer
// is created with that one assetBase (read from the extension's own origin
// only: CSP connect-src 'self').
import { ext } from './ext.js';

export const engineBase = () => ext.runtime.getURL('engine/');
