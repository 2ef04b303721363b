using ModelCheck.Engine;
using static ModelCheck.Tests.Unit.Explore;

namespace ModelCheck.Tests.Unit;

/// <summary>
/// The hot path allocates nothing per step: an execution may allocate its closures, tasks and state
/// machines, but a longer execution of the same shape must not allocate more (<see cref="AllocationMeter"/>).
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

    [Fact]
    public void A_step_allocates_nothing_once_the_code_is_optimised() =>
        AllocationMeter.AssertNoBytesPerRound(Workers, 10, 100, "two workers' locked increments, atomics and yields");
}
