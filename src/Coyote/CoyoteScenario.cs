using Microsoft.Coyote.Specifications;
using ModelCheck.Engine;

namespace ModelCheck.Coyote;

/// <summary>The body of a Coyote test that runs one of our scenarios: one Coyote iteration is one execution.</summary>
public static class CoyoteScenario
{
    /// <summary>
    /// Runs <paramref name="scenario"/> once on Coyote-controlled tasks. A scenario that needs a weak
    /// memory model or the race detector is reported as a Coyote bug naming the reason, never a pass.
    /// </summary>
    public static void Run(Scenario scenario, Action<Bug, Choice[]>? onBug = null)
    {
        if (HostedExecution.WhyNotApplicable(scenario) is { } reason)
        {
            Specification.Assert(false, "{0}", $"{CoyoteBugText.NotApplicable} scenario '{scenario.Name}' does not apply under Coyote: {reason}");
            return;
        }
        HostedExecution.Run(scenario, new CoyoteHost(onBug));
    }
}
