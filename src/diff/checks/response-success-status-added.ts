import { check } from './check.js';

export default check({
  id: 'response-success-status-added',
  level: 'warning',
  direction: 'response',
  specs: ['openapi'],
  // A warning, as Azure's openapi-diff (breaking) and oasdiff (info) disagree for a reason: a client
  // that dispatches on the documented 2xx codes, as generated clients do, takes an undocumented 202
  // for a failure or parses its body as the 200's; yet the code may only document a status the
  // server already sent. Whether it breaks depends on the clients, which the document cannot show.
  description:
    'A new success (2xx) status: a consumer that handles only the documented 2xx codes (as generated clients do) may take it for a failure or misread its body.',
  message: 'was added',
  twinWaiver: 'Status codes and response headers exist only in responses.',
  fix: 'check that consumers treat any 2xx as success, or keep answering with the former status',
});
