using ModelCheck.Engine;

namespace ModelCheck.Maps.Basics;

/// <summary>What happens when a task waits on something the scheduler does not control.</summary>
public static class Uncontrolled
{
    [Scenario("engine/uncontrolled-delay", Expect = BugKind.UncontrolledConcurrency,
        Description = "a task awaits Task.Delay, which the scheduler cannot control: reported, never a hang")]
    public static async Task Delay(Runtime rt)
    {
        var flag = rt.NewCell("flag", false);
        var sleeper = rt.Spawn(async () =>
        {
            await Task.Delay(1);
            await flag.Store(true, MemoryOrder.SeqCst);
        }, "sleeper");
        await sleeper.Join();
    }
}
