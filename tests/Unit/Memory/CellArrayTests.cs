using ModelCheck.Engine;
using static ModelCheck.Tests.Unit.Explore;

namespace ModelCheck.Tests.Unit.Memory;

/// <summary>
/// A cell array makes each cell when it is first used, with the id it would have had had the array made
/// every cell at once: ids are in traces and in the dependency relation of partial-order reduction, so
/// they must not depend on which cells a schedule happens to touch first.
/// </summary>
public sealed class CellArrayTests
{
    [Theory]
    [InlineData(MemoryModel.Sc)]
    [InlineData(MemoryModel.Tso)]
    [InlineData(MemoryModel.Ra)]
    public void Cells_made_on_first_use_have_the_ids_and_values_of_cells_made_at_once(MemoryModel memory)
    {
        var seen = new List<string>();
        var report = Run(async rt =>
        {
            var before = rt.NewCell("before", 0);
            var array = rt.NewCellArray("a", 4, 7);
            var after = rt.NewCell("after", 0);
            // Touched out of order, the last one only by a ghost read.
            await array[2].Store(9, MemoryOrder.SeqCst);
            int first = await array[0].Load(MemoryOrder.SeqCst);
            int second = await array[2].Load(MemoryOrder.SeqCst);
            seen.Add($"{before.Id} {array[0].Id} {array[2].Id} {array[3].Id} {after.Id}: {first} {second} {array[3].Peek()} {array[1].Name}");
        }, With(StrategyKind.Dfs) with { Execution = new ExecutionSettings { Memory = memory } });
        Assert.Empty(report.Bugs);
        Assert.All(seen, line => Assert.Equal("0 1 3 4 5: 7 9 7 a[1]", line));
    }
}
