namespace ModelCheck.Tests.Unit;

/// <summary>The README's set-up section is true: its test command is the script CI runs, and that script installs what the suite needs.</summary>
public sealed class SetupTests
{
    static string Read(params string[] path) => File.ReadAllText(Path.Combine([Cli.Root, .. path]));

    [Fact]
    public void The_readme_test_command_is_the_script_ci_runs()
    {
        var readme = Read("README.md");
        int start = readme.IndexOf("\n## Set-up\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "the README has no Set-up section");
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var setup = readme[start..(end < 0 ? readme.Length : end)];
        Assert.Contains("\nscripts/test.sh ", setup);
        Assert.Contains("\nscripts/test.sh 2>&1", Read(".ci", "run"));
        var script = Read("scripts", "test.sh");
        Assert.Contains("apt-get install -y --no-install-recommends chromium", script);
        Assert.Contains("dotnet tool restore", script);
        Assert.Contains("exec dotnet test \"$@\"", script);
        if (!OperatingSystem.IsWindows()) Assert.True((File.GetUnixFileMode(Path.Combine(Cli.Root, "scripts", "test.sh")) & UnixFileMode.UserExecute) != 0, "scripts/test.sh is not executable");
    }
}
