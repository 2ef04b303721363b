namespace ModelCheck.Maps.GoMap;

/// <summary>
/// Deterministic key hashes for scenarios: the low bits (bucket index, X/Y bit) are chosen, the rest
/// (including the tophash byte) is a fixed mix of the name, so nothing depends on process state.
/// </summary>
public static class GoKeys
{
    /// <summary>A key whose hash ends in the <paramref name="bits"/> low bits of <paramref name="low"/>.</summary>
    public static GoKey WithLowBits(string name, ulong low, int bits)
    {
        ulong mask = (1UL << bits) - 1;
        return new GoKey(name, (Mix(name) & ~mask) | (low & mask));
    }

    /// <summary>A key with a well-mixed hash.</summary>
    public static GoKey Mixed(string name) => new(name, Mix(name));

    /// <summary>FNV-1a over the name's characters, then the SplitMix64 finaliser.</summary>
    static ulong Mix(string name)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in name) h = (h ^ c) * 1099511628211UL;
        h ^= h >> 30;
        h *= 0xbf58476d1ce4e5b9UL;
        h ^= h >> 27;
        h *= 0x94d049bb133111ebUL;
        return h ^ (h >> 31);
    }
}
