using System.Reflection;
using ModelCheck.Engine;
using ModelCheck.Maps;
using ModelCheck.Models.Litmus;

namespace ModelCheck.Cli;

/// <summary>The built-in scenarios, or those of a user's compiled assembly (as `coyote test My.dll` does).</summary>
public static class ScenarioSource
{
    public static ScenarioCatalog Load(string? assemblyPath)
    {
        var catalog = ScenarioCatalog.Discover(LoadAssembly(assemblyPath));
        if (catalog.All.Count == 0) throw new UsageException($"no [Scenario] methods found in {assemblyPath}");
        return catalog;
    }

    /// <summary>The assembly whose scenarios (and coverage labels) a command uses: the built-in one, or the user's.</summary>
    public static Assembly LoadAssembly(string? assemblyPath)
    {
        if (assemblyPath is null) return MapsAssembly.Assembly;
        var full = Path.GetFullPath(assemblyPath);
        if (!File.Exists(full)) throw new UsageException($"assembly not found: {assemblyPath}");
        try
        {
            return Assembly.LoadFrom(full);
        }
        catch (BadImageFormatException)
        {
            throw new UsageException($"not a .NET assembly: {assemblyPath}");
        }
    }

    /// <summary>
    /// The catalog with the built-in litmus tests as scenarios named "litmus/NAME", each passing when no
    /// execution satisfies its condition (the outcome it asks about is the bad one): what `orders` judges
    /// them by, and how `replay` finds the scenario of a trace `orders` wrote for one.
    /// </summary>
    public static ScenarioCatalog WithLitmus(ScenarioCatalog catalog) =>
        ScenarioCatalog.Of(catalog.All.Concat(LitmusCatalogue.All.Select(test =>
            LitmusExplorer.ScenarioFor(test, MemoryModel.Ra, null, failWhenSatisfied: true) with { Expected = BugKind.None })));

    /// <summary>Splits positional arguments into an optional leading assembly path and the patterns.</summary>
    public static (string? Assembly, IReadOnlyList<string> Patterns) SplitArguments(string[] arguments)
    {
        if (arguments.Length > 0 && arguments[0].EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            return (arguments[0], arguments[1..]);
        return (null, arguments);
    }

    /// <summary>
    /// The scenarios matching the patterns. Every pattern must match something: a mistyped pattern next
    /// to a good one would otherwise drop scenarios silently, and a mistyped option (which the parser
    /// hands over as a pattern) would be ignored.
    /// </summary>
    public static IReadOnlyList<Scenario> Select(ScenarioCatalog catalog, IReadOnlyList<string> patterns)
    {
        foreach (var pattern in patterns)
        {
            if (pattern.StartsWith('-')) throw new UsageException($"unknown option '{pattern}'");
            if (catalog.Match([pattern]).Count == 0)
                throw new UsageException($"no scenario matches '{pattern}' (see 'modelcheck list')");
        }
        return catalog.Match(patterns);
    }
}
