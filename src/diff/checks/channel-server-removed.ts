import { check } from './check.js';

export default check({
  id: 'channel-server-removed',
  level: 'error',
  direction: 'none',
  audience: 'users',
  specs: ['asyncapi'],
  description:
    "A channel is no longer available on a server it was on (the channel's `servers`; a channel that names none is on every server). Consumers connected to that server no longer find it. A server removed from the document is `server-removed`.",
  message: 'is no longer available on server `{name}`',
  fix: 'keep the channel on the server until its consumers have moved to another',
});
