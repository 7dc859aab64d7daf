/**
 * Where a repository keeps its blueprint-review configuration, relative to its root. One constant for
 * every door — the app and the Action read it at the pull request's base, the CLI on disk or at a git
 * ref, the sign-off gate asks the config's own approvers when a pull request changes it — so they can
 * never disagree about which file governs a repository.
 */
export const CONFIG_PATH = '.github/blueprint-review.yml';
