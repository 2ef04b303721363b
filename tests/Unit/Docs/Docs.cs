using System.Text.RegularExpressions;
using ModelCheck.Cli.Gallery;

namespace ModelCheck.Tests.Unit.Docs;

/// <summary>The repository's documentation: README.md and the chapters under docs/, read as Markdown.</summary>
static class Docs
{
    /// <summary>Every Markdown page, as a path relative to the repository root with '/' separators, in ordinal order.</summary>
    public static IReadOnlyList<string> Pages { get; } =
        new[] { "README.md" }
            .Concat(Directory.EnumerateFiles(Path.Combine(Cli.Root, "docs"), "*.md", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Cli.Root, f).Replace('\\', '/')))
            .Order(StringComparer.Ordinal).ToList();

    public static string Read(string page) => File.ReadAllText(Path.Combine(Cli.Root, page)).ReplaceLineEndings("\n");

    /// <summary>A fenced code block: its info string (```console) and its lines.</summary>
    public sealed record Block(string Info, IReadOnlyList<string> Lines);

    public static IEnumerable<Block> Blocks(string text)
    {
        string? info = null;
        var lines = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                if (info is null) { info = line.Trim()[3..].Trim(); lines = []; }
                else { yield return new Block(info, lines); info = null; }
            }
            else if (info is not null) lines.Add(line);
        }
    }

    /// <summary>The text outside fenced code blocks, where links and headings are Markdown.</summary>
    public static IEnumerable<string> Prose(string text)
    {
        bool inBlock = false;
        foreach (var line in text.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) { inBlock = !inBlock; continue; }
            if (!inBlock) yield return line;
        }
    }

    /// <summary>The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered.</summary>
    public static ISet<string> Anchors(string text)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in Prose(text))
        {
            var heading = Regex.Match(line, @"^#{1,6} (.+)$");
            if (!heading.Success) continue;
            var slug = MarkdownHtml.Anchor(heading.Groups[1].Value);
            var unique = slug;
            for (int n = 1; !anchors.Add(unique); n++) unique = $"{slug}-{n}";
        }
        return anchors;
    }
}
