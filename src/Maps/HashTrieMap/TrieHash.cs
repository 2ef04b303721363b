namespace ModelCheck.Maps.HashTrieMap;

/// <summary>
/// The hash a HashTrieMap consumes, 4 bits per level from the top: <see cref="Bits"/> wide (a multiple of
/// 4), so a trie has at most Bits/4 levels. Go's is 64 bits from the runtime's seeded hasher; here it is a
/// deterministic function of the key. <see cref="Faithful"/> keeps 64 bits (keys almost never share a
/// nibble); <see cref="Narrow"/> takes 8 bits from a table the scenario writes, so a scenario chooses which
/// keys share a first nibble (an indirect node below the root) and which collide in full (an overflow chain).
/// </summary>
sealed record TrieHash(int Bits, Func<int, ulong> Of, string Description)
{
    /// <summary>64 bits: SplitMix64's finaliser of the key, a fixed function (Go seeds its hasher per map).</summary>
    public static readonly TrieHash Faithful = new(64, key =>
    {
        ulong z = (ulong)key * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }, "64-bit");

    /// <summary>8 bits (two levels) from <paramref name="hashes"/>: key -> hash, e.g. (1, 0x35) puts k1 under root[3], then [5].</summary>
    public static TrieHash Narrow(params (int Key, ulong Hash)[] hashes)
    {
        var table = hashes.ToDictionary(h => h.Key, h => h.Hash);
        if (table.Values.Any(h => h > 0xFF)) throw new ArgumentException("a narrow hash has 8 bits");
        return new(8, key => table.TryGetValue(key, out var h) ? h : throw new ArgumentException($"k{key} has no hash in this scenario"),
            "8-bit " + string.Join(" ", hashes.Select(h => $"k{h.Key}={h.Hash:x2}")));
    }

    /// <summary>The child index at the level whose nibble starts <paramref name="shift"/> bits up.</summary>
    public static int Index(ulong hash, int shift) => (int)((hash >> shift) & 0xF);
}
