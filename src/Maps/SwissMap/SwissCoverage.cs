using ModelCheck.Engine;

namespace ModelCheck.Maps.SwissMap;

/// <summary>The states of the Swiss map the swissmap scenarios must reach (`modelcheck test --coverage 'swissmap/*'`).</summary>
internal static class SwissCoverage
{
    public static readonly CoverageLabel GrowToTable = new("swissmap", "the small group grows into a table");
    public static readonly CoverageLabel Grow = new("swissmap", "a table grows to twice its capacity");
    public static readonly CoverageLabel Split = new("swissmap", "a table at maxTableCapacity splits");
    public static readonly CoverageLabel DirectoryDoubles = new("swissmap", "a split doubles the directory");
    public static readonly CoverageLabel SplitWithoutDoubling = new("swissmap", "a split fits in the directory (localDepth < globalDepth)");
    public static readonly CoverageLabel Tombstone = new("swissmap", "a delete in a full group leaves a tombstone");
    public static readonly CoverageLabel TombstoneReused = new("swissmap", "an insert reuses a tombstone");
    public static readonly CoverageLabel SmallIteratorRelookup = new("swissmap", "an iterator of a small map looks a key up in the tables it grew into");
    public static readonly CoverageLabel StaleRelookup = new("swissmap", "an iterator looks a key of its stale table up again");
    public static readonly CoverageLabel StaleKeyDeleted = new("swissmap", "an iterator skips a key deleted since its table went stale");
    public static readonly CoverageLabel IteratorRescaled = new("swissmap", "an iterator rescales its directory position after a doubling");
    public static readonly CoverageLabel IteratorRealigned = new("swissmap", "an iterator's random start lands inside a table's run and moves to its first slot");
}
