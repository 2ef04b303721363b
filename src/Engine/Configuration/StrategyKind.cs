namespace ModelCheck.Engine;

public enum StrategyKind { Random, Pct, Dfs, Dpor, Portfolio }

public static class StrategyKindNames
{
    public static string ToName(this StrategyKind kind) => kind switch
    {
        StrategyKind.Random => "random",
        StrategyKind.Pct => "pct",
        StrategyKind.Dfs => "dfs",
        StrategyKind.Dpor => "dpor",
        StrategyKind.Portfolio => "portfolio",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>True for the strategies that walk the whole tree (dfs, dpor): their shards are units of it, and they can be complete.</summary>
    public static bool IsExhaustive(this StrategyKind kind) => kind is StrategyKind.Dfs or StrategyKind.Dpor;

    /// <summary>The names, comma-separated, for error messages.</summary>
    public static string Choices => string.Join(", ", Enum.GetValues<StrategyKind>().Select(k => k.ToName()));

    public static bool TryParse(string name, out StrategyKind kind)
    {
        foreach (var k in Enum.GetValues<StrategyKind>())
            if (k.ToName() == name) { kind = k; return true; }
        kind = default;
        return false;
    }
}
