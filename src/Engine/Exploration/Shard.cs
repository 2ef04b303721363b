using System.Globalization;

namespace ModelCheck.Engine;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (1-based, as `--shard K/N` writes it): one part of a
/// run's space, explored on its own machine. The parts of 1..N together are the whole space, each
/// execution in exactly one part.
/// </summary>
public readonly record struct Shard(int Index, int Count)
{
    public static readonly Shard Whole = new(1, 1);

    public bool IsWhole => Count == 1;

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>Parses "K/N" with 1 ≤ K ≤ N; null when the text is not that.</summary>
    public static Shard? Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2) return null;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)) return null;
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)) return null;
        return k >= 1 && k <= n ? new Shard(k, n) : null;
    }

    /// <summary>This shard's block of the iterations [0, <paramref name="iterations"/>): contiguous, in order.</summary>
    public (long From, long To) Block(long iterations) =>
        (iterations * (Index - 1) / Count, iterations * Index / Count);
}
