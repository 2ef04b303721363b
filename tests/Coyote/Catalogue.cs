using ModelCheck.Coyote;
using ModelCheck.Engine;
using ModelCheck.Maps;

namespace ModelCheck.Tests.Coyote;

/// <summary>The built-in scenarios, found once per process, run by name from the generated test methods.</summary>
static class Catalogue
{
    static readonly ScenarioCatalog Scenarios = ScenarioCatalog.Discover(MapsAssembly.Assembly);

    public static void Run(string name) =>
        CoyoteScenario.Run(Scenarios.Find(name) ?? throw new ScenarioException($"unknown scenario '{name}'"));
}
