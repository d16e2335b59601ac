/** The backend's version, from its package.json. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const APP_VERSION: string = require('../package.json').version;
