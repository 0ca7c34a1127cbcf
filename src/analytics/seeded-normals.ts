import mt19937 from '@stdlib/random-base-mt19937';

/** A stream of standard normal draws, fully determined by its seed. */
export type NormalSource = () => number;

/**
 * Standard normals from a Mersenne Twister (MT19937) seeded with `seed`, by the Box-Muller
 * transform (Box and Muller 1958), both draws of each pair used in turn. Any safe integer is a
 * seed: its 64-bit two's-complement form is split into two 32-bit words for MT19937's array
 * seeding, so 0 and negative seeds work and distinct integers give distinct streams.
 */
export function createNormalSource(seed: number): NormalSource {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const word = BigInt.asUintN(64, BigInt(seed));
  const words = new Uint32Array([Number(word & 0xffffffffn), Number(word >> 32n)]);
  const generator = mt19937.factory({ seed: words });
  // `normalized` (53-bit doubles in [0, 1)) exists at run time but is missing from the typings.
  const uniform = (generator as unknown as { normalized: () => number }).normalized;
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    // 1 - u lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}
