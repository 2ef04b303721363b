using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ModelCheck.Cli;
using ModelCheck.Cli.Gallery;
using ModelCheck.Engine;
using ModelCheck.Models.Litmus;

namespace ModelCheck.Tests.Snapshots;

/// <summary>The gallery built once for the class (twice, to compare the bytes), by the real command.</summary>
public sealed class BuiltGallery : IDisposable
{
    readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("modelcheck-gallery-");

    public string Site => Path.Combine(scratch.FullName, "site");

    public string Second => Path.Combine(scratch.FullName, "again");

    public string Scratch => scratch.FullName;

    /// <summary>Every file of the site, relative to it with '/' separators, in ordinal order.</summary>
    public IReadOnlyList<string> Pages { get; }

    public BuiltGallery()
    {
        foreach (var dir in new[] { Site, Second })
        {
            var (exit, output, error) = Run("gallery", dir, "--repository", Repository.Root);
            if (exit != 0) throw new InvalidOperationException($"modelcheck gallery exited {exit}: {output}{error}");
        }
        Pages = Files(Site);
    }

    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        int exit = CommandLine.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    public static IReadOnlyList<string> Files(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();

    public string Read(string page) => File.ReadAllText(Path.Combine(Site, page));

    public void Dispose() => scratch.Delete(recursive: true);
}

/// <summary>
/// `modelcheck gallery DIR` writes a static site that is the same bytes every time, loads nothing from
/// outside itself, links nothing that is not there, shows every model, seeded bug, topic, litmus test and
/// chapter, and loads in headless Chromium without a script error (Chromium is required, as for the HTML report).
/// </summary>
public sealed partial class GalleryTests(BuiltGallery gallery) : IClassFixture<BuiltGallery>
{
    [Fact]
    public void The_same_repository_gives_the_same_bytes()
    {
        Assert.Equal(gallery.Pages, BuiltGallery.Files(gallery.Second));
        foreach (var page in gallery.Pages)
            Assert.True(File.ReadAllBytes(Path.Combine(gallery.Site, page)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(gallery.Second, page))), $"{page} differs between two builds");
    }

    [Fact]
    public void Every_page_is_self_contained_and_every_link_resolves()
    {
        var broken = new List<string>();
        int links = 0;
        foreach (var page in gallery.Pages)
        {
            var html = gallery.Read(page);
            Assert.DoesNotMatch(ExternalResource(), html);
            foreach (Match m in Reference().Matches(html))
            {
                var target = WebUtility.HtmlDecode(m.Groups[1].Value);
                if (Scheme().IsMatch(target)) { Assert.StartsWith("http", target); continue; }   // a link out (never a resource: see above)
                links++;
                int hash = target.IndexOf('#');
                var path = hash < 0 ? target : target[..hash];
                var fragment = hash < 0 ? "" : target[(hash + 1)..];
                var full = Path.GetFullPath(Path.Combine(gallery.Site, Path.GetDirectoryName(page)!, path.Length == 0 ? Path.GetFileName(page) : path));
                var file = Path.GetRelativePath(gallery.Site, full).Replace('\\', '/');
                if (!gallery.Pages.Contains(file)) broken.Add($"{page}: {target} (no {file} in the site)");
                else if (fragment.Length > 0 && !gallery.Read(file).Contains($"id=\"{WebUtility.HtmlEncode(fragment)}\"", StringComparison.Ordinal))
                    broken.Add($"{page}: {target} (no id {fragment} in {file})");
            }
        }
        Assert.True(broken.Count == 0, string.Join("\n", broken.Take(40)));
        Assert.True(links > 1000, $"only {links} links checked");
    }

