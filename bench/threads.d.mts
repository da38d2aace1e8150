export function threadTicks(): Map<number, number>;
export function threadSeconds(before: Map<number, number>, after: Map<number, number>): { mainSeconds?: number; otherSeconds?: number };
