import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import type { z } from 'zod';
import { MAX_SIMULATION_WORK, type Simulation, type simulationBodySchema } from '../shared/schemas/analytics.ts';
import { simulatePolicy } from './policy-simulation.ts';
import { authorizePolicyLab } from './analytics.access.ts';

/**
 * `highbar simulate` for the policy lab, bounded: the simulator runs on the request's thread, so
 * people x runs is capped (MAX_SIMULATION_WORK) and a larger request is refused with 422, never
 * queued. Seeded: the same parameters give the same answer as the CLI, to the last digit.
 */
export function runSimulation(options: { actor: Actor; body: z.output<typeof simulationBodySchema> }): Simulation {
  authorizePolicyLab(options.actor);
  const { body } = options;
  const work = body.people * body.runs;
  if (work > MAX_SIMULATION_WORK) {
    throw new AppError('ANALYSIS_REFUSED', {
      detail: `${body.people} people x ${body.runs} runs is ${work.toLocaleString('en')} simulated people; the lab runs at most ${MAX_SIMULATION_WORK.toLocaleString('en')} per request. Use fewer runs, or \`highbar simulate\` for larger studies.`,
      errors: [{ path: 'body.runs', message: `people x runs must be at most ${MAX_SIMULATION_WORK}` }],
    });
  }
  return simulatePolicy({ ...body });
}
