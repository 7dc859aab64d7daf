/**
 * How the architecture document draws the platform components a flow goes through (`via`): as boxes
 * on the flow's path (`nodes`) or as a line of the arrow's label (`labels`). Its own module, free of
 * imports, because the CLI's `doc` spec offers the choices before any engine is loaded.
 */
export type MediatorMode = 'nodes' | 'labels';

export const MEDIATOR_MODES: readonly MediatorMode[] = ['nodes', 'labels'];

/**
 * Boxes read better: a topic with several consumers shows as a fan-out, each arrow's label is only the
 * flow's id, and two flows between the same systems through different components take different
 * paths instead of stacking their labels.
 */
export const DEFAULT_MEDIATOR_MODE: MediatorMode = 'nodes';
