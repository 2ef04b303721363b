namespace ModelCheck.Maps.SwissMap;

/// <summary>The seeded bugs of map-algorithms.md §3.10, each a one-place mutation of the correct model.</summary>
public enum SwissMapBug
{
    None,
    /// <summary>W-1: Iter.Next ignores tab.index == −1 and produces the stale table's key and elem without looking them up again.</summary>
    W1IteratorSkipsRelookup,
    /// <summary>W-2: nextDirIdx takes localDepth from the table installed at the iterator's position instead of it.tab.</summary>
    W2SkipByInstalledDepth,
    /// <summary>W-3: table.Delete always writes empty (and growthLeft++), never a tombstone.</summary>
    W3DeleteWithoutTombstone,
    /// <summary>W-4: Iter.Next does not shift dirIdx and dirOffset left when the directory has grown.</summary>
    W4DirectoryGrowthNotRescaled,
}

/// <summary>
/// How a Swiss map model is built. <see cref="Faithful"/> uses Go 1.24's maxTableCapacity of 1024 slots;
/// <see cref="Reduced"/> shrinks it to 16 (two groups), the reduction §0.3 allows: a table then splits at
/// its first rehash, so splits and directory doubling are reachable with a few dozen keys while every
/// control path stays the same. Groups keep 8 slots and the 7/8 load factor in both.
/// </summary>
public sealed record SwissMapConfig
{
    public int MaxTableCapacity { get; init; } = 1024;

    /// <summary>
    /// Misuse-detection mode (§3.10's detection tests): every read and write of `writing` at a check site
    /// is its own scheduling point, so two goroutines can interleave there. Off, only operation
    /// boundaries, iterator steps and the elem store after mapassign are scheduling points (§5.1).
    /// </summary>
    public bool FlagSchedulingPoints { get; init; }

    public SwissMapBug Bug { get; init; }

    public static SwissMapConfig Faithful { get; } = new();
    public static SwissMapConfig Reduced { get; } = new() { MaxTableCapacity = 16 };

    /// <summary>Scenario arguments: "faithful" or "reduced", optionally followed by ":" and a <see cref="SwissMapBug"/>.</summary>
    public static SwissMapConfig Parse(string argument)
    {
        var parts = argument.Split(':');
        var config = parts[0] switch
        {
            "faithful" => Faithful,
            "reduced" => Reduced,
            _ => throw new ArgumentException($"unknown Swiss map configuration '{parts[0]}'", nameof(argument)),
        };
        return parts.Length == 1 ? config : config with { Bug = Enum.Parse<SwissMapBug>(parts[1]) };
    }
}
