using ModelCheck.Engine;
using ModelCheck.Models.Linearizability;

namespace ModelCheck.Tests.Unit.Linearizability;

/// <summary>
/// The recorder inside model runs: a register whose cas is a load then a store (two scheduling points)
/// is found not linearizable; the same register with an atomic CompareAndSwap passes the whole space; and
/// a replayed trace shows each operation as an invoke/return span.
/// </summary>
public sealed class HistoryRecorderTests
{
    static Scenario Register(bool atomicCas) => new("test/register", "", atomicCas ? BugKind.None : BugKind.NotLinearizable, async rt =>
    {
        var cell = rt.NewCell("register", 0L);
        var history = new HistoryRecorder(rt, RegisterSpecification.Instance);
        var write = history.Invoke("write", 0);
        await cell.Store(0, MemoryOrder.SeqCst);
        history.Return(write, Value.Null);
        var tasks = new TaskHandle[2];
        for (int t = 0; t < tasks.Length; t++)
        {
            long desired = t + 1;
            tasks[t] = rt.Spawn(async () =>
            {
                var call = history.Invoke("cas", 0, desired);
                bool swapped;
                if (atomicCas)
                {
                    swapped = await cell.CompareAndSwap(0, desired, MemoryOrder.SeqCst);
                }
                else
                {
                    swapped = await cell.Load(MemoryOrder.SeqCst) == 0;
                    if (swapped) await cell.Store(desired, MemoryOrder.SeqCst);
                }
                history.Return(call, swapped);
            });
        }
        foreach (var task in tasks) await task.Join();
        history.CheckLinearizable();
    });

    [Fact]
    public void A_cas_made_of_a_load_and_a_store_is_not_linearizable()
    {
        var report = Explorer.Explore(Register(atomicCas: false), new TestConfiguration { Strategy = StrategyKind.Dfs, Iterations = 1000 });
        var bug = Assert.Single(report.Bugs).Bug;
        Assert.Equal(BugKind.NotLinearizable, bug.Kind);
        Assert.Contains("cas(0, 1)  true", bug.Message);
        Assert.Contains("cas(0, 2)  true", bug.Message);

        var replay = Replayer.Replay(report.Scenario, TraceFile.From(report, report.Bugs[0]));
        Assert.True(replay.Reproduced);
        var notes = replay.Recording.Events.Select(e => e.Text).ToList();
        Assert.Contains("invoke cas(0, 1)", notes);
        Assert.Contains("return cas(0, 1) -> true", notes);
        Assert.Contains("return write(0)", notes);
    }

    [Fact]
    public void An_atomic_cas_is_linearizable_in_every_interleaving()
    {
        var report = Explorer.Explore(Register(atomicCas: true), new TestConfiguration { Strategy = StrategyKind.Dfs, Iterations = 10_000 });
        Assert.Empty(report.Bugs);
        Assert.True(report.Complete);
    }

    [Fact]
    public void Operations_that_never_return_are_pending()
    {
        var report = Explorer.Explore(new Scenario("test/pending", "", BugKind.None, async rt =>
        {
            var history = new HistoryRecorder(rt, RegisterSpecification.Instance);
            history.Invoke("write", 7);
            await rt.Yield();
            var read = history.Invoke("read");
            await rt.Yield();
            history.Return(read, 7);
            Assert.True(history.Operations[0].IsPending);
            history.CheckLinearizable();
        }), new TestConfiguration { Iterations = 1 });
        Assert.Empty(report.Bugs);
    }
}
