using ModelCheck.Engine;
using static ModelCheck.Tests.Unit.Explore;

namespace ModelCheck.Tests.Unit;

/// <summary>
/// Bytes, not time: what one execution of a program allocates, so an allocation test is exact on any machine.
/// The claim each test makes is that a longer execution of the same shape allocates no more than a shorter
/// one, so nothing is allocated per step.
/// </summary>
static class AllocationMeter
{
    /// <summary>
    /// Asserts that <paramref name="program"/> with <paramref name="shorter"/> rounds and with
    /// <paramref name="longer"/> rounds allocates the same bytes per execution. Unoptimised (tier-0) code
    /// boxes where optimised code does not, and the JIT tiers up in the background; so the claim is about
    /// the steady state: it must be reached, and then hold.
    /// </summary>
    public static void AssertNoBytesPerRound(Func<int, Scenario> program, int shorter, int longer, string what)
    {
        string seen = "";
        for (int attempt = 0; attempt < 40; attempt++)
        {
            long few = PerExecution(program(shorter)), many = PerExecution(program(longer));
            if (few == many) return;
            seen += $" {few}/{many}";
        }
        Assert.Fail($"bytes per execution of {shorter} / {longer} rounds of {what} never became equal:{seen}");
    }

    /// <summary>Bytes one execution allocates, from the difference of two budgets (so the runtime's own set-up cancels).</summary>
    static long PerExecution(Scenario scenario) => (Total(scenario, 60) - Total(scenario, 20)) / 40;

    static long Total(Scenario scenario, int iterations)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(scenario, With(StrategyKind.Random, iterations: iterations, seed: 3));
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