    [Fact]
    public void The_site_shows_every_model_seeded_bug_topic_litmus_test_and_chapter()
    {
        var index = gallery.Read("index.html");
        foreach (var group in Repository.Catalog.All.Select(GalleryContent.GroupOf).Distinct())
            Assert.Contains($"href=\"models/{group}.html\"", index);
        foreach (var topic in GalleryContent.Topics)
        {
            Assert.Contains($"href=\"topics/{topic.Slug}.html\"", index);
            // A pattern that matches nothing is a renamed scenario the topic silently lost.
            foreach (var pattern in topic.Patterns)
                Assert.True(Repository.Catalog.Match([pattern]).Count > 0, $"topic {topic.Slug}: {pattern} matches no scenario");
        }
        foreach (var scenario in Repository.Catalog.All.Where(s => s.Expected != BugKind.None))
        {
            var id = scenario.Name.Replace('/', '_');
            var page = gallery.Read($"bugs/{id}.html");
            Assert.Contains(WebUtility.HtmlEncode(scenario.Description), page);
            Assert.Contains("catches it", page);
            Assert.Contains($"href=\"../reports/{id}.html\"", page);
            Assert.Contains($"<h1>{WebUtility.HtmlEncode(scenario.Name)}</h1>", gallery.Read($"reports/{id}.html"));
            Assert.Contains($"href=\"../bugs/{id}.html\"", gallery.Read($"models/{GalleryContent.GroupOf(scenario)}.html"));
        }
        var litmus = gallery.Read("litmus.html");
        foreach (var test in LitmusCatalogue.All)
            Assert.Contains($">{WebUtility.HtmlEncode(test.Name)}</h2>", litmus);
        // MP is the lesson: relaxed message passing is allowed under ra (with a drawn witness), release/acquire forbids it.
        Assert.Contains("href=\"reports/litmus-MP-ra.html\"", litmus);
        Assert.DoesNotContain("litmus-MP_rel_acq-ra.html", litmus);
        // The committed orders tables, each with every trace it names drawn (none committed: no section at all).
        var tables = Directory.GetFiles(Path.Combine(Repository.Root, "tests", "Snapshots"), "OrdersTests.Table_*.verified.txt").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(tables.Count > 0, index.Contains("id=\"orders\"", StringComparison.Ordinal));
        foreach (var table in tables)
        {
            var name = Path.GetFileName(table)["OrdersTests.Table_".Length..^".verified.txt".Length];
            Assert.Contains($"href=\"orders/{name}.html\"", index);
            var page = gallery.Read($"orders/{name}.html");
            foreach (Match trace in Regex.Matches(File.ReadAllText(table), @"tests/Snapshots/Orders/\S+\.min\.trace\.json"))
                Assert.Contains($">{trace.Value}</a>", page);
        }
        foreach (var chapter in Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md", SearchOption.AllDirectories))
            Assert.Contains($"href=\"docs/{Path.GetRelativePath(Path.Combine(Repository.Root, "docs"), chapter).Replace('\\', '/')[..^3]}.html\"", index);
    }

    [Fact]
    public void Bad_input_is_one_line_and_exit_2()
    {
        var file = Path.Combine(gallery.Scratch, "a-file");
        File.WriteAllText(file, "");
        var (exit, output, error) = BuiltGallery.Run("gallery", file, "--repository", Repository.Root);
        Assert.Equal(2, exit);
        Assert.Contains("is an existing file, not a directory", error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        (exit, output, error) = BuiltGallery.Run("gallery", Path.Combine(gallery.Scratch, "elsewhere"), "--repository", gallery.Scratch);
        Assert.Equal(2, exit);
        Assert.Contains("run in the repository root or give --repository DIR", error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", output);
    }

    /// <summary>
    /// One browser loads every page, each in a frame of a harness page that then reads each frame's document:
    /// the HTML report's error sentinel, and a title. A copy of one report with a broken script proves the
    /// harness sees errors.
    /// </summary>
    [Fact]
    public void Every_page_loads_in_headless_chromium_without_script_errors()
    {
        var browser = Chromium.Find() ?? throw new Xunit.Sdk.XunitException(
            "chromium is not installed: the gallery cannot be checked (apt-get install chromium; scripts/test.sh does this)");
        var report = gallery.Pages.First(p => p.StartsWith("reports/", StringComparison.Ordinal));
        var broken = gallery.Read(report).Replace("document.body.setAttribute('data-ready', 'yes');", "undefinedFunction();");
        Assert.NotEqual(gallery.Read(report), broken);
        File.WriteAllText(Path.Combine(gallery.Scratch, "broken.html"), broken);
        var frames = gallery.Pages.Select(p => "site/" + p).Append("broken.html").ToList();
        var harness = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>harness</title></head><body>\n");
        foreach (var frame in frames) harness.Append("<iframe data-page=\"").Append(frame).Append("\" src=\"").Append(frame).Append("\"></iframe>\n");
        harness.Append("""
            <pre id="result"></pre>
            <script>
            window.addEventListener('load', function () {
              var lines = [];
              document.querySelectorAll('iframe').forEach(function (f) {
                var d = f.contentDocument;
                var error = d && d.documentElement ? d.documentElement.getAttribute('data-script-error') : 'no document';
                lines.push(f.dataset.page + ' ' + (error === null ? (d.title ? 'ok' : 'untitled') : 'error: ' + error));
              });
              document.getElementById('result').textContent = lines.join('\n');
            });
            </script>
            </body></html>
            """);
        var path = Path.Combine(gallery.Scratch, "harness.html");
        File.WriteAllText(path, harness.ToString());
        // File pages may read their frames only with this flag; nothing else changes.
        var dom = Chromium.Run(browser, "--allow-file-access-from-files", "--dump-dom", new Uri(path).AbsoluteUri);
        var result = Regex.Match(dom, "<pre id=\"result\">([^<]*)</pre>");
        Assert.True(result.Success, "the harness wrote no result");
        var lines = WebUtility.HtmlDecode(result.Groups[1].Value).Split('\n');
        Assert.Equal(frames, lines.Select(l => l[..l.IndexOf(' ')]));
        Assert.StartsWith("broken.html error: ", lines[^1]);
        var failed = lines[..^1].Where(l => !l.EndsWith(" ok", StringComparison.Ordinal)).ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }

    [GeneratedRegex(@"\b(?:href|src)=""([^""]*)""")]
    private static partial Regex Reference();

    [GeneratedRegex("""^[a-z][a-z0-9+.-]*:""")]
    private static partial Regex Scheme();

    // What a page would load from elsewhere: a script, style sheet, image or frame by URL, an import, a url() of http.
    [GeneratedRegex("""\bsrc\s*=\s*"(?:[a-z]+:)?//|<link\b|@import|url\(\s*['"]?(?:https?:)?//""")]
    private static partial Regex ExternalResource();
}
