using ModelCheck.Engine;
using ModelCheck.Maps;

namespace ModelCheck.Tests.Snapshots;

/// <summary>Where the repository and its committed traces are, and the built-in scenarios they replay against.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The committed minimised traces, one per seeded bug: tests/Snapshots/Traces/*.min.trace.json.</summary>
    public static string TracesDirectory => Path.Combine(Root, "tests", "Snapshots", "Traces");

    public static ScenarioCatalog Catalog { get; } = ScenarioCatalog.Discover(MapsAssembly.Assembly);

    /// <summary>The committed trace files by file name, in ordinal order so test lists are stable.</summary>
    public static IReadOnlyList<string> CommittedTraces() =>
        Directory.GetFiles(TracesDirectory, "*.min.trace.json").Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToList();

    public static TraceFile ReadTrace(string fileName) => TraceFile.Read(Path.Combine(TracesDirectory, fileName));

    public static Scenario ScenarioOf(TraceFile trace) =>
        Catalog.Find(trace.Scenario) ?? throw new InvalidOperationException($"the committed trace's scenario '{trace.Scenario}' no longer exists");

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ModelCheck.sln"))) return dir.FullName;
        throw new InvalidOperationException("ModelCheck.sln not found above the test binaries");
    }
}
