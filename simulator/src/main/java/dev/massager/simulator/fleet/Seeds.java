package dev.massager.simulator.fleet;

import java.util.SplittableRandom;

/**
 * Random streams derived from the fleet's seed and what they are for, so that a night comes out the same whether it
 * is simulated in history, live, alone or among others.
 */
final class Seeds {

    private Seeds() {}

    static SplittableRandom random(long seed, long purpose, long a, long b) {
        return new SplittableRandom(mix(mix(mix(seed, purpose), a), b));
    }

    /** One step of SplitMix64: a good spread of nearby inputs. */
    private static long mix(long state, long value) {
        long z = state + 0x9E3779B97F4A7C15L * (value + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
