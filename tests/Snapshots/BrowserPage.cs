using System.Text.RegularExpressions;

namespace ModelCheck.Tests.Snapshots;

/// <summary>
/// An HTML page written among the test artifacts (TestResults/html-reports/) and loaded in headless
/// Chromium, which runs its scripts and returns the DOM they built. Chromium is required: when it is
/// missing this fails rather than skips (scripts/test.sh, which CI runs, installs it).
/// </summary>
public static partial class BrowserPage
{
    public static string Artifacts => Directory.CreateDirectory(Path.Combine(Repository.Root, "TestResults", "html-reports")).FullName;

    public static string Browser() =>
        Chromium.Find() ?? throw new Xunit.Sdk.XunitException(
            "chromium is not installed: the HTML report cannot be checked (apt-get install chromium; scripts/test.sh does this)");

    /// <summary>Writes the page among the artifacts and returns the DOM Chromium built after running its scripts.</summary>
    public static (string Dom, string Url) Load(string html, string name)
    {
        var page = Path.Combine(Artifacts, name + ".html");
        File.WriteAllText(page, html);
        var url = new Uri(page).AbsoluteUri;
        return (Chromium.Run(Browser(), "--dump-dom", url), url);
    }

    /// <summary>The sentinel the report's first script sets on the root element when any later script fails.</summary>
    [GeneratedRegex("""<html[^>]*\bdata-script-error=""")]
    public static partial Regex ScriptError();
}
