using ModelCheck.Engine;
using ModelCheck.Models.Linearizability;
using static ModelCheck.Tests.Unit.Explore;

namespace ModelCheck.Tests.Unit.Dpor;

/// <summary>
/// Linearizability depends on real time: an operation that returned before another was called must
/// take effect first. So a history's calls and returns order steps for DPOR even when the steps share no
/// cell. The register here reads ahead of its call: its read loads the value, yields, and only then is
/// called, returning what it loaded. It is caught only when the write returns between the load and the
/// call, and that step order differs from others in no cell at all.
/// </summary>
public sealed class DporRealTimeTests
{
    static readonly Scenario ReadAhead = Inline(async rt =>
    {
        var cell = rt.NewCell("register", 0L);
        var history = new HistoryRecorder(rt, RegisterSpecification.Instance);
        var initial = history.Invoke("write", 0);
        await cell.Store(0, MemoryOrder.SeqCst);
        history.Return(initial, Value.Null);
        var writer = rt.Spawn(async () =>
        {
            var call = history.Invoke("write", 1);
            await cell.Store(1, MemoryOrder.SeqCst);
            history.Return(call, Value.Null);
        }, "writer");
        var reader = rt.Spawn(async () =>
        {
            long seen = await cell.Load(MemoryOrder.SeqCst);
            await rt.Yield();
            var call = history.Invoke("read");
            await rt.Yield();
            history.Return(call, seen);
        }, "reader");
        await writer.Join();
        await reader.Join();
        history.CheckLinearizable();
    }, BugKind.NotLinearizable);

    [Theory]
    [InlineData(StrategyKind.Dfs)]
    [InlineData(StrategyKind.Dpor)]
    public void A_read_that_returns_a_value_loaded_before_its_call_is_not_linearizable(StrategyKind strategy)
    {
        var report = Run(ReadAhead, With(strategy, iterations: 10_000));
        Assert.Equal(BugKind.NotLinearizable, report.FirstBug().Kind);
    }
}
