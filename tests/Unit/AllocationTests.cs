using ModelCheck.Engine;
using static ModelCheck.Tests.Unit.Explore;

namespace ModelCheck.Tests.Unit;

/// <summary>
/// The hot path allocates nothing per step: an execution may allocate its closures, tasks and state
/// machines, but a longer execution of the same shape must not allocate more. Bytes, not time, so the
/// test is exact on any machine.
/// </summary>
public sealed class AllocationTests
{
    static Scenario Workers(int rounds) => Inline(async rt =>
    {
        var cell = rt.NewCell("cell", 0);
        var atomic = rt.NewCell("atomic", 0);
        var mu = rt.NewMutex("mu");
        var workers = new TaskHandle[2];
        for (int w = 0; w < workers.Length; w++)
            workers[w] = rt.Spawn(async () =>
            {
                for (int i = 0; i < rounds; i++)
                {
                    await mu.Lock();
                    int seen = await cell.Load(MemoryOrder.Plain);
                    await cell.Store(seen + 1, MemoryOrder.Plain);
                    await mu.Unlock();
                    await atomic.FetchAdd(1, MemoryOrder.AcqRel);
                    await atomic.CompareAndSwap(0, 1, MemoryOrder.SeqCst);
                    await rt.Yield();
                    rt.Assert(cell.Peek() >= 0, $"cell is {cell.Peek()}");
                }
            });
        foreach (var worker in workers) await worker.Join();
    });

    static long Total(Scenario scenario, int iterations)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(scenario, With(StrategyKind.Random, iterations: iterations, seed: 3));
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>Bytes one execution allocates, from the difference of two budgets (so the runtime's own set-up cancels).</summary>
    static long PerExecution(Scenario scenario) => (Total(scenario, 60) - Total(scenario, 20)) / 40;

    [Fact]
    public void A_step_allocates_nothing_once_the_code_is_optimised()
    {
        // Unoptimised (tier-0) code boxes where optimised code does not, and the JIT tiers up in the
        // background; so the claim is about the steady state: it must be reached, and then hold.
        string seen = "";
        for (int attempt = 0; attempt < 40; attempt++)
        {
            long shorter = PerExecution(Workers(10)), longer = PerExecution(Workers(100));
            if (longer == shorter) return;
            seen += $" {shorter}/{longer}";
        }
        Assert.Fail($"bytes per execution of ~140 / ~1400 steps never became equal:{seen}");
    }
}
