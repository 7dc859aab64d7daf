import { schemaChecks } from './check.js';

/**
 * Information on both sides, as `request-deprecated-parameter-removed` is: `deprecated: true` on
 * the property told consumers it would go. (A request object closed to unknown properties still
 * refuses it: `request-closed-property-removed` judges that first.)
 */
export default schemaChecks(
  'deprecated-property-removed',
  { request: 'info', response: 'info' },
  'a property marked `deprecated` was removed: its removal was announced.',
  'was removed (it was deprecated)',
);
