namespace ModelCheck.Engine;

/// <summary>
/// xoshiro256** seeded through SplitMix64: a small, fast generator whose sequence depends on the seed
/// alone, the same on every platform and .NET version (unlike System.Random's unspecified algorithm).
/// </summary>
public sealed class Xoshiro
{
    ulong s0, s1, s2, s3;

    public Xoshiro(ulong seed) => Reseed(seed);

    /// <summary>Restarts the sequence as <c>new Xoshiro(seed)</c> would, without allocating.</summary>
    public void Reseed(ulong seed)
    {
        s0 = SplitMix(ref seed);
        s1 = SplitMix(ref seed);
        s2 = SplitMix(ref seed);
        s3 = SplitMix(ref seed);
    }

    /// <summary>
    /// The seed of stream <paramref name="stream"/> of a run seeded with <paramref name="seed"/>: a pure
    /// function of both, so execution i draws the same numbers whichever worker or machine runs it.
    /// </summary>
    public static ulong StreamSeed(ulong seed, long stream)
    {
        ulong a = seed, b = (ulong)stream ^ 0x6A09E667F3BCC909UL;
        return SplitMix(ref a) ^ SplitMix(ref b) * 0xD1B54A32D192ED03UL;
    }

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A value in [0, <paramref name="bound"/>), by Lemire's multiply-shift.</summary>
    public int Next(int bound) => (int)((NextUInt64() >> 32) * (ulong)bound >> 32);

    static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
