using ModelCheck.Engine;

namespace ModelCheck.Tests.Scenarios;

/// <summary>
/// Scenarios a user might ship in their own assembly. One of them declares the wrong verdict on
/// purpose, so that `test --expect` has a mismatch to report.
/// </summary>
public static class UserScenarios
{
    // States a user wants some scenario to reach; `modelcheck test My.dll --coverage` reports them.
    static readonly CoverageLabel AdditionLost = new("user", "an addition is lost");
    static readonly CoverageLabel BothCount = new("user", "both additions count");
    static readonly CoverageLabel ThreeAdders = new("user", "three adders", unreachable: "every scenario spawns two");

    [Scenario("user/lost-update", Expect = BugKind.AssertionFailure,
        Description = "two tasks add one to a shared total with a load then a store: one addition is lost")]
    public static Task LostUpdate(Runtime rt) => AddTwice(rt, locked: false);

    [Scenario("user/locked-update", Description = "the same additions under a mutex: both count")]
    public static Task LockedUpdate(Runtime rt) => AddTwice(rt, locked: true);

    [Scenario("user/mislabelled", Description = "declares that it passes, but loses an update like user/lost-update")]
    public static Task Mislabelled(Runtime rt) => AddTwice(rt, locked: false);

    static async Task AddTwice(Runtime rt, bool locked)
    {
        var total = rt.NewCell("total", 0);
        var mu = rt.NewMutex("mu");
        var adders = new TaskHandle[2];
        for (int a = 0; a < adders.Length; a++)
            adders[a] = rt.Spawn(async () =>
            {
                if (locked) await mu.Lock();
                int seen = await total.Load(MemoryOrder.SeqCst);
                await total.Store(seen + 1, MemoryOrder.SeqCst);
                if (locked) await mu.Unlock();
            }, $"adder{a + 1}");
        foreach (var adder in adders) await adder.Join();
        rt.Cover(total.Peek() == 2 ? BothCount : AdditionLost);
        rt.Assert(total.Peek() == 2, $"total is {total.Peek()}, expected 2");
    }
}

/// <summary>
/// Scenarios that never give the scheduler its turn back. A .NET thread that spins cannot be stopped, so
/// the watchdog reports the hang and ends the process: the tests run these in a child process only.
/// </summary>
public static class HangingScenarios
{
    // Never set: the loops below look, to the compiler, as if they could end.
    static volatile bool released = false;

    [Scenario("hang/spinning-task", Expect = BugKind.Hang, Description = "a spawned task spins between two scheduling points")]
    public static async Task SpinningTask(Runtime rt)
    {
        var flag = rt.NewCell("flag", 0);
        var spinner = rt.Spawn(async () =>
        {
            await flag.Store(1, MemoryOrder.SeqCst);
            while (!released) { }
            await flag.Store(2, MemoryOrder.SeqCst);
        }, "spinner");
        await spinner.Join();
    }

    [Scenario("hang/spinning-main", Expect = BugKind.Hang, Description = "the main task spins before its first scheduling point")]
    public static Task SpinningMain(Runtime rt)
    {
        while (!released) { }
        return Task.CompletedTask;
    }

    [Scenario("hang/blocking-wait", Expect = BugKind.Hang, Description = "a task blocks in a sync-over-async wait on a delay that never ends")]
    public static async Task BlockingWait(Runtime rt)
    {
        var flag = rt.NewCell("flag", 0);
        var waiter = rt.Spawn(async () =>
        {
            await flag.Store(1, MemoryOrder.SeqCst);
            Task.Delay(System.Threading.Timeout.Infinite).Wait();
        }, "waiter");
        await waiter.Join();
    }
}

/// <summary>A scenario whose one execution is as long as the step bound allows: only a time budget that reaches inside an execution stops it early.</summary>
public static class EndlessScenarios
{
    [Scenario("endless/yielding", ToleratesCutOff = "it yields until the step bound cuts it off",
        Description = "one task yields for ever, a scheduling point at every step")]
    public static async Task Yielding(Runtime rt)
    {
        for (;;) await rt.Yield();
    }
}
