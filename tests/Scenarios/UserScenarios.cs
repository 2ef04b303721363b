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
