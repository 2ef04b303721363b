using System.Text.RegularExpressions;
using ModelCheck.Engine;
using ModelCheck.Maps;

namespace ModelCheck.Tests.Unit.Docs;

/// <summary>
/// The README's `dotnet coyote test` lines: tests/Systematic runs such commands through the CLI (on the
/// assembly of the tests' own build); here each README line is held to what the README says of it: the
/// method it names is a generated scenario test that applies under Coyote, and there is one for a seeded
/// bug and one for a correct scenario.
/// </summary>
public sealed class DocsCoyoteLinesTests
{
    static readonly ScenarioCatalog Catalog = ScenarioCatalog.Discover(MapsAssembly.Assembly);

    /// <summary>The generated test method of a scenario: its name with every other character than an ASCII letter or digit as '_'.</summary>
    static string MethodName(string scenario) => Regex.Replace(scenario, "[^A-Za-z0-9]", "_");

    [Fact]
    public void The_README_runs_a_seeded_bug_and_a_correct_scenario_that_apply_under_Coyote()
    {
        var lines = Regex.Matches(Docs.Read("README.md"),
            @"^dotnet coyote test tests/Coyote/bin/Release/net10.0/ModelCheck\.Tests\.Coyote\.dll -m (\S+) -i \d+$", RegexOptions.Multiline);
        Assert.NotEmpty(lines);
        var scenarios = lines.Select(line =>
        {
            string method = line.Groups[1].Value;
            var scenario = Catalog.All.SingleOrDefault(s => MethodName(s.Name) == method);
            Assert.True(scenario is not null, $"README: `-m {method}` names no scenario's generated test");
            Assert.True(HostedExecution.WhyNotApplicable(scenario!) is null, $"README: {scenario!.Name} does not apply under Coyote");
            return scenario!;
        }).ToList();
        Assert.Contains(scenarios, s => s.Expected != BugKind.None);
        Assert.Contains(scenarios, s => s.Expected == BugKind.None);
    }
}
