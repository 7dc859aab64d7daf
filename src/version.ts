/** The package's own version, for `--version`, SARIF's `driver.version` and JSON reports. */
import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
