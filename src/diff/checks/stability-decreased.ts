import { check } from './check.js';

export default check({
  id: 'stability-decreased',
  level: 'error',
  direction: 'none',
  specs: ['openapi'],
  description:
    '`x-stability-level` went down (e.g. `stable` → `beta`). Breaking changes to `draft` and `alpha` operations are reported as info.',
  message: 'lowered its x-stability-level from {from} to {to}',
  fix: 'keep the stability level; publish a less stable design as a new operation',
});
