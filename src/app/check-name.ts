/** The review's check run name (the Action imports it too: this module stays free of the app's runtime). */
export const REVIEW_CHECK_NAME = 'Blueprint review';
