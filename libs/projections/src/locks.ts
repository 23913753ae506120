/** Advisory lock keys: one runner leads; rebuilds swap tables while no batch is being applied. */
export const LEADER_LOCK = 'samenspoor:projections:leader';
export const SWAP_LOCK = 'samenspoor:projections:swap';
