import type { Preset } from '../../src/engine/rule-set.js';

/** For blueprints about to be finalized: warnings become errors and notes become warnings. */
export const strict: Preset = (rule) => {
  switch (rule.meta.severity) {
    case 'error':
    case 'warning':
      return 'error';
    case 'info':
      return 'warning';
  }
};
