namespace ModelCheck.Tests.Unit;

/// <summary>
/// Every path the command writes to is checked before any work: a path that cannot be used is one line and
/// exit 2, nothing is explored, and nothing is written outside the path asked for. Each case is one the
/// hostile-input probe crashed on. (The suite may run as root, who can write anywhere a permission allows:
/// /proc stands in for a directory nobody can write.)
/// </summary>
public sealed class OutputPathTests
{
    static readonly string Config = Cli.RepositoryConfiguration;

    static void AssertRefused(Cli.Outcome outcome, string mentions)
    {
        Assert.True(outcome.Exit == 2, outcome.ToString());
        Assert.Equal("", outcome.Out); // refused before exploring: not even the scenario's header
        var line = Assert.Single(outcome.ErrLines);
        Assert.StartsWith("modelcheck: ", line);
        Assert.Contains(mentions, line);
        Assert.True(line.Length <= 300, line);
    }

    static Cli.Outcome TestInto(string outdir) => Cli.Run("test", "engine/racy-counter", "--config", Config, "--outdir", outdir);

    [Fact]
    public void An_outdir_with_a_nul_character()
    {
        using var dir = new TempDirectory();
        var config = dir.File("coyote.json", "{ \"outdir\": \"traces\\u0000x\" }");
        AssertRefused(Cli.Run("test", "engine/racy-counter", "--config", config), "the path contains a NUL character");
    }

    [Fact]
    public void An_outdir_of_5000_characters() =>
        AssertRefused(TestInto(new string('d', 5000)), "cannot be created");

    [Fact]
    public void An_outdir_that_is_an_existing_file()
    {
        using var dir = new TempDirectory();
        AssertRefused(TestInto(dir.File("taken", "a file")), "is an existing file, not a directory");
        Assert.Equal("a file", File.ReadAllText(dir["taken"]));
    }

    [Fact]
    public void An_outdir_in_a_pseudo_filesystem_or_not_writable()
    {
        AssertRefused(TestInto("/proc/modelcheck-traces"), "cannot be created");
        AssertRefused(TestInto("/proc/self"), "is not writable");
        AssertRefused(Cli.Run("test", "engine/racy-counter", "--config", Config, "--html", "/proc/self"), "--html /proc/self: is not writable");
    }

    static string RacyTrace(TempDirectory dir)
    {
        var path = dir["engine_racy-counter.trace.json"];
        File.Copy(Path.Combine(Cli.Root, "tests", "Snapshots", "Traces", "engine_racy-counter.min.trace.json"), path);
        return path;
    }

    [Fact]
    public void Replay_html_pointing_at_an_existing_directory_writes_nothing_anywhere()
    {
        using var dir = new TempDirectory();
        var trace = RacyTrace(dir);
        var report = Directory.CreateDirectory(dir["report"]).FullName;
        AssertRefused(Cli.Run("replay", trace, "--html", report), "is a directory; give a file name");
        AssertRefused(Cli.Run("replay", trace, "--html", report + "/"), "is a directory; give a file name");
        AssertRefused(Cli.Run("replay", trace, "--html", "/proc/report.html"), "is not writable");
        Assert.Equal([trace, report], Directory.GetFileSystemEntries(dir.Path).Order());
        Assert.Empty(Directory.GetFileSystemEntries(report));
    }

    [Fact]
    public void Replay_minimize_checks_where_the_minimised_trace_goes()
    {
        using var dir = new TempDirectory();
        var trace = RacyTrace(dir);
        Directory.CreateDirectory(dir["engine_racy-counter.min.trace.json"]);
        AssertRefused(Cli.Run("replay", trace, "--minimize"), "--minimize");
    }

    [Fact]
    public void A_usable_html_path_in_a_new_directory_is_created()
    {
        using var dir = new TempDirectory();
        var html = Path.Combine(dir.Path, "new", "deeper", "report.html");
        var outcome = Cli.Run("replay", RacyTrace(dir), "--html", html);
        Assert.True(outcome.Exit == 0, outcome.ToString());
        Assert.True(File.Exists(html));
        Assert.Equal(["report.html"], Directory.GetFileSystemEntries(Path.GetDirectoryName(html)!).Select(Path.GetFileName));
    }
}
