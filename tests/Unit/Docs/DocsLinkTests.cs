using System.Text.RegularExpressions;

namespace ModelCheck.Tests.Unit.Docs;

/// <summary>Every relative link in README.md and docs/ leads somewhere: the file exists, and a #fragment names a heading of it.</summary>
public sealed class DocsLinkTests
{
    [Fact]
    public void Every_relative_link_resolves()
    {
        var broken = new List<string>();
        int links = 0;
        foreach (var page in Docs.Pages)
        {
            var directory = Path.GetDirectoryName(page)!;
            foreach (var line in Docs.Prose(Docs.Read(page)))
                foreach (Match link in Regex.Matches(line, @"\]\(([^)\s]+)\)"))
                {
                    var target = link.Groups[1].Value;
                    if (Regex.IsMatch(target, "^[a-z]+:")) continue;   // http:, https:, mailto: lead outside the repository
                    links++;
                    int hash = target.IndexOf('#');
                    var path = hash < 0 ? target : target[..hash];
                    var fragment = hash < 0 ? "" : target[(hash + 1)..];
                    var full = Path.GetFullPath(Path.Combine(Cli.Root, directory, path.Length == 0 ? Path.GetFileName(page) : path));
                    var file = Path.GetRelativePath(Cli.Root, full).Replace('\\', '/');
                    if (!File.Exists(full) && !Directory.Exists(full)) broken.Add($"{page}: {target} (no {file})");
                    else if (fragment.Length > 0 && !(file.EndsWith(".md", StringComparison.Ordinal) && Docs.Anchors(Docs.Read(file)).Contains(fragment)))
                        broken.Add($"{page}: {target} (no heading #{fragment} in {file})");
                }
        }
        Assert.True(links > 20, $"only {links} relative links found: is the scan reading the pages?");
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    [Fact]
    public void Anchors_follow_githubs_rule()
    {
        var anchors = Docs.Anchors("# Partial-order reduction (`--strategy dpor`)\n## Go 1.24's sync.Map: HashTrieMap\n## A\n## A\n```\n# not a heading\n```\n");
        Assert.Equal(new[] { "a", "a-1", "go-124s-syncmap-hashtriemap", "partial-order-reduction---strategy-dpor" }, anchors.Order(StringComparer.Ordinal));
    }
}
