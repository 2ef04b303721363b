using ModelCheck.Engine;

namespace ModelCheck.Tests.Systematic;

/// <summary>The repository's coyote.json: the budget every scenario's verdict is stated within.</summary>
public static class RepositoryConfiguration
{
    public static string Root { get; } = FindRoot();

    public static TestConfiguration Load() => ConfigurationFile.Load(Path.Combine(Root, ConfigurationFile.DefaultName));

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ModelCheck.sln"))) return dir.FullName;
        throw new InvalidOperationException("ModelCheck.sln not found above the test binaries");
    }
}
