// Injected at build time would be nicer; reading package.json keeps one source of truth without a plugin.
import pkg from '../package.json';

/** The tool's version, as in package.json. */
export const VERSION: string = pkg.version;
